import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan db …`: the database behind a workspace.
struct DbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "数据库 / the database",
        subcommands: [Backup.self, Restore.self, Copy.self]
    )

    /// `yizhan db copy --from LOCATION --to LOCATION`.
    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "把整个数据库复制到另一处并校验 / copy a whole database and verify the copy",
            discussion: """
                复制每一行与每个事件(事件序号不变),然后导出两边比对条数与 SHA-256 摘要。
                目标库必须是空的。位置写作 sqlite:文件路径 或 postgres://用户@主机:端口/数据库,
                后者可加 ?sslmode=disable 与 &search_path=模式名;密码可放在环境变量 PGPASSWORD。
                Copies every row and event (sequences kept), then exports both sides and compares counts
                and SHA-256 digests. The target must be empty.

                示例 / Example:
                  yizhan db copy --from sqlite:yizhan-demo/yizhan.sqlite \\
                    --to "postgres://yizhan@127.0.0.1:5432/city?sslmode=disable&search_path=haiyan"
                """
        )

        @OptionGroup var options: GlobalOptions

        @Option(help: "源数据库 / the source (sqlite:PATH or postgres://…)")
        var from: String

        @Option(help: "目标数据库(须为空) / the empty target")
        var to: String

        @Option(name: .customLong("batch-size"), help: "每批行数 / rows per batch")
        var batchSize: Int = 1_000

        func validate() throws {
            guard (1...100_000).contains(batchSize) else {
                throw ValidationError("--batch-size 应在 1 至 100000 之间 / must be 1 to 100,000")
            }
        }

        func run() async throws {
            try await options.reporting {
                let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
                let source = try StoreLocation(from, relativeTo: here)
                let target = try StoreLocation(to, relativeTo: here)
                if case .sqlite(let path) = source, !FileManager.default.fileExists(atPath: path) {
                    throw RuntimeError(
                        code: .noWorkspace,
                        detail: LocalizedText("源数据库 \(path) 不存在", en: "the source database \(path) does not exist")
                    )
                }
                let label = options.language == .zhHans ? "已复制" : "copied"
                let report = try await source.withStore { sourceStore in
                    try await target.withStore { targetStore in
                        try await StoreCopy.copy(from: sourceStore, to: targetStore, batchSize: batchSize) { copied in
                            Terminal.count(label, copied)
                        }
                    }
                }
                Terminal.count(label, nil)
                options.json ? try Terminal.json(report) : Terminal.out(render(report, from: source, to: target))
            }
        }

        private func render(_ report: StoreCopy.Report, from source: StoreLocation, to target: StoreLocation) -> String
        {
            let zh = options.language == .zhHans
            var table = TextTable(
                columns: [
                    .init(zh ? "类别" : "kind"), .init(zh ? "源" : "source", alignment: .right),
                    .init(zh ? "目标" : "target", alignment: .right),
                ]
            )
            let kinds = Set(report.source.counts.keys).union(report.target.counts.keys).sorted()
            for kind in kinds {
                table.append([
                    kind, groupedDigits(report.source.counts[kind] ?? 0),
                    groupedDigits(report.target.counts[kind] ?? 0),
                ])
            }
            return [
                zh ? "从 \(source)" : "from \(source)", zh ? "到 \(target)" : "to   \(target)", "", table.render(), "",
                "SHA-256 \(report.target.digest)",
                zh ? "校验一致:条数与摘要相同" : "verified: counts and digests match",
            ].joined(separator: "\n")
        }
    }
}
