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
        subcommands: [Fingerprint.self, Rotate.self]
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

    /// `yizhan key rotate`.
    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "换一把新的个人信息密钥,重新加密每个人的信息 / seal everyone's data again under a new key",
            discussion: """
                生成新密钥(先写成 密钥文件.new),在一个事务里用它重新加密每位服务对象和志愿者的姓名、身份证号和电话,
                重算身份证号与电话的摘要,并记一条 key.rotated 事件(只有指纹和人数);提交后旧密钥改名为
                密钥文件.retired-时间,新密钥接替原名。中途被打断时数据库只会整体处于旧密钥或新密钥之下,再运行一次即完成。
                旧密钥仍能打开轮换前的备份:与那些备份一起保管,或连同它们一起销毁。轮换前请停下使用该工作区的服务器。
                Generates a new key (written first as KEYFILE.new), seals every client's and volunteer's data
                again under it in one transaction with a key.rotated event, then retires the old key file.
                Interrupted, it leaves the database wholly under one key; running it again finishes it.

                示例 / Example:
                  yizhan key rotate --workspace yizhan-demo
                """
        )

        @OptionGroup var options: GlobalOptions

        func run() async throws {
            try await options.reporting {
                let workspace = try options.openWorkspace()
                let rotated = try await KeyRotation.rotate(workspace, by: .commandLineUser)
                if options.json {
                    return try Terminal.json([
                        "from": rotated.from, "to": rotated.to, "clients": String(rotated.clients),
                        "volunteers": String(rotated.volunteers), "requests": String(rotated.requests),
                        "retired": rotated.retired.path,
                    ])
                }
                let zh = options.language == .zhHans
                let retired = rotated.retired.lastPathComponent
                let lines: [String] =
                    if rotated.finishedEarlierRun {
                        zh
                            ? ["已完成上次中断的密钥轮换:新密钥指纹 \(rotated.to),旧密钥已移到 \(retired)"]
                            : [
                                "finished the interrupted rotation: new key \(rotated.to), the old key moved to \(retired)"
                            ]
                    } else if zh {
                        [
                            "已轮换个人信息密钥:\(rotated.clients) 位服务对象、\(rotated.volunteers) 位志愿者的信息"
                                + (rotated.requests > 0 ? "和 \(rotated.requests) 件居民诉求" : "") + "已用新密钥重新加密",
                            "  旧密钥指纹 \(rotated.from),已移到 \(retired)(它仍能打开轮换前的备份)",
                            "  新密钥指纹 \(rotated.to)(\(workspace.keySource));请另存一份新密钥的副本",
                        ]
                    } else {
                        [
                            "rotated the personal-data key: \(rotated.clients) clients and \(rotated.volunteers) volunteers"
                                + (rotated.requests > 0 ? " and \(rotated.requests) residents' requests" : "")
                                + " sealed again",
                            "  old key \(rotated.from), moved to \(retired) (it still opens the backups taken before)",
                            "  new key \(rotated.to) (\(workspace.keySource)); keep a copy of it apart",
                        ]
                    }
                Terminal.out(lines.joined(separator: "\n"))
            }
        }
    }
}
