import Foundation
import YizhanKernel
import YizhanPostgres

/// PostgreSQL's own `pg_dump` and `pg_restore`, run as the documentation gives them, reaching the
/// database through libpq's environment variables so that no password is on a command line.
enum PostgresTools {
    /// Dumps `url`'s schema into `file` in pg_dump's custom format: one consistent snapshot
    /// (pg_dump's own repeatable-read transaction) while others go on writing.
    static func dump(_ url: PostgresURL, to file: URL) async throws {
        try await run(
            "pg_dump",
            [
                "--format=custom", "--schema=\(url.schemaName)", "--no-owner", "--no-privileges",
                "--file=\(file.path)",
            ],
            environment: url.libpqEnvironment
        )
    }

    /// Restores the dump `file` into `url`'s database in one transaction, stopping at the first error.
    static func restore(_ file: URL, into url: PostgresURL) async throws {
        try await run(
            "pg_restore",
            [
                "--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges",
                "--dbname=\(url.database)", file.path,
            ],
            environment: url.libpqEnvironment
        )
    }

    /// Runs `tool` with `arguments` and waits for it, off Swift's concurrency threads.
    ///
    /// - Throws: `RuntimeError` `.toolFailed` when the tool is not installed or exits with an
    ///   error, with its own first error lines (never the SQL or rows it was working on).
    private static func run(_ tool: String, _ arguments: [String], environment: [String: String]) async throws {
        guard let executable = executable(named: tool) else {
            throw RuntimeError(
                code: .toolFailed,
                detail: LocalizedText(
                    "找不到 \(tool):PostgreSQL 工作区的备份与恢复要用 PostgreSQL 自己的工具,"
                        + "请安装与服务器同版本或更新的客户端(Debian:apt-get install postgresql-client)",
                    en:
                        "\(tool) is not installed: backing up and restoring a PostgreSQL workspace uses PostgreSQL's own tools;"
                        + " install a client as new as the server (Debian: apt-get install postgresql-client)"
                )
            )
        }
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-\(tool)-\(UUID()).log")
        guard FileManager.default.createFile(atPath: errors.path, contents: nil, attributes: [.posixPermissions: 0o600])
        else { throw unwritable(errors) }
        defer { try? FileManager.default.removeItem(at: errors) }
        let status = try await ChildProcess(
            executable: executable.path,
            arguments: arguments,
            environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
            errors: .file(errors.path)
        ).ended()
        guard status == 0 else {
            let said = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            let reason = said.split(separator: "\n")
                .filter { $0.hasPrefix("\(tool): error:") || $0.hasPrefix("\(tool): 错误:") || $0.hasPrefix("ERROR:") }
                .prefix(2).map { String($0.prefix(300)) }.joined(separator: "; ")
            throw RuntimeError(
                code: .toolFailed,
                detail: LocalizedText(
                    "\(tool) 失败(退出码 \(status)):\(reason.isEmpty ? "没有说明" : reason)",
                    en: "\(tool) failed (exit status \(status)): \(reason.isEmpty ? "no message" : reason)"
                )
            )
        }
    }

    /// `tool` on `PATH`, if it is there.
    private static func executable(named tool: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").lazy.map { URL(fileURLWithPath: String($0)).appendingPathComponent(tool) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    private static func unwritable(_ file: URL) -> RuntimeError {
        RuntimeError(
            code: .writeFailed,
            detail: LocalizedText("无法写入 \(file.path)", en: "cannot write \(file.path)")
        )
    }
}
