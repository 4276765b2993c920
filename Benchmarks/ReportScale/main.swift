// The county summary's cost at two scales, next to the same figures computed by hand-written SQL in
// the sqlite3 CLI, each run as its own process so that its time and peak memory are its own:
//
//   swift build -c release --product yizhan-report
//   swift run -c release ReportScale [stations] [records] [brand records] [folder]
//
// 1. The demo workspace (9 stations, 3,915 records).
// 2. The demo county with 200,000 more records (default), 90 % of them at the three stations the
//    brand plugins serve, with the plugins' fields filled as the demo fills them.
// 3. A generated province (default 1,300 stations in 90 counties, 13,000,000 service records in
//    2021), kept in `folder` (default .build/report-scale) and reused while its size matches. The
//    directory goes in through the store with its events; the records are inserted by SQL without
//    events, since only reading is timed here.
//
// Each side runs three times (five on the demo county with the brands; the three-query baseline once) under GNU time; the table shows the median time and the largest peak
// RSS. Needs `apt-get install -y sqlite3 time`.

import Foundation
import GRDB
import YizhanBenchmarkSupport
import YizhanBrands
import YizhanConfig
import YizhanKernel
import YizhanRuntime

let numbers = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let stationCount = numbers.first ?? 1_300
let recordCount = numbers.dropFirst().first ?? 13_000_000
let brandRecordCount = numbers.dropFirst(2).first ?? 200_000
let folderArgument = CommandLine.arguments.dropFirst().first { Int($0) == nil }
let root = URL(fileURLWithPath: folderArgument ?? ".build/report-scale").standardizedFileURL
let products = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
let report = products.appendingPathComponent("yizhan-report")
let province = try DivisionCode("330000000000")

guard FileManager.default.isExecutableFile(atPath: report.path) else {
    say("Build the report first: swift build -c release --product yizhan-report (looked for \(report.path))")
    exit(2)
}
guard let sqlite3 = sqlite3WithGNUTime else {
    say("The baselines need the sqlite3 CLI and GNU time: apt-get install -y sqlite3 time")
    exit(2)
}

/// A hand-written baseline: SQL files read in one sqlite3 process, and whether it runs once only.
struct Baseline {
    var name: String
    var files: [String]
    var once = false
}

/// The baselines of the county summary: the station tallies, then the records.
let summaryBaselines = [
    Baseline(name: "sqlite3, three GROUP BYs", files: ["station-tallies", "records-three-queries"], once: true),
    Baseline(name: "sqlite3, one grouped scan", files: ["station-tallies", "records-one-scan"]),
]

/// Median time and largest peak over `runs` runs of yizhan-report and of each baseline.
func compare(_ label: String, workspace: URL, county: String, baselines: [Baseline] = summaryBaselines, runs: Int = 3) {
    let database = workspace.appendingPathComponent("yizhan.sqlite").path
    let sides: [(String, Bool, () -> Measured)] =
        [
            (
                "yizhan-report county", false,
                {
                    measure(
                        report.path,
                        [
                            "county", "--workspace", workspace.path, "--county", county, "--period", "2021", "--format",
                            "json", "--output", workspace.appendingPathComponent("summary.json").path,
                        ]
                    )
                }
            )
        ]
        + baselines.map { baseline in
            (
                baseline.name, baseline.once,
                { measure(sqlite3, ["-batch", database] + baseline.files.map { ".read \(sql($0))" }) }
            )
        }
    say(label)
    // The sides take turns, run by run, so that the machine's drift over the minutes of a
    // comparison (seen here at a fifth) falls on every side alike. A slow baseline runs once: it
    // is shown for scale, not compared against.
    var measured: [[Measured]] = Array(repeating: [], count: sides.count)
    for round in 0..<runs {
        for (index, (_, once, run)) in sides.enumerated() where !once || round == 0 {
            measured[index].append(run())
        }
    }
    var medians: [Double] = []
    for ((name, _, _), runs) in zip(sides, measured) {
        guard runs.allSatisfy({ $0.status == 0 }) else {
            say("  \(name): a run failed (exit \(runs.map(\.status)))")
            return
        }
        let median = runs.map(\.seconds).sorted()[runs.count / 2]
        medians.append(median)
        let peak = Double(runs.map(\.peakKiB).max() ?? 0) / 1024
        say(
            String(
                format: "  %@ %9.3f s  %7.1f MB",
                name.padding(toLength: 34, withPad: " ", startingAt: 0),
                median,
                peak
            )
        )
    }
    let fastest = medians.dropFirst().min() ?? 1
    // (The ratio is against whichever hand-written SQL was faster.)
    say(String(format: "  yizhan-report ÷ fastest sqlite3  %.2f ×", medians[0] / fastest))
}

