import Foundation
import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// The schema version this build makes and reads: how many migrations it knows.
    public static var schemaVersion: Int { migrator.migrations.count }

    /// Copies the database as it stands at one moment into a new file at `path`, with SQLite's
    /// online backup (sqlite.org/backup.html) inside one read transaction: other connections and
    /// processes go on writing meanwhile, and none of their later writes is half in the copy.
    ///
    /// - Throws: `StoreError` `.unavailable` when `path` exists already or cannot be written.
    public func backup(to path: String) async throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError(code: .unavailable, location: path, reason: "the backup file exists already")
        }
        try await mapErrors("backup") {
            let destination: DatabaseQueue
            do {
                destination = try DatabaseQueue(path: path)
            } catch {
                throw StoreError(code: .unavailable, location: path, reason: Self.reason(error))
            }
            do {
                // All pages in one step, so that the copy is the read transaction's snapshot.
                try pool.backup(to: destination)
                // A file on its own: no write-ahead log beside it to lose or mismatch.
                try destination.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
                try destination.close()
            } catch {
                try? destination.close()
                try? FileManager.default.removeItem(atPath: path)
                throw error
            }
        }
    }

    /// Leaves the closed database at `path` a file on its own (rollback journal, no `-wal` beside
    /// it), as a backup keeps it.
    public static func settle(fileAt path: String) throws {
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try queue.close()
        } catch {
            throw StoreError(code: .unavailable, location: path, reason: reason(error))
        }
    }

    /// Closes the store's connections, so that its file can be moved or removed.
    public func close() throws {
        do {
            try pool.close()
        } catch {
            throw StoreError(code: .backend, location: "close", reason: Self.reason(error))
        }
    }

    /// What the database file at `path` holds, read without migrating or changing it.
    ///
    /// - Throws: `StoreError` `.unavailable` when `path` is not a readable SQLite database.
    public static func facts(ofFile path: String) throws -> DatabaseFacts {
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                let applied = try migrator.appliedIdentifiers(db)
                let known = Set(migrator.migrations)
                let events = try Row.fetchOne(
                    db,
                    sql: "SELECT COUNT(*) AS n, MIN(sequence) AS first, MAX(sequence) AS last FROM event"
                )
                return DatabaseFacts(
                    schemaVersion: applied.count,
                    unknownMigrations: applied.subtracting(known).count,
                    integrity: integrity == ["ok"] ? nil : integrity.prefix(3).joined(separator: "; "),
                    events: events?["n"] ?? 0,
                    firstSequence: events?["first"] ?? 0,
                    lastSequence: events?["last"] ?? 0,
                    dataKeyCheck: try String.fetchOne(db, sql: "SELECT check_value FROM data_key WHERE id = 1")
                )
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(code: .unavailable, location: path, reason: reason(error))
        }
    }
}
