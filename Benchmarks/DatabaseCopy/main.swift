// Copying a county's workspace to PostgreSQL (`yizhan db copy`, issue 27.4), next to psql's
// `\copy` of the same rows into the same indexed tables, in one run:
//
//   export YIZHAN_TEST_POSTGRES_URL=$(.ci/start-postgres)
//   swift run -c release DatabaseCopy [records]
//
// The workspace is the demo (3,915 records, 28,914 events and ~60,000 other rows) with `records`
// (default 200,000) home visits at 百步 added, each with its worker and its `service.recorded`
// event. Two fresh schemas, both migrated by PostgresStore (the same tables, keys and indexes):
//
// - yizhan: the whole workspace through `PostgresStore.importSnapshot(from:)` in one transaction
//   (COPY for records, their workers and events; INSERTs for the rest), then the verification
//   `StoreCopy` makes: both sides exported, counted and hashed.
// - psql: the schema first holds the demo (copied, not timed); then `\copy` of the added records,
//   their workers and their events from TSV files sqlite3 wrote, in one transaction.
//
// Rows/s counts every row and event each side wrote. Needs psql and sqlite3 (Debian's postgresql
// and sqlite3 packages).

import Foundation
import YizhanBenchmarkSupport
import YizhanBrands
import YizhanKernel
import YizhanRuntime

let (psql, sqlite3) = ("/usr/bin/psql", "/usr/bin/sqlite3")

/// Runs `executable arguments…` and returns what it printed; exits the benchmark if it fails.
func run(_ executable: String, _ arguments: [String]) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try? process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        say("\(executable) \(arguments.prefix(2).joined(separator: " ")) … failed (exit \(process.terminationStatus))")
        exit(1)
    }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// The whole run, off the main actor: the stores' closures cross no isolation boundary.
