import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanKernel
import YizhanReports
import YizhanRuntime

extension DbCommand {
    /// `yizhan db backup FILE`.
    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "备份工作区的数据库 / back the workspace's database up",
            discussion: """
                用 SQLite 的在线备份取数据库某一时刻的完整副本,其间别的命令、通知程序和服务器照常写入;
                副本经完整性检查后与清单(数据库结构版本、SHA-256、事件序号范围、各类条数与摘要)一起写成一个 ZIP 文件。
                PostgreSQL 工作区用 pg_dump --format=custom 导出工作区的模式,先在同一服务器的临时数据库里用
                pg_restore 试恢复并读出清单的各项,再写成同样的 ZIP;要装 postgresql-client,角色要有 CREATEDB。
                个人信息密钥不在备份里:请另行保存密钥文件的副本,恢复时要用它。
                Takes a consistent copy with SQLite's online backup while other processes keep writing, and
                writes it with a manifest (schema version, SHA-256, event range, counts and digest) as one ZIP.
                A PostgreSQL workspace is dumped with pg_dump --format=custom, proved by a trial pg_restore into
                a temporary database on the same server (needs postgresql-client and a role with CREATEDB).
                The personal-data key is never in a backup: keep the key's own copy apart.

                示例 / Example:
                  yizhan db backup --workspace yizhan-demo backup-2026-12-07.zip
                """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "备份文件(不能已存在) / the backup file to write (must not exist)")
        var file: String

        func run() async throws {
            try await options.reporting {
                let workspace = try options.openWorkspace()
                let target = URL(fileURLWithPath: file)
                let manifest = try await WorkspaceBackup.make(of: workspace, to: target)
                let fingerprint = manifest.dataKeyFingerprint.map { String($0.prefix(8)) + "…" } ?? "—"
                if options.json { return try Terminal.json(manifest) }
                let zh = options.language == .zhHans
                let size = (try? FileManager.default.attributesOfItem(atPath: target.path)[.size] as? Int) ?? 0
                let rows = manifest.tally.counts.filter { $0.key != "event" }.values.reduce(0, +)
                let bytes = groupedDigits(size)
                let rowCount = groupedDigits(rows)
                let events = groupedDigits(manifest.events)
                let range = "\(manifest.firstSequence)–\(manifest.lastSequence)"
                let key = workspace.keySource
                var lines: [String] =
                    zh
                    ? [
                        "已备份到 \(file)(\(bytes) 字节)",
                        "  数据库结构 v\(manifest.schemaVersion),\(rowCount) 行,事件 \(events) 条(序号 \(range))",
                        "  数据库 SHA-256 \(manifest.databaseSHA256)",
                    ]
                    : [
                        "backed up to \(file) (\(bytes) bytes)",
                        "  schema v\(manifest.schemaVersion), \(rowCount) rows, \(events) events (\(range))",
                        "  database SHA-256 \(manifest.databaseSHA256)",
                    ]
                if manifest.copyEngine == .postgresql {
                    lines.append(
                        zh
                            ? "  pg_dump 导出,已在临时数据库中试恢复,上面各项都是从中读出的"
                            : "  dumped with pg_dump and restored on trial into a temporary database, which gave the figures above"
                    )
                }
                lines.append(
                    zh
                        ? "  个人信息密钥不在备份中:请另行保存 \(key) 的副本(指纹 \(fingerprint)),"
                            + "没有它,备份中的姓名、身份证号和电话无法打开"
                        : "  the personal-data key is not in the backup: keep a copy of \(key) apart"
                            + " (fingerprint \(fingerprint)); without it the names, ID numbers and phones cannot be opened"
                )
                Terminal.out(lines.joined(separator: "\n"))
            }
        }
    }

    /// `yizhan db restore FILE`.
    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "把备份恢复到空的工作区 / restore a backup into an empty workspace",
            discussion: """
                先逐项校验,全部一致才写入:清单、数据库结构版本(较新的拒绝)、数据库的字节数与 SHA-256、
                SQLite 完整性检查、事件序号范围、个人信息密钥的指纹、各类条数与摘要。工作区的数据库必须还没有数据;
                恢复前请停下使用该工作区的服务器与通知程序。PostgreSQL 工作区的备份(pg_dump)只恢复到 PostgreSQL
                工作区,先在临时数据库里恢复并核对,再复制进来。
                Checks everything first — manifest, schema version (newer refused), size and SHA-256, integrity,
                event range, key fingerprint, counts and digest — and writes only when all agree. The
                workspace's database must hold no data yet; stop its server and notifier first. A PostgreSQL
                workspace's backup (pg_dump) restores only into PostgreSQL, through a checked trial database.

                示例 / Example:
                  yizhan init restored --county 330424 --data-key file:/media/usb/data.key
                  yizhan db restore --workspace restored backup-2026-12-07.zip
                """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "备份文件 / the backup file")
        var file: String

        func run() async throws {
            try await options.reporting {
                let workspace = try options.openWorkspace()
                let restored = try await WorkspaceBackup.restore(from: URL(fileURLWithPath: file), into: workspace)
                if options.json { return try Terminal.json(restored.manifest) }
                let manifest = restored.manifest
                let zh = options.language == .zhHans
                let rows = groupedDigits(manifest.tally.counts.filter { $0.key != "event" }.values.reduce(0, +))
                let events = groupedDigits(manifest.events)
                let range = "\(manifest.firstSequence)–\(manifest.lastSequence)"
                let taken = Terminal.shanghaiTime(manifest.madeAt)
                var lines: [String] =
                    zh
                    ? [
                        "已从 \(file) 恢复到 \(workspace.root.relativePath)(备份于 \(taken))",
                        "  \(rows) 行,事件 \(events) 条(序号 \(range))",
                        "  校验一致:SHA-256、完整性、事件序号、密钥指纹、各类条数与摘要均与清单相同",
                    ]
                    : [
                        "restored \(file) into \(workspace.root.relativePath) (taken \(taken))",
                        "  \(rows) rows, \(events) events (\(range))",
                        "  verified: SHA-256, integrity, event range, key fingerprint, counts and digest match the manifest",
                    ]
                if let from = restored.migratedFrom {
                    lines.append(zh ? "  数据库结构已从 v\(from) 升级" : "  schema migrated from v\(from)")
                }
                Terminal.out(lines.joined(separator: "\n"))
            }
        }
    }
}
