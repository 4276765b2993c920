// The one-record path (issue: ≥ 5,000 services/s on 2 cores) and batched writes, next to raw GRDB
// inserts of the same rows (a service_record row and an event row) in the same run.
//
// Run: swift package benchmark --target RecordPath
// Each scaled iteration is one service record with its event; throughput is records per second.

import Benchmark
import Foundation
import GRDB
import Synchronization
import YizhanBenchmarkSupport
import YizhanBrands
import YizhanConfig
import YizhanKernel
import YizhanRuntime
import YizhanSQLite

/// A demo workspace for one benchmark, made in its setup hook.
struct Bench: Sendable {
    let folder: URL
    let store: any StationStore
    let pool: DatabasePool
    let station: Station

    /// A valid request at 百步, the same for every iteration.
    let request = ServiceRecordRequest(
        station: "baibu",
        kind: "homeVisit",
        date: "2021-11-05",
        durationMinutes: 45,
        village: "330424102201",
        workers: ["baibu-w3"],
        headCount: 2,
        subProject: "baibu-basic1"
    )

    static func make() async throws -> Bench {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-bench-\(UUID().uuidString)")
        let recipe = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config/demo/haiyan.yaml")
        let built = try await DemoBuilder(recipe: recipe, plugins: BrandCatalog.builtIn).build(into: folder)
        guard case .sqlite(let path) = try built.workspace.storeLocation() else { throw CancellationError() }
        let store = try SQLiteStore(path: path)
        guard let station = try await store.station(try StationID("baibu")) else { throw CancellationError() }
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        return Bench(folder: folder, store: store, pool: pool, station: station)
    }

    /// A new record like the request's, with its event.
    func nextRecord() throws -> (ServiceRecord, DomainEvent) { try SampleRecord.homeVisit(at: station) }

    /// Inserts the same rows the store writes for `record` and `event`, with plain GRDB statements.
    static func rawInsert(_ record: ServiceRecord, _ event: DomainEvent, in db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO service_record (id, station_id, kind, service_date, duration_minutes, village_code,
                    head_count, person_times, is_training, program_id, program_version, sub_project_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            record.id.rawValue, record.station.rawValue, record.kind.rawValue, record.date.description,
            record.durationMinutes, record.village?.rawValue, record.personTimes, record.personTimes, false,
            record.program?.rawValue, record.programVersion, record.subProject?.rawValue,
        ])
        for worker in record.workers {
            try db.cachedStatement(sql: "INSERT INTO service_worker (record_id, worker_id) VALUES (?, ?)")
                .execute(arguments: [record.id.rawValue, worker.rawValue])
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO event (id, type, occurred_at_ms, org_unit_code, station_id, actor, schema_version, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            event.id.rawValue, event.type.rawValue, event.occurredAt.millisecondsSince1970, event.orgUnit.rawValue,
            event.station?.rawValue, event.actor.rawValue, event.schemaVersion, event.payload,
        ])
    }
}

/// The workspace of the benchmark being run; set by its setup hook, cleared by its teardown.
let current = Mutex<Bench?>(nil)

func bench() throws -> Bench {
    guard let bench = current.withLock({ $0 }) else { throw CancellationError() }
    return bench
}

let batchSize = 500

/// A benchmark that runs `body` on a fresh demo workspace, made before and removed after it.
func measure(_ name: String, _ body: @escaping @Sendable (Benchmark, Bench) async throws -> Void) {
    Benchmark(name) { benchmark in
        try await body(benchmark, try bench())
    } setup: {
        let bench = try await Bench.make()
        current.withLock { $0 = bench }
    } teardown: {
        let bench = current.withLock { state in
            defer { state = nil }
            return state
        }
        if let bench { try? FileManager.default.removeItem(at: bench.folder) }
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock],
        scalingFactor: .kilo,
        maxDuration: .seconds(20),
        maxIterations: 5
    )

    measure("RecordService: validate, 1 record + 1 event per transaction") { benchmark, bench in
        let service = RecordService(store: bench.store)
        for _ in benchmark.scaledIterations {
            blackHole(try await service.record(bench.request, actor: .cli))
        }
    }

    measure("store.commit: 1 record + 1 event per transaction") { benchmark, bench in
        for _ in benchmark.scaledIterations {
            let (record, event) = try bench.nextRecord()
            blackHole(try await bench.store.commit(ChangeSet(writes: [.serviceRecord(record)], events: [event])))
        }
    }

    measure("raw GRDB: the same 2 rows per transaction") { benchmark, bench in
        for _ in benchmark.scaledIterations {
            let (record, event) = try bench.nextRecord()
            try await bench.pool.write { db in try Bench.rawInsert(record, event, in: db) }
        }
    }

    measure("store.commit: batches of 500 records + events") { benchmark, bench in
        for _ in 0..<(benchmark.scaledIterations.count / batchSize) {
            var change = ChangeSet()
            for _ in 0..<batchSize {
                let (record, event) = try bench.nextRecord()
                change.writes.append(.serviceRecord(record))
                change.events.append(event)
            }
            blackHole(try await bench.store.commit(change))
        }
    }

    measure("raw GRDB: the same rows in batches of 500") { benchmark, bench in
        for _ in 0..<(benchmark.scaledIterations.count / batchSize) {
            let rows = try (0..<batchSize).map { _ in try bench.nextRecord() }
            try await bench.pool.write { db in
                for (record, event) in rows { try Bench.rawInsert(record, event, in: db) }
            }
        }
    }
}
