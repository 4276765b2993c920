import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanKernel
import YizhanRuntime

/// `yizhan key …`: the personal-data key.
struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "个人信息密钥 / the personal-data key",
        subcommands: [Fingerprint.self]
    )

    /// `yizhan key fingerprint [--key SOURCE]`.
    struct Fingerprint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "核对一把密钥是否本工作区的密钥,不显示密钥本身 / check a key against the workspace without revealing it",
            discussion: """
                打印密钥的指纹(由密钥算出、不能反推密钥的 32 位十六进制数)和工作区数据库记下的指纹,并说明是否一致;
                不一致时以状态 1 退出。--key 可核对另存的副本,例如 U 盘上的 file:/media/usb/data.key。
                Prints the key's fingerprint and the one the database holds, and whether they match (exit 1 when not).

                示例 / Example:
                  yizhan key fingerprint --workspace yizhan-demo
                  yizhan key fingerprint --workspace yizhan-demo --key file:/media/usb/data.key
                """
        )

        @OptionGroup var options: GlobalOptions

        @Option(help: "要核对的密钥:file:路径 或 env:变量名(默认为工作区的 dataKey) / the key to check")
        var key: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let source = key ?? workspace.keySource
                let fingerprint = try workspace.keyFingerprint(of: key.map(Self.resolved))
                let bound = try await store.dataKeyCheck()
                let zh = options.language == .zhHans
                if options.json {
                    try Terminal.json(["key": source, "fingerprint": fingerprint, "workspace": bound ?? ""])
                } else {
                    Terminal.out(
                        [
                            zh ? "密钥 \(source) 的指纹   \(fingerprint)" : "key \(source) fingerprint  \(fingerprint)",
                            zh
                                ? "工作区数据库记下的指纹 \(bound ?? "(尚无)")"
                                : "the workspace's fingerprint  \(bound ?? "(none yet)")",
                        ].joined(separator: "\n")
                    )
                }
                guard let bound, bound != fingerprint else {
                    if !options.json {
                        Terminal.out(zh ? "一致:这把密钥能打开本工作区的个人信息" : "match: this key opens the workspace's personal data")
                    }
                    return
                }
                throw RuntimeError(
                    code: .wrongDataKey,
                    detail: LocalizedText(
                        "不一致:\(source) 不是本工作区的密钥;请找回建立工作区时生成的密钥文件或它的备份",
                        en:
                            "no match: \(source) is not this workspace's key; find the key file made with the workspace, or its copy"
                    )
                )
            }
        }

        /// `file:` paths as given on the command line are relative to the current folder.
        private static func resolved(_ source: String) -> String {
            guard source.hasPrefix("file:"), !source.hasPrefix("file:/") else { return source }
            return "file:" + FileManager.default.currentDirectoryPath + "/" + source.dropFirst(5)
        }
    }
}
