// The same operations on SQLite and on PostgreSQL, on the same data (the demo workspace, copied
// into a fresh PostgreSQL schema), in one run. PostgreSQL needs YIZHAN_TEST_POSTGRES_URL:
//
//   export YIZHAN_TEST_POSTGRES_URL=$(.ci/start-postgres)
//   swift package benchmark --target StoreBackends
//
// One scaled iteration is one record with its event (or one county summary).

import Benchmark
import Foundation
import Synchronization
import YizhanBenchmarkSupport
import YizhanBrands
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// The demo workspace and, when a server is given, its copy in a fresh PostgreSQL schema.
struct Setup: Sendable {
    let folder: URL
    let sqlite: StoreLocation
    let postgres: StoreLocation?
    let county: DivisionCode
    let year: CivilPeriod
    let station: Station

    static func make() async throws -> Setup {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-bench-\(UUID().uuidString)")
        let recipe = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config/demo/haiyan.yaml")
        let built = try await DemoBuilder(recipe: recipe, plugins: BrandCatalog.builtIn).build(into: folder)
        let sqlite = try built.workspace.storeLocation()
        var postgres: StoreLocation?
        if let url = ProcessInfo.processInfo.environment["YIZHAN_TEST_POSTGRES_URL"] {
            let schema = "bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            let location = StoreLocation.postgres(url: url + "&search_path=\(schema)")
            _ = try await sqlite.withStore { source in
                try await location.withStore { target in try await StoreCopy.copy(from: source, to: target) }
            }
            postgres = location
        }
        let station = try await sqlite.withStore { store in try await store.station(try StationID("baibu")) }
        guard let station else { throw CancellationError() }
        return Setup(
            folder: folder,
            sqlite: sqlite,
            postgres: postgres,
            county: built.workspace.file.county,
            year: built.year,
            station: station
        )
    }

    /// A new record at 百步 with its event.
    func nextRecord() throws -> (ServiceRecord, DomainEvent) { try SampleRecord.homeVisit(at: station) }
}

let current = Mutex<Setup?>(nil)

/// Runs `body` against one backend with the store open outside the measured part.
func measure(
    _ name: String,
    on backend: KeyPath<Setup, StoreLocation?>,
    _ body: @escaping @Sendable (Benchmark, Setup, any StationStore) async throws -> Void
) {
    Benchmark(name) { benchmark in
        guard let setup = current.withLock({ $0 }) else { throw CancellationError() }
        guard let location = setup[keyPath: backend] else { return }  // no server: nothing to measure
        try await location.withStore { store in
            benchmark.startMeasurement()
            try await body(benchmark, setup, store)
            benchmark.stopMeasurement()
        }
    } setup: {
        let setup = try await Setup.make()
        current.withLock { $0 = setup }
    } teardown: {
        let setup = current.withLock { state in
            defer { state = nil }
            return state
        }
        if let setup { try? FileManager.default.removeItem(at: setup.folder) }
    }
}

extension Setup {
    var sqliteLocation: StoreLocation? { sqlite }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock],
        scalingFactor: .kilo,
        maxDuration: .seconds(30),
        maxIterations: 5
    )

    for (label, backend) in [("sqlite", \Setup.sqliteLocation), ("postgres", \Setup.postgres)] {
        measure("\(label): 1 record + 1 event per transaction", on: backend) { benchmark, setup, store in
            for _ in benchmark.scaledIterations {
                let (record, event) = try setup.nextRecord()
                blackHole(try await store.commit(ChangeSet(writes: [.serviceRecord(record)], events: [event])))
            }
        }

        measure("\(label): batches of 500 records + events", on: backend) { benchmark, setup, store in
            for _ in 0..<(benchmark.scaledIterations.count / 500) {
                var change = ChangeSet()
                for _ in 0..<500 {
                    let (record, event) = try setup.nextRecord()
                    change.writes.append(.serviceRecord(record))
                    change.events.append(event)
                }
                blackHole(try await store.commit(change))
            }
        }
    }

    Benchmark.defaultConfiguration.scalingFactor = .one
    for (label, backend) in [("sqlite", \Setup.sqliteLocation), ("postgres", \Setup.postgres)] {
        measure("\(label): county summary, 2021, demo workspace", on: backend) { benchmark, setup, store in
            for _ in benchmark.scaledIterations {
                blackHole(try await CountySummary.build(from: store, county: setup.county, period: setup.year))
            }
        }
    }
}
