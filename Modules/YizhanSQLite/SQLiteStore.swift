public import Foundation
import GRDB
public import YizhanKernel

/// The embedded default store: one SQLite file per workspace, in WAL mode, through GRDB.
///
/// Writes go through GRDB's single writer, each change set in one transaction; reads run
/// concurrently on the pool's readers. Foreign keys are on and the schema carries the
/// invariants (NOT NULL, CHECK, UNIQUE), so a bad row fails the whole change set.
///
/// ```swift
/// let store = try SQLiteStore(path: "workspace/yizhan.sqlite")
/// try await store.migrate()
/// ```
public struct SQLiteStore: StationStore {
    let pool: DatabasePool
    /// The database file.
    public let path: String
    /// How long a writer waits for another process's write lock.
    let busyTimeout: TimeInterval

    /// How long a writer waits for another process's write lock before giving up with
    /// `StoreError.Code.busy`: longer than the longest write Yizhan makes in one transaction (a
    /// million-row ledger import holds it about 22 s, docs/benchmarks.md), so that the CLI, the
    /// notifier, the server and the reports share one file without "database is locked" (issue 27.5).
    public static let defaultBusyTimeout: TimeInterval = 60

    /// Opens (creating if needed) the database at `path`.
    ///
    /// - Parameter busyTimeout: how long a writer waits for another process's write lock.
    /// - Throws: `StoreError` `.unavailable` when the file cannot be opened as a database.
    public init(path: String, busyTimeout: TimeInterval = SQLiteStore.defaultBusyTimeout) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            // WAL with NORMAL sync is durable against process crashes; a power cut may lose the
            // last transactions but never corrupts the file (sqlite.org/wal.html).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
            // Erased or overwritten personal data is zeroed in the file, not left in free space.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(code: .unavailable, location: path, reason: Self.reason(error))
        }
        self.path = path
        self.busyTimeout = busyTimeout
    }

    /// Brings the schema up to date with the append-only migrations in `SQLiteStore.migrator`.
    public func migrate() async throws {
        try await mapErrors("migrate") {
            let migrator = Self.migrator
            try await pool.write { db in
                if try migrator.hasBeenSuperseded(db) {
                    throw StoreError(code: .schemaTooNew, location: "migrate", reason: "unknown migrations applied")
                }
            }
            try migrator.migrate(pool)
        }
    }

    /// Commits `change` in one transaction: every row and event, or nothing.
    @discardableResult
    public func commit(_ change: ChangeSet) async throws -> EventSequence? {
        guard !change.isEmpty else { return nil }
        return try await mapErrors("commit") {
            try await pool.write { db in try Self.commit(change, in: db) }
        }
    }

    /// Writes `change` inside the current transaction; returns the last event's sequence.
    static func commit(_ change: ChangeSet, in db: Database) throws -> EventSequence? {
        guard !change.isEmpty else { return nil }
        guard !change.events.isEmpty else {
            throw StoreError(code: .invalidChange, location: "commit", reason: "\(change.writes.count) rows, no event")
        }
        for write in change.writes { try apply(write, in: db) }
        var last = EventSequence.start
        for event in change.events { last = try append(event, in: db) }
        return last
    }

    /// Reads the requested context and commits what `build` makes of it, in one write transaction.
    public func commit<Output: Sendable>(
        checking request: ContextRequest,
        _ build: @escaping @Sendable (StationContext?) throws -> (ChangeSet, Output)
    ) async throws -> (sequence: EventSequence?, output: Output) {
        try await mapErrors("commit") {
            try await pool.write { db in
                let context = try Self.fetchStationContext(db, request)
                let (change, output) = try build(context)
                return (try Self.commit(change, in: db), output)
            }
        }
    }

    /// Up to `limit` events after `sequence`, oldest first.
    public func events(after sequence: EventSequence, limit: Int) async throws -> [StoredEvent] {
        try await mapErrors("events") {
            try await pool.read { db in
                let rows = try Self.rows(
                    db,
                    sql: """
                        SELECT sequence, id, type, occurred_at_ms, org_unit_code, station_id, actor, schema_version,
                               payload
                        FROM event WHERE sequence > ? ORDER BY sequence LIMIT ?
                        """,
                    arguments: [sequence.rawValue, max(0, limit)]
                )
                return try rows.map(Self.storedEvent)
            }
        }
    }

    /// The newest event's sequence, or `.start`.
    public func lastEventSequence() async throws -> EventSequence {
        try await mapErrors("events") {
            try await pool.read { db in
                EventSequence(rawValue: try Int64.fetchOne(db, sql: "SELECT MAX(sequence) FROM event") ?? 0)
            }
        }
    }

    /// Runs `body`, turning GRDB's errors into `StoreError`s that carry no row values.
    func mapErrors<T>(_ location: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError(
                code: .constraintViolation,
                location: location,
                reason: Self.reason(error),
                constraint: Self.constraint(error, table: nil)
            )
        } catch let error as WriteFailure {
            throw StoreError(
                code: .constraintViolation,
                location: error.table,
                reason: Self.reason(error.underlying),
                constraint: Self.constraint(error.underlying, table: error.table)
            )
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
        {
            throw StoreError(code: .busy, location: location, reason: String(format: "%g", busyTimeout))
        } catch let error as DatabaseError {
            throw StoreError(code: .backend, location: location, reason: Self.reason(error))
        }
    }

    /// The rule SQLite's message names, with `table` filled in where the message leaves it out.
    static func constraint(_ error: DatabaseError, table: String?) -> StoreConstraint? {
        guard var constraint = StoreConstraint(sqliteMessage: error.message ?? "") else { return nil }
        if constraint.table.isEmpty, let table { constraint.table = table }
        return constraint
    }

    /// SQLite's own message (constraint messages name columns, never values), or the error's type.
    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "SQLite code \(error.extendedResultCode.rawValue)"
        }
        return String(describing: type(of: error))
    }
}

/// A constraint failure while writing one table, kept to say where it happened.
struct WriteFailure: Error {
    let table: String
    let underlying: DatabaseError
}