/// The path of the baseline SQL file `name`.sql beside this one.
func sql(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("\(name).sql").path
}

// 1. The demo.
let demoFolder = root.appendingPathComponent("demo")
let recipe = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "../../config/demo/haiyan.yaml"
)
.standardizedFileURL
let demo = try await DemoBuilder(recipe: recipe, plugins: BrandCatalog.builtIn).build(into: demoFolder)
compare("demo workspace: 9 stations, 3,915 records", workspace: demoFolder, county: demo.workspace.file.county.rawValue)

// 2. The demo county where the brand plugins' stations hold most of the records (issue 21): the
// plugins' figures must come from the summary's one grouped pass, not from a pass each.
let brandFolder = root.appendingPathComponent("brands-\(brandRecordCount)")
if !FileManager.default.fileExists(atPath: brandFolder.appendingPathComponent("complete").path) {
    try? FileManager.default.removeItem(at: brandFolder)
    _ = try await DemoBuilder(recipe: recipe, plugins: BrandCatalog.builtIn).build(into: brandFolder)
    try await insertBrandRecords(into: brandFolder.appendingPathComponent("yizhan.sqlite"))
    try Data().write(to: brandFolder.appendingPathComponent("complete"))
}
compare(
    "demo county with \(brandRecordCount) more records, 90 % at the plugins' stations",
    workspace: brandFolder,
    county: demo.workspace.file.county.rawValue,
    baselines: [
        Baseline(name: "sqlite3, one grouped scan", files: ["station-tallies", "records-one-scan"]),
        Baseline(name: "sqlite3, one scan with the fields", files: ["station-tallies", "records-one-scan-fields"]),
    ],
    // Five runs each: at a second a side, this machine's run-to-run noise is a tenth of it.
    runs: 5
)

// 3. The province.
let provinceFolder = root.appendingPathComponent("province-\(stationCount)-\(recordCount)")
let marker = provinceFolder.appendingPathComponent("complete")
if !FileManager.default.fileExists(atPath: marker.path) {
    try? FileManager.default.removeItem(at: provinceFolder)
    let started = ContinuousClock.now
    let workspace = try await Workspace.create(
        at: provinceFolder,
        file: WorkspaceFile(name: "省级规模基准", county: province, database: Workspace.defaultDatabase, demo: false)
    )
    _ = try await workspace.withStore { store in try await store.commit(provinceDirectory()) }
    try await insertRecords(into: provinceFolder.appendingPathComponent("yizhan.sqlite"))
    try Data().write(to: marker)
    say("generated \(stationCount) stations and \(recordCount) records in \(ContinuousClock.now - started)")
}
compare(
    "province: \(stationCount) stations, \(recordCount) records",
    workspace: provinceFolder,
    county: province.rawValue
)