func benchmark() async throws {
    let recordCount = CommandLine.arguments.dropFirst().compactMap { Int($0) }.first ?? 200_000
    let root = URL(fileURLWithPath: ".build/database-copy").standardizedFileURL
    guard let server = ProcessInfo.processInfo.environment["YIZHAN_TEST_POSTGRES_URL"] else {
        say("Set YIZHAN_TEST_POSTGRES_URL, e.g. export YIZHAN_TEST_POSTGRES_URL=$(.ci/start-postgres)")
        exit(2)
    }
    guard FileManager.default.isExecutableFile(atPath: psql), FileManager.default.isExecutableFile(atPath: sqlite3)
    else {
        say("The baseline needs psql and sqlite3: apt-get install -y postgresql sqlite3")
        exit(2)
    }

    func freshSchema(_ name: String) -> StoreLocation {
        _ = run(psql, [server, "-qc", "DROP SCHEMA IF EXISTS \(name) CASCADE"])
        return .postgres(url: server + "&search_path=\(name)")
    }

    // The workspace: the demo, then the added records in batches of 5,000, each record with its event.
    try? FileManager.default.removeItem(at: root)
    let recipe = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../config/demo/haiyan.yaml"
    )
    .standardizedFileURL
    let built = try await DemoBuilder(recipe: recipe, plugins: BrandCatalog.builtIn).build(into: root)
    let sqlite = try built.workspace.storeLocation()
    let database = root.appendingPathComponent("yizhan.sqlite").path

    // The baseline's schema holds the demo before the records are added: its rows are not timed.
    let baseline = freshSchema("copy_bench_psql")
    _ = try await sqlite.withStore { source in
        try await baseline.withStore { target in try await StoreCopy.copy(from: source, to: target) }
    }
    let (firstNew, lastOld) = try await sqlite.withStore { store in
        let station = try await store.station(try StationID("baibu"))
        guard let station else { throw CancellationError() }
        let lastOld = try await store.lastEventSequence()
        let firstNew = UUIDv7.lowerBound(milliseconds: UUIDv7.nowMilliseconds())
        for start in stride(from: 0, to: recordCount, by: 5_000) {
            var change = ChangeSet()
            for _ in start..<min(start + 5_000, recordCount) {
                let (record, event) = try SampleRecord.homeVisit(at: station)
                change.writes.append(.serviceRecord(record))
                change.events.append(event)
            }
            try await store.commit(change)
        }
        return (firstNew, lastOld.rawValue)
    }
    _ = run(sqlite3, [database, "PRAGMA wal_checkpoint(TRUNCATE)"])
    say("workspace: the demo + \(recordCount) records at 百步")

    // yizhan: the whole workspace in one transaction, then the verification.
    let target = freshSchema("copy_bench_yizhan")
    var copied = 0
    let copyStart = ContinuousClock.now
    try await sqlite.withStore { source in
        try await target.withStore { copy in
            try await copy.importSnapshot { sink in
                try await source.exportSnapshot(batchSize: 1_000) { batch in
                    try await sink(batch)
                    copied += batch.count
                }
            }
        }
    }
    let copySeconds = seconds(since: copyStart)
    let verifyStart = ContinuousClock.now
    let (sourceTally, targetTally) = try await sqlite.withStore { source in
        try await target.withStore { copy in
            (try await StoreCopy.tally(of: source), try await StoreCopy.tally(of: copy))
        }
    }
    let verifySeconds = seconds(since: verifyStart)
    guard sourceTally == targetTally else {
        say("the copy does not verify")
        exit(1)
    }
    // Rows the copy wrote that the tally does not count on their own: a record's workers.
    let workerRows = Int(run(sqlite3, [database, "SELECT count(*) FROM service_worker"])) ?? 0
    let yizhanRows = copied + workerRows

    // psql: \copy of the added records, their workers and their events, in one transaction.
    let columns = [
        "id", "station_id", "kind", "service_date", "duration_minutes", "village_code", "head_count", "person_times",
        "is_training", "program_id", "program_version", "sub_project_id", "ledger_key", "group_id", "fields", "photos",
        "worker_names",
    ]
    let files = ["records", "workers", "events"].map { root.appendingPathComponent("\($0).tsv").path }
    let dumps = [
        "SELECT \(columns.joined(separator: ", ")) FROM service_record WHERE id >= '\(firstNew)'",
        "SELECT record_id, worker_id FROM service_worker WHERE record_id >= '\(firstNew)'",
        """
        SELECT sequence, id, type, occurred_at_ms, org_unit_code, station_id, actor, schema_version, payload
        FROM event WHERE sequence > \(lastOld)
        """,
    ]
    for (file, sql) in zip(files, dumps) {
        _ = run(
            sqlite3,
            [
                "-batch", "-noheader", "-cmd", ".mode tabs", "-cmd", ".nullvalue '\\N'", "-cmd", ".output \(file)",
                database,
                sql,
            ]
        )
    }
    let psqlRows = files.reduce(0) { total, file in
        total + ((try? String(contentsOfFile: file, encoding: .utf8))?.utf8.count { $0 == 0x0A } ?? 0)
    }
    let script = root.appendingPathComponent("copy.sql")
    try """
    SET search_path TO copy_bench_psql;
    BEGIN;
    \\copy service_record (\(columns.joined(separator: ", "))) FROM '\(files[0])'
    \\copy service_worker (record_id, worker_id) FROM '\(files[1])'
    \\copy event (sequence, id, type, occurred_at_ms, org_unit_code, station_id, actor, schema_version, payload) FROM '\(files[2])'
    COMMIT;
    """.write(to: script, atomically: true, encoding: .utf8)
    let psqlStart = ContinuousClock.now
    _ = run(psql, [server, "-q", "-v", "ON_ERROR_STOP=1", "-f", script.path])
    let psqlSeconds = seconds(since: psqlStart)

    func line(_ side: String, _ rows: Int, _ seconds: Double) -> String {
        String(
            format: "  %@ %9d rows  %8.3f s  %10.0f rows/s",
            side.padding(toLength: 40, withPad: " ", startingAt: 0),
            rows,
            seconds,
            Double(rows) / seconds
        )
    }
    say(line("yizhan copy (one transaction)", yizhanRows, copySeconds))
    say(line("yizhan copy + verification", yizhanRows, copySeconds + verifySeconds))
    say(line("psql \\copy (records, workers, events)", psqlRows, psqlSeconds))
    let ratio = (Double(yizhanRows) / copySeconds) / (Double(psqlRows) / psqlSeconds)
    say(String(format: "  yizhan rows/s ÷ psql \\copy rows/s  %.2f × (goal ≥ 0.5 ×)", ratio))
    for name in ["copy_bench_yizhan", "copy_bench_psql"] {
        _ = run(psql, [server, "-qc", "DROP SCHEMA \(name) CASCADE"])
    }
}

try await benchmark()
