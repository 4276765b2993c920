import Foundation
import Logging
import PostgresNIO
import Testing
import YizhanKernel
import YizhanKernelTesting

@testable import YizhanPostgres

/// The server `.ci/start-postgres` starts; the PostgreSQL tests run when it is set.
let serverURL = ProcessInfo.processInfo.environment["YIZHAN_TEST_POSTGRES_URL"]
let hasServer = serverURL != nil

/// Runs `body` with a migrated store in a schema of its own, dropped afterwards.
func withFreshStore<T: Sendable>(_ body: (PostgresStore) async throws -> T) async throws -> T {
    let url = try #require(serverURL)
    let logger = Logger(label: "yizhan.test.postgres")
    let admin = PostgresClient(configuration: try PostgresURL(url).configuration, backgroundLogger: logger)
    let schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    var configuration = try PostgresURL(url).configuration
    configuration.options.additionalStartupParameters = [("search_path", schema)]
    let store = PostgresStore(configuration: configuration, logger: logger)
    return try await admin.whileRunning(logger: logger) {
        try await admin.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(schema)"))
        do {
            let result = try await store.withConnectionPool {
                try await store.migrate()
                return try await body(store)
            }
            try await admin.query(PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema) CASCADE"))
            return result
        } catch {
            _ = try? await admin.query(PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema) CASCADE"))
            throw error
        }
    }
}

@Suite(.enabled(if: hasServer, "set YIZHAN_TEST_POSTGRES_URL, e.g. $(.ci/start-postgres)"))
struct PostgresStoreTests {
    @Test(arguments: StoreConformance.cases)
    func conformance(_ check: StoreConformance) async throws {
        try await withFreshStore { store in try await check.run(on: store) }
    }

    /// Concurrent commits are numbered in commit order with no gap, so a cursor never skips one.
    @Test func concurrentCommitsGetGapFreeSequences() async throws {
        try await withFreshStore { store in
            try await store.commit(Fixtures.directory())
            let before = try await store.lastEventSequence()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask { try await store.commit(Fixtures.recording([Fixtures.record("p\(index)")])) }
                }
                try await group.waitForAll()
            }
            let events = try await store.events(after: before, limit: 100)
            #expect(events.map(\.sequence.rawValue) == Array((before.rawValue + 1)...(before.rawValue + 40)))
            #expect(try await store.lastEventSequence().rawValue == before.rawValue + 40)
        }
    }

    @Test func refusesToRewriteHistory() async throws {
        try await withFreshStore { store in
            try await store.commit(Fixtures.directory())
            let error = await #expect(throws: PSQLError.self) {
                try await store.client.query("DELETE FROM event")
            }
            #expect(error?.serverInfo?[.message] == "the event log is append-only")
        }
    }

    @Test func migratingTwiceAppliesEachMigrationOnce() async throws {
        try await withFreshStore { store in
            try await store.migrate()
            let rows = try await store.client.query("SELECT count(*) FROM schema_migration").collect()
            #expect(try rows.first?.decode(Int.self) == PostgresStore.migrations.count)
        }
    }
}

struct PostgresURLTests {
    @Test func readsTheURLAndKeepsThePasswordOutOfErrors() throws {
        let url = try PostgresURL("postgres://yizhan:secret@db.example:6543/county?sslmode=disable")
        #expect(url.configuration.host == "db.example")
        #expect(url.configuration.port == 6543)
        #expect(url.configuration.username == "yizhan" && url.configuration.database == "county")
        let error = #expect(throws: StoreError.self) { try PostgresURL("postgres://yizhan:secret@db.example") }
        #expect(error?.reason.contains("database") == true)
        #expect(error?.description.contains("secret") == false)
        #expect(throws: StoreError.self) { try PostgresURL("mysql://x@y/z") }
        #expect(throws: StoreError.self) { try PostgresURL("postgres://x@y/z?sslmode=maybe") }
    }

    @Test func takesThePasswordFromTheEnvironment() throws {
        let url = try PostgresURL("postgres://yizhan@127.0.0.1/county", environment: ["PGPASSWORD": "from-env"])
        #expect(url.configuration.password == "from-env")
        #expect(url.configuration.port == 5432)
    }

    /// CI must run the PostgreSQL suite, not skip it: `.ci/run` starts a server.
    @Test func ciProvidesAServer() {
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            #expect(hasServer, "CI ran without YIZHAN_TEST_POSTGRES_URL")
        }
    }
}
