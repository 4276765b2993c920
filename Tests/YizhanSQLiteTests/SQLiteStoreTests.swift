import Foundation
import GRDB
import Testing
import YizhanKernel
import YizhanKernelTesting

@testable import YizhanSQLite

/// A migrated SQLite store in a fresh temporary folder, removed when the test ends.
struct TemporaryStore {
    let folder: URL
    let store: SQLiteStore

    init() async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteStore(path: folder.appendingPathComponent("yizhan.sqlite").path)
        try await store.migrate()
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

struct SQLiteStoreTests {
    @Test(arguments: StoreConformance.cases)
    func conformance(_ check: StoreConformance) async throws {
        let temporary = try await TemporaryStore()
        defer { temporary.remove() }
        try await check.run(on: temporary.store)
    }

    @Test func opensInWALModeWithForeignKeys() async throws {
        let temporary = try await TemporaryStore()
        defer { temporary.remove() }
        let (mode, foreignKeys) = try await temporary.store.pool.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(mode == "wal")
        #expect(foreignKeys == 1)
    }

    @Test func aSecondProcessSeesCommittedRows() async throws {
        let temporary = try await TemporaryStore()
        defer { temporary.remove() }
        try await temporary.store.commit(Fixtures.directory())
        let other = try SQLiteStore(path: temporary.store.path)
        #expect(try await other.stations(in: .all).count == 3)
    }

    @Test func refusesAFileThatIsNotADatabase() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("yizhan.sqlite")
        try Data(repeating: 0x41, count: 4096).write(to: file)
        let error = #expect(throws: StoreError.self) {
            let store = try SQLiteStore(path: file.path)
            _ = store
        }
        #expect(error?.code == .unavailable)
    }

    /// A workspace made before hours could be corrected keeps its passbook through v27's copy of the
    /// table, which stays append-only and takes the adjustments' entries.
    @Test func migratingAPassbookToV27KeepsItsEntries() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-v26-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("yizhan.sqlite").path)
        try SQLiteStore.migrator.migrate(
            store.pool,
            upTo: "v26 entry revisions: versions of expenses and gifts, corrected or voided"
        )
        try await store.commit(Fixtures.directory())
        let volunteer = Volunteer(
            id: Fixtures.id("vol-1"),
            station: Fixtures.baibu.id,
            registeredOn: Fixtures.date("2021-03-01")
        )
        var change = ChangeSet()
        change.register(volunteer, at: Fixtures.baibu, by: .cli, at: Date())
        let earned = PassbookEntry(
            key: "hours:h1",
            volunteer: volunteer.id,
            station: Fixtures.baibu.id,
            kind: .earned,
            points: 3,
            on: Fixtures.date("2021-03-05"),
            reference: "h1"
        )
        change.writes.append(.passbookEntry(earned))
        try await store.commit(change)
        try await store.migrate()
        #expect(try await store.passbook(of: volunteer.id) == [earned])
        let taken = PassbookEntry(
            key: "hours:h1:v2",
            volunteer: volunteer.id,
            station: Fixtures.baibu.id,
            kind: .adjusted,
            points: -2,
            on: earned.on,
            reference: "h1"
        )
        _ = try await store.appendPassbook(taken, alongside: ChangeSet()) { balance in
            .passbookBooked(taken, balance: balance, at: Fixtures.baibu, actor: .cli, at: Date())
        }
        #expect(try await store.passbook(of: volunteer.id) == [earned, taken])
        await #expect(throws: DatabaseError.self) {
            try await store.pool.write { try $0.execute(sql: "UPDATE passbook_entry SET points = 9") }
        }
    }

    /// The report queries must be served by indexes, never by a full scan of service records.
    @Test(arguments: [
        ServiceTotalsQuery(scope: .station(Fixtures.baibu.id), groupBy: [.kind]),
        ServiceTotalsQuery(scope: .within(Fixtures.haiyan), period: try CivilPeriod.year(2021), groupBy: [.station]),
        ServiceTotalsQuery(period: try CivilPeriod.year(2021), groupBy: [.month]),
    ])
    func reportQueriesUseAnIndex(_ query: ServiceTotalsQuery) async throws {
        let temporary = try await TemporaryStore()
        defer { temporary.remove() }
        let (filter, arguments) = SQLiteStore.recordFilter(query.scope, period: query.period)
        let plan = try await temporary.store.pool.read { db in
            try Row.fetchAll(
                db,
                sql: "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM service_record r WHERE \(filter)",
                arguments: arguments
            ).map { row -> String in try row.decode(forColumn: "detail") }
        }
        #expect(!plan.contains { $0.hasPrefix("SCAN r") }, "plan: \(plan)")
    }
}

struct EventLogTests {
    /// The log is append-only in the schema itself, whoever writes to the file.
    @Test(arguments: ["UPDATE event SET type = 'x'", "DELETE FROM event"])
    func refusesToRewriteHistory(_ sql: String) async throws {
        let temporary = try await TemporaryStore()
        defer { temporary.remove() }
        try await temporary.store.commit(Fixtures.directory())
        let before = try await temporary.store.events(after: .start, limit: 100)
        await #expect(throws: DatabaseError.self) { try await temporary.store.pool.write { try $0.execute(sql: sql) } }
        #expect(try await temporary.store.events(after: .start, limit: 100) == before)
    }
}
