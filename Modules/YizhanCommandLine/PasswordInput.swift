import Foundation
public import YizhanKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a password at the shell: typed twice without echo at a terminal, or one line from
/// standard input (`--password-stdin`) for scripts. Never from an argument, where `ps` and the
/// shell's history would keep it.
public enum PasswordInput {
    /// The password, or a `ValidationError`-style message when none was given.
    public static func read(fromStandardInput: Bool, language: Language) throws -> String {
        let zh = language == .zhHans
        if fromStandardInput || isatty(STDIN_FILENO) != 1 {
            guard fromStandardInput else {
                throw PasswordInputError(
                    "标准输入不是终端:请加 --password-stdin 从标准输入读一行密码,或用 --generate-password",
                    en:
                        "standard input is not a terminal: add --password-stdin to read one line, or --generate-password"
                )
            }
            guard let line = Swift.readLine(strippingNewline: true) else {
                throw PasswordInputError("标准输入没有密码,未做改动", en: "no password on standard input; nothing was changed")
            }
            return line
        }
        let first = try prompt(zh ? "新密码(8–128 个字符,输入时不显示):" : "new password (8–128 characters, not shown): ")
        let second = try prompt(zh ? "再输入一次:" : "again: ")
        guard first == second else {
            throw PasswordInputError("两次输入的密码不一致,未做改动", en: "the two passwords differ; nothing was changed")
        }
        return first
    }

    private static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = Swift.readLine(strippingNewline: true) else {
            throw PasswordInputError("没有输入密码,未做改动", en: "no password typed; nothing was changed")
        }
        return line
    }
}

/// No password could be read; nothing was changed.
public struct PasswordInputError: Error, UserFacingError {
    /// What went wrong and what to do.
    public let detail: LocalizedText

    init(_ zh: String, en: String) { detail = LocalizedText(zh, en: en) }

    /// The message in `language`.
    public func message(in language: Language) -> String { detail.text(in: language) }
}
