import Foundation
public import Logging
import NIOCore
import NIOPosix
public import PostgresNIO
public import YizhanKernel

/// The store for a city, a province or more: PostgreSQL through PostgresNIO's connection pool.
///
/// The client must run while the store is used; `Workspace.withStore` does that. Writes take the
/// `event_counter` row lock, so events are numbered in commit order with no gaps — a subscriber
/// reading "events after N" can never skip one that commits late.
///
/// ```swift
/// let store = try PostgresStore(url: "postgres://yizhan@127.0.0.1/county?sslmode=disable", logger: logger)
/// try await store.withConnectionPool {
///     try await store.migrate()
///     …
/// }
/// ```
public struct PostgresStore: StationStore {
    let client: PostgresClient
    let schema: String?
    let logger: Logger
    /// `host:port`, for messages.
    let server: String
    /// The server's host and port when it is reached over TCP (not a Unix socket).
    let address: (host: String, port: Int)?

    /// A store over `configuration`'s server; `schema`, if given, is created by `migrate()` when missing
    /// and must be the connections' `search_path`.
    public init(configuration: PostgresClient.Configuration, schema: String? = nil, logger: Logger) {
        var configuration = configuration
        configuration.options.connectTimeout = .seconds(5)
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        server = "\(configuration.host ?? "?"):\(configuration.port ?? 5432)"
        address = configuration.host.map { ($0, configuration.port ?? 5432) }
        self.schema = schema
        self.logger = logger
    }

    /// A store over the server (and schema) a `postgres://` URL names.
    ///
    /// - Throws: `StoreError` `.unavailable` when the URL cannot be used.
    public init(url: String, logger: Logger) throws {
        self.init(url: try PostgresURL(url), logger: logger)
    }

    /// A store over the server (and schema) of a parsed URL.
    public init(url: PostgresURL, logger: Logger) {
        self.init(configuration: url.configuration, schema: url.schema, logger: logger)
    }

    /// Runs the connection pool for as long as `body` does (the scoped way to use the store); the
    /// pool is stopped within 5 s after it (see `PostgresClient.whileRunning`).
    public func withConnectionPool<T>(_ body: () async throws -> T) async throws -> T {
        try await client.whileRunning(logger: logger) {
            try await mapErrors("connect") { try await probe() }
            return try await body()
        }
    }