/// 90 counties of about equal size, a township and a station in each, 6 workers and a program of
/// 7 sub-projects per station — the shape of the demo, repeated.
func provinceDirectory() throws -> ChangeSet {
    let instant = Date(millisecondsSince1970: 1_609_459_200_000)
    var change = ChangeSet()
    change.register(OrgUnit(code: province, name: "示例省"), by: .demo, at: instant)
    let counties = 90
    for county in 0..<counties {
        let countyCode = try DivisionCode(String(format: "33%02d%02d000000", county / 10 + 1, county % 10 + 1))
        change.register(OrgUnit(code: countyCode, name: "示例县\(county + 1)"), by: .demo, at: instant)
    }
    for index in 0..<stationCount {
        let county = index % counties
        let township = try DivisionCode(
            String(format: "33%02d%02d%03d000", county / 10 + 1, county % 10 + 1, index / counties + 1)
        )
        change.register(OrgUnit(code: township, name: "示例镇\(index + 1)"), by: .demo, at: instant)
        let station = Station(
            id: try StationID("s\(index + 1)"),
            name: "示例镇\(index + 1)社会工作站",
            kind: .station,
            orgUnit: township,
            areaSquareMeters: 1_000 + index % 7 * 100
        )
        change.configure(station, by: .demo, at: instant)
        for number in 1...6 {
            let worker = Worker(
                id: try WorkerID("s\(index + 1)-w\(number)"),
                station: station.id,
                name: "示例社工\(number)",
                role: number == 1 ? .head : .staff,
                qualification: number <= 4 ? .assistantSocialWorker : nil,
                isPartyMember: number <= 2
            )
            change.register(worker, at: station, by: .demo, at: instant)
        }
        let program = Program(id: try ProgramID("s\(index + 1)-p"), station: station.id, name: "年度服务项目")
        let slots: [ProgramSlot] = [.core, .brand, .brand, .basic, .basic, .basic, .optional]
        let subProjects = try slots.enumerated().map { number, slot in
            SubProject(
                id: try SubProjectID("s\(index + 1)-p\(number + 1)"),
                program: program.id,
                name: "子项目\(number + 1)",
                slot: slot
            )
        }
        change.configure(
            ProgramWithSubProjects(program: program, subProjects: subProjects),
            at: station,
            by: .demo,
            at: instant
        )
    }
    return change
}

/// `recordCount` records spread evenly over the stations and the days of 2021, inserted by SQL in
/// chunks of a million with the date index dropped meanwhile and rebuilt at the end.
func insertRecords(into database: URL) async throws {
    let queue = try DatabaseQueue(path: database.path)
    let index = try await queue.read { db in
        try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'service_record_by_station_date'")
    }
    try await queue.write { db in
        try db.execute(sql: "DROP INDEX service_record_by_station_date")
        try db.execute(sql: "CREATE TEMP TABLE bench_station (n INTEGER PRIMARY KEY, id TEXT NOT NULL)")
        try db.execute(sql: "INSERT INTO bench_station SELECT row_number() OVER (ORDER BY id) - 1, id FROM station")
    }
    let chunk = 1_000_000
    for start in stride(from: 0, to: recordCount, by: chunk) {
        let end = min(recordCount, start + chunk)
        try await queue.write { db in
            // Kinds in the demo's proportions (seed 000's mix): 14 % case work … 2 % training.
            try db.execute(
                sql: """
                    WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
                    INSERT INTO service_record
                        (id, station_id, kind, service_date, duration_minutes, head_count, person_times, is_training)
                    SELECT printf('%08x-%04x-7000-8000-%012x', (1609430400000 + i) >> 16, (1609430400000 + i) & 65535, i),
                           s.id, k.kind, date('2021-01-01', '+' || (i * 7919 % 365) || ' days'),
                           15 + i % 90, 1 + i % k.people, 1 + i % k.people, k.kind = 'training'
                    FROM n
                    JOIN bench_station s ON s.n = n.i % ?
                    JOIN (SELECT 0 AS slot, 'caseWork' AS kind, 1 AS people UNION ALL SELECT 1, 'groupSession', 12
                          UNION ALL SELECT 2, 'communityActivity', 80 UNION ALL SELECT 3, 'homeVisit', 3
                          UNION ALL SELECT 4, 'referral', 1 UNION ALL SELECT 5, 'consultation', 2
                          UNION ALL SELECT 6, 'training', 40) k
                      ON k.slot = CASE WHEN i % 100 < 14 THEN 0 WHEN i % 100 < 23 THEN 1 WHEN i % 100 < 30 THEN 2
                                       WHEN i % 100 < 67 THEN 3 WHEN i % 100 < 70 THEN 4 WHEN i % 100 < 98 THEN 5 ELSE 6 END
                    """,
                arguments: [start, end, stationCount]
            )
        }
        say("  records \(end)/\(recordCount)")
    }
    if let index {
        try await queue.write { db in try db.execute(sql: index) }
    }
    try await queue.writeWithoutTransaction { db in try db.execute(sql: "ANALYZE") }
}

