import Foundation
import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// The schema version this build makes and reads: how many migrations it knows.
    public static var schemaVersion: Int { migrations.count }

    /// What the schema holds, read in one snapshot without migrating or changing it.
    ///
    /// - Throws: `StoreError` `.unavailable` when the schema holds no Yizhan tables.
    public func facts() async throws -> DatabaseFacts {
        try await mapErrors("facts") {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", logger: logger)
                let applied = try await connection.query("SELECT name FROM schema_migration", logger: logger)
                    .collect().map { try $0.decode(String.self) }
                let known = Set(Self.migrations.map(\.name))
                let events = try await connection.query(
                    """
                    SELECT COUNT(*) AS n, COALESCE(MIN(sequence), 0) AS first, COALESCE(MAX(sequence), 0) AS last
                    FROM event
                    """,
                    logger: logger
                ).collect().first?.makeRandomAccess()
                let count = try events?["n"].decode(Int64.self) ?? 0
                let first = try events?["first"].decode(Int64.self) ?? 0
                let last = try events?["last"].decode(Int64.self) ?? 0
                let check = try await connection.query("SELECT check_value FROM data_key WHERE id = 1", logger: logger)
                    .collect().first?.decode(String.self)
                return DatabaseFacts(
                    schemaVersion: applied.count,
                    unknownMigrations: Set(applied).subtracting(known).count,
                    integrity: nil,
                    events: Int(count),
                    firstSequence: first,
                    lastSequence: last,
                    dataKeyCheck: check
                )
            }
        }
    }

    /// Creates the empty database `name` on this store's server, for a backup's trial restore.
    ///
    /// - Throws: `StoreError` when the name is not a plain lower-case identifier, or when the
    ///   server refuses (the role needs `CREATEDB`).
    public func createDatabase(named name: String) async throws {
        let quoted = try Self.plainIdentifier(name)
        try await read("create database") { connection, logger in
            _ = try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(quoted)"), logger: logger)
                .collect()
        }
    }

    /// Drops the database `name` (made by `createDatabase`), closing any connection left to it.
    public func dropDatabase(named name: String) async throws {
        let quoted = try Self.plainIdentifier(name)
        try await read("drop database") { connection, logger in
            _ = try await connection.query(
                PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(quoted) WITH (FORCE)"),
                logger: logger
            ).collect()
        }
    }

    /// Drops the schema `name` and everything in it (a trial restore's fresh `public`).
    public func dropSchema(named name: String) async throws {
        let quoted = try Self.plainIdentifier(name)
        try await read("drop schema") { connection, logger in
            _ = try await connection.query(
                PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(quoted) CASCADE"),
                logger: logger
            )
            .collect()
        }
    }

    /// `name` double-quoted, once it is known to be a plain lower-case identifier.
    private static func plainIdentifier(_ name: String) throws -> String {
        guard name.range(of: "^[a-z_][a-z0-9_]{0,62}$", options: .regularExpression) != nil else {
            throw StoreError(code: .unavailable, location: name, reason: "not a lower-case identifier")
        }
        return "\"\(name)\""
    }
}
