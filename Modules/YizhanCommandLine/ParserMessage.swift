import ArgumentParser
import Foundation

/// ArgumentParser's own refusals (a missing argument, an unknown option, a value it cannot read)
/// in Chinese, with the English original kept beside them (issue 21.15).
enum ParserMessage {
    /// The Chinese for one of ArgumentParser's English messages, or `nil` for any other text.
    static func chinese(for english: String) -> String? {
        let rules: [(String, (String, String) -> String)] = [
            (#"^Missing expected argument '(.+)'$"#, { first, _ in "缺少参数 \(first)" }),
            (#"^Missing value for '(.+)'$"#, { first, _ in "选项 \(first) 缺少取值" }),
            (
                #"^Unknown option '([^']+)'\. Did you mean '([^']+)'\?$"#,
                { first, second in "未知选项 \(first);是指 \(second) 吗?" }
            ),
            (#"^Unknown option '(.+)'$"#, { first, _ in "未知选项 \(first)" }),
            (#"^Unexpected argument '(.+)'$"#, { first, _ in "多余的参数 \(first)" }),
            (#"^The value '(.*)' is invalid for '(.+)'"#, { first, second in "\(second) 的取值“\(first)”无效" }),
            (#"^Missing required subcommand\.$"#, { _, _ in "缺少子命令" }),
        ]
        let line = english.split(separator: "\n").first.map(String.init) ?? english
        let text = line.hasPrefix("Error: ") ? String(line.dropFirst(7)) : line
        for (pattern, make) in rules {
            guard let expression = try? NSRegularExpression(pattern: pattern),
                let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
            else { continue }
            func group(_ index: Int) -> String {
                guard index < match.numberOfRanges, let range = Range(match.range(at: index), in: text) else {
                    return ""
                }
                return String(text[range])
            }
            return make(group(1), group(2))
        }
        return nil
    }

    /// The option an "Unknown option" message names, without its value placeholder.
    static func unknownOption(in english: String) -> String? {
        guard let start = english.range(of: "Unknown option '")?.upperBound,
            let end = english[start...].firstIndex(of: "'")
        else { return nil }
        return String(english[start..<end])
    }

    /// The commands under `root` whose help lists `option`, as they are typed (`yizhan export clients`).
    static func commands(taking option: String, under root: any ParsableCommand.Type) -> [String] {
        var found: [String] = []
        func visit(_ command: any ParsableCommand.Type, path: [String]) {
            let subcommands = command.configuration.subcommands
            guard subcommands.isEmpty else {
                for sub in subcommands { visit(sub, path: path + [name(of: sub)]) }
                return
            }
            let help = root.helpMessage(for: command, columns: 1_000)
            if help.range(
                of: "(^|[\\s,])\(NSRegularExpression.escapedPattern(for: option))([\\s<=]|$)",
                options: .regularExpression
            )
                != nil
            {
                found.append(path.joined(separator: " "))
            }
        }
        visit(root, path: [name(of: root)])
        return found
    }

    /// A command's name as typed: its configured name, else its type's name in kebab case.
    private static func name(of command: any ParsableCommand.Type) -> String {
        if let name = command.configuration.commandName { return name }
        var result = ""
        for character in String(describing: command) {
            if character.isUppercase, !result.isEmpty { result += "-" }
            result += character.lowercased()
        }
        return result
    }
}