    /// Makes sure a server answers before anything else is asked of it: a server that is down or
    /// unreachable is a clear error within `timeout` (5 s), not a minute of the pool's retries and a
    /// `ConnectionPoolError`. Whether anything listens is asked of TCP first, so that a server that
    /// listens but is slow to answer (a loaded machine) is waited for, up to `answer` (60 s).
    func probe(timeout: Duration = .seconds(5), answer: Duration = .seconds(60)) async throws {
        if let address {
            do {
                let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .connectTimeout(.seconds(timeout.components.seconds))
                    .connect(host: address.host, port: address.port)
                    .get()
                try? await channel.close()
            } catch {
                throw StoreError(code: .unreachable, location: server, reason: "\(timeout.components.seconds)")
            }
        }
        let client = client
        let logger = logger
        let wait = address == nil ? timeout : answer
        let answered = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await client.withConnection { connection in
                    _ = try await connection.query("SELECT 1", logger: logger).collect()
                }
                return true
            }
            group.addTask {
                try await Task.sleep(for: wait)
                return false
            }
            defer { group.cancelAll() }
            return try await group.next() ?? false
        }
        guard answered else {
            throw StoreError(code: .unreachable, location: server, reason: "\(wait.components.seconds)")
        }
    }

    /// Applies the migrations not yet applied, each in its own transaction, one process at a time.
    public func migrate() async throws {
        try await mapErrors("migrate") {
            try await client.withTransaction(logger: logger) { connection in
                // Serializes concurrent migrations of one database (the key is arbitrary but fixed).
                try await connection.query("SELECT pg_advisory_xact_lock(74242021)", logger: logger)
                if let schema {
                    let quoted = "\"" + schema.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                    try await connection.query(
                        PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(quoted)"),
                        logger: logger
                    )
                }
                try await connection.query(
                    "CREATE TABLE IF NOT EXISTS schema_migration (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)",
                    logger: logger
                )
                let applied = Set(
                    try await connection.query("SELECT name FROM schema_migration", logger: logger).collect()
                        .map { try $0.decode(String.self) }
                )
                let known = Set(Self.migrations.map(\.name))
                guard applied.isSubset(of: known) else {
                    throw StoreError(code: .schemaTooNew, location: "migrate", reason: "unknown migrations applied")
                }
                for migration in Self.migrations where !applied.contains(migration.name) {
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query(
                        "INSERT INTO schema_migration (name, applied_at) VALUES (\(migration.name), now())",
                        logger: logger
                    )
                }
            }
        }
    }

    /// Commits `change` in one transaction.
    @discardableResult
    public func commit(_ change: ChangeSet) async throws -> EventSequence? {
        guard !change.isEmpty else { return nil }
        return try await mapErrors("commit") {
            try await client.withTransaction(logger: logger) { connection in
                try await Self.commit(change, on: connection, logger: logger)
            }
        }
    }

    /// Reads the requested context and commits what `build` makes of it, in one transaction.
    public func commit<Output: Sendable>(
        checking request: ContextRequest,
        _ build: @escaping @Sendable (StationContext?) throws -> (ChangeSet, Output)
    ) async throws -> (sequence: EventSequence?, output: Output) {
        try await mapErrors("commit") {
            try await client.withTransaction(logger: logger) { connection in
                let context = try await Self.fetchStationContext(request, on: connection, logger: logger)
                let (change, output) = try build(context)
                return (try await Self.commit(change, on: connection, logger: logger), output)
            }
        }
    }

    /// Up to `limit` events after `sequence`, oldest first.
    public func events(after sequence: EventSequence, limit: Int) async throws -> [StoredEvent] {
        try await read("event") { connection, logger in
            try await connection.query(
                """
                SELECT sequence, id, type, occurred_at_ms, org_unit_code, station_id, actor, schema_version,
                       payload::text AS payload
                FROM event WHERE sequence > \(sequence.rawValue) ORDER BY sequence LIMIT \(max(0, limit))
                """,
                logger: logger
            ).collect().map(Self.storedEvent)
        }
    }

    /// The newest event's sequence, or `.start`.
    public func lastEventSequence() async throws -> EventSequence {
        try await read("event") { connection, logger in
            let rows = try await connection.query("SELECT last_sequence FROM event_counter", logger: logger).collect()
            return EventSequence(rawValue: try rows.first?.decode(Int64.self) ?? 0)
        }
    }

    /// Runs `body` on a pooled connection, mapping errors.
    func read<T: Sendable>(
        _ location: String,
        _ body: (PostgresConnection, Logger) async throws -> T
    ) async throws -> T {
        try await mapErrors(location) {
            try await client.withConnection { connection in try await body(connection, logger) }
        }
    }

    /// Runs `body`, turning PostgresNIO's errors into `StoreError`s without row values. Errors a
    /// transaction's closure threw itself (an `InputError`, a `StoreError`) come out unchanged.
    func mapErrors<T>(_ location: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PostgresTransactionError {
            let cause = error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError
            if let psql = cause as? PSQLError { throw Self.storeError(psql, location: location) }
            throw cause ?? StoreError(code: .backend, location: location, reason: "the transaction failed")
        } catch let error as PSQLError {
            throw Self.storeError(error, location: location)
        }
    }

    /// A constraint failure (SQLSTATE class 23) with the server's message, which names the table and
    /// constraint but not the values; other failures by their code only.
    static func storeError(_ error: PSQLError, location: String) -> StoreError {
        let state = error.serverInfo?[.sqlState] ?? ""
        let message = error.serverInfo?[.message] ?? "\(error.code)"
        let table = error.serverInfo?[.tableName] ?? location
        if state.hasPrefix("23") {
            let constraint = StoreConstraint(
                sqlState: state,
                table: error.serverInfo?[.tableName],
                column: error.serverInfo?[.columnName],
                constraint: error.serverInfo?[.constraintName],
                detail: error.serverInfo?[.detail]
            )
            return StoreError(code: .constraintViolation, location: table, reason: message, constraint: constraint)
        }
        if error.code == .connectionError || error.code == .serverClosedConnection {
            return StoreError(code: .unavailable, location: location, reason: "\(error.code)")
        }
        return StoreError(code: .backend, location: location, reason: state.isEmpty ? "\(error.code)" : message)
    }
}