/// `brandRecordCount` records of 2021 in the demo's kind mix: half at 百步, a quarter at 通元,
/// 15 % at 澉浦 (the stations the brand plugins serve) and 10 % at 于城 (none). A plugin station's
/// record carries, in turn, the extra fields of one of the demo's records of that station.
func insertBrandRecords(into database: URL) async throws {
    let queue = try DatabaseQueue(path: database.path)
    try await queue.write { db in
        try db.execute(
            sql: """
                CREATE TEMP TABLE bench_share (slot INTEGER PRIMARY KEY, station TEXT NOT NULL);
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 19)
                INSERT INTO bench_share SELECT i, CASE WHEN i < 10 THEN 'baibu' WHEN i < 15 THEN 'tongyuan'
                    WHEN i < 18 THEN 'ganpu' ELSE 'yucheng' END FROM n;
                CREATE TEMP TABLE bench_fields (station TEXT NOT NULL, n INTEGER NOT NULL, fields TEXT,
                    PRIMARY KEY (station, n));
                INSERT INTO bench_fields
                    SELECT station_id, row_number() OVER (PARTITION BY station_id ORDER BY id) - 1, fields
                    FROM service_record WHERE fields IS NOT NULL;
                INSERT INTO bench_fields VALUES ('yucheng', 0, NULL);
                CREATE TEMP TABLE bench_pool AS SELECT station, COUNT(*) AS size FROM bench_fields GROUP BY station;
                """
        )
        try db.execute(
            sql: """
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
                INSERT INTO service_record
                    (id, station_id, kind, service_date, duration_minutes, head_count, person_times, is_training, fields)
                SELECT printf('%08x-%04x-7000-8000-%012x', (1609430400000 + i) >> 16, (1609430400000 + i) & 65535, i),
                       s.station, k.kind, date('2021-01-01', '+' || (i * 7919 % 365) || ' days'),
                       15 + i % 90, 1 + i % k.people, 1 + i % k.people, k.kind = 'training', f.fields
                FROM n
                JOIN bench_share s ON s.slot = n.i % 20
                JOIN bench_pool p ON p.station = s.station
                JOIN bench_fields f ON f.station = s.station AND f.n = (n.i / 20) % p.size
                JOIN (SELECT 0 AS slot, 'caseWork' AS kind, 1 AS people UNION ALL SELECT 1, 'groupSession', 12
                      UNION ALL SELECT 2, 'communityActivity', 80 UNION ALL SELECT 3, 'homeVisit', 3
                      UNION ALL SELECT 4, 'referral', 1 UNION ALL SELECT 5, 'consultation', 2
                      UNION ALL SELECT 6, 'training', 40) k
                  ON k.slot = CASE WHEN i % 100 < 14 THEN 0 WHEN i % 100 < 23 THEN 1 WHEN i % 100 < 30 THEN 2
                                   WHEN i % 100 < 67 THEN 3 WHEN i % 100 < 70 THEN 4 WHEN i % 100 < 98 THEN 5 ELSE 6 END
                """,
            arguments: [brandRecordCount]
        )
    }
    try await queue.writeWithoutTransaction { db in try db.execute(sql: "ANALYZE") }
    say("  added \(brandRecordCount) records to the demo county, 90 % at the plugins' stations")
}
