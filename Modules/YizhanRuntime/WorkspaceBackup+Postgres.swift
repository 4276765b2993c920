import Foundation
import Logging
import YizhanConfig
import YizhanKernel
import YizhanPostgres

/// The backups of PostgreSQL workspaces: `pg_dump --format=custom` of the workspace's schema, proved
/// by restoring it into a new database on the same server (dropped afterwards) and reading back the
/// facts and the digest the manifest records; a restore goes through the same trial database and
/// then into the workspace as `yizhan db copy` does, verified.
extension WorkspaceBackup {
    /// `pg_dump` of `url`'s schema in `scratch`, restored once on trial and checked.
    static func postgresDump(of url: String, in scratch: URL) async throws -> Copy {
        let source = try PostgresURL(url)
        // The schema is brought up to date first, as a SQLite backup's is.
        try await StoreLocation.postgres(url: url).withStore { _ in }
        let dump = scratch.appendingPathComponent(BackupManifest.Engine.postgresql.entryName)
        try await PostgresTools.dump(source, to: dump)
        let (facts, tally) = try await withTrialRestore(of: dump, schema: source.schemaName, on: source) { trial in
            (try await trial.facts(), try await StoreCopy.tally(of: trial))
        }
        guard facts.unknownMigrations == 0, facts.schemaVersion == PostgresStore.schemaVersion, facts.sequenceGaps == 0
        else {
            throw RuntimeError(
                code: .badBackup,
                detail: LocalizedText(
                    "pg_dump 的备份试恢复后与数据库不符(结构 v\(facts.schemaVersion),事件序号缺 \(facts.sequenceGaps) 个),未写备份",
                    en:
                        "pg_dump's backup, restored on trial, does not match the database (schema v\(facts.schemaVersion), \(facts.sequenceGaps) sequences missing); no backup was written"
                )
            )
        }
        return Copy(engine: .postgresql, file: dump, facts: facts, tally: tally, schema: source.schemaName)
    }

    /// Restores the checked dump `file` into the empty PostgreSQL workspace at `target`.
    static func restoreDump(
        _ file: URL,
        _ manifest: BackupManifest,
        into workspace: Workspace,
        at target: PostgresURL
    ) async throws -> Restored {
        let schema = manifest.schema ?? "public"
        let migratedFrom = try await withTrialRestore(of: file, schema: schema, on: target) { trial in
            let facts = try await trial.facts()
            try check(facts, against: manifest)
            try requireKey(of: facts, in: workspace)
            let current = facts.schemaVersion == PostgresStore.schemaVersion
            if current {
                guard try await StoreCopy.tally(of: trial) == manifest.tally else {
                    throw bad(
                        "备份中的数据与清单的条数或摘要不符",
                        "the backup's rows or events do not match its manifest's counts or digest"
                    )
                }
            } else {
                try await trial.migrate()
            }
            try await StoreLocation.postgres(url: workspace.file.database).withStore { store in
                _ = try await StoreCopy.copy(from: trial, to: store)
            }
            return current ? nil : facts.schemaVersion
        }
        return Restored(manifest: manifest, migratedFrom: migratedFrom)
    }

    /// Restores `dump` into a new database on `server`'s server and lends its store, on `schema`,
    /// to `body`; the database is dropped afterwards, whatever happens.
    ///
    /// - Throws: `RuntimeError` `.toolFailed` when the database cannot be made (the role needs
    ///   `CREATEDB`) or `pg_restore` fails, `.badBackup` when the dump is no Yizhan schema.
    private static func withTrialRestore<T: Sendable>(
        of dump: URL,
        schema: String,
        on server: PostgresURL,
        _ body: (PostgresStore) async throws -> T
    ) async throws -> T {
        let logger = Logger(label: "yizhan.backup")
        let name = "yizhan_trial_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let admin = PostgresStore(url: server, logger: logger)
        return try await admin.withConnectionPool {
            do {
                try await admin.createDatabase(named: name)
            } catch {
                let user = server.user
                throw RuntimeError(
                    code: .toolFailed,
                    detail: LocalizedText(
                        "备份要在同一服务器上建一个临时数据库试恢复,以证明它能恢复,但建库被拒绝(\(error));"
                            + "请给角色 \(user) 建库权限(ALTER ROLE \(user) CREATEDB)后再试,未做任何改动",
                        en:
                            "a backup is proved by restoring it into a temporary database on the same server, which was refused (\(error));"
                            + " grant the role \(user) CREATEDB (ALTER ROLE \(user) CREATEDB) and retry; nothing was changed"
                    )
                )
            }
            do {
                if schema == "public" {
                    // A dump of `public` creates it; the new database's own empty one would clash.
                    let bare = PostgresStore(url: server.onDatabase(name), logger: logger)
                    try await bare.withConnectionPool { try await bare.dropSchema(named: "public") }
                }
                try await PostgresTools.restore(dump, into: server.onDatabase(name))
                let trial = PostgresStore(url: server.onDatabase(name, schema: schema), logger: logger)
                let result = try await trial.withConnectionPool {
                    do {
                        _ = try await trial.facts()
                    } catch {
                        throw bad(
                            "备份中的 pg_dump 文件不是驿站的数据库(模式 \(schema) 中没有驿站的表)",
                            "the backup's pg_dump holds no Yizhan database (no Yizhan tables in schema \(schema))"
                        )
                    }
                    return try await body(trial)
                }
                try await admin.dropDatabase(named: name)
                return result
            } catch {
                try? await admin.dropDatabase(named: name)
                throw error
            }
        }
    }
}
