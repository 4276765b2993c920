// Importing a service ledger of a million rows (issue 6), next to the sqlite3 CLI's `.import` of the
// same CSV into the same table, each run as its own process under GNU time:
//
//   swift build -c release --product yizhan
//   swift run -c release LedgerImport [rows] [folder]
//
// The workspace is the demo (9 stations, 3,915 records); the ledger is `rows` (default 1,000,000)
// rows for 百步, with codes in its cells (date, kind, minutes, village, head-count, program,
// sub-project, and a remark numbering the row, so that no two rows are the same service).
//
// - yizhan: `yizhan import services FILE --station baibu`: every row parsed, checked as `record add`
//   checks one, keyed by its content and written with the ledger-key index, one transaction and
//   one event.
// - sqlite3: `.import` into a staging table, then one INSERT … SELECT into service_record (ids from
//   randomblob, person-times and the training flag computed in SQL): no validation, no key.
//
// Each side runs three times on a fresh copy of the workspace; the table shows the median time and
// the largest peak RSS. Needs `apt-get install -y sqlite3 time`.

import Foundation
import YizhanBenchmarkSupport
import YizhanBrands
import YizhanKernel
import YizhanRuntime

let rowCount = CommandLine.arguments.dropFirst().compactMap { Int($0) }.first ?? 1_000_000
let folderArgument = CommandLine.arguments.dropFirst().first { Int($0) == nil }
let root = URL(fileURLWithPath: folderArgument ?? ".build/ledger-import").standardizedFileURL
let products = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
let yizhan = products.appendingPathComponent("yizhan")

guard FileManager.default.isExecutableFile(atPath: yizhan.path) else {
    say("Build the CLI first: swift build -c release --product yizhan (looked for \(yizhan.path))")
    exit(2)
}
guard let sqlite3 = sqlite3WithGNUTime else {
    say("The baseline needs the sqlite3 CLI and GNU time: apt-get install -y sqlite3 time")
    exit(2)
}

/// Runs sqlite3 on `database` and returns what it prints (for the checks, not timed).
func query(_ database: URL, _ sql: String) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: sqlite3)
    process.arguments = ["-batch", database.path, sql]
    let pipe = Pipe()
    process.standardOutput = pipe
    try? process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

// The demo workspace, built once per run of the benchmark.
try? FileManager.default.removeItem(at: root)
let template = root.appendingPathComponent("template")
let recipe = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "../../config/demo/haiyan.yaml"
)
.standardizedFileURL
_ = try await DemoBuilder(recipe: recipe, plugins: BrandCatalog.builtIn).build(into: template)
let templateDatabase = template.appendingPathComponent("yizhan.sqlite")
_ = query(templateDatabase, "PRAGMA wal_checkpoint(TRUNCATE)")
let villages = query(
    templateDatabase,
    "SELECT code FROM org_unit WHERE level = 'village' AND substr(code, 1, 9) = '330424102' ORDER BY code"
).split(separator: "\n").map(String.init)
let subProjects = query(
    templateDatabase,
    "SELECT s.id FROM sub_project s JOIN program p ON p.id = s.program_id WHERE p.station_id = 'baibu' AND s.retired = 0 ORDER BY s.id"
).split(separator: "\n").map(String.init)
let program = query(templateDatabase, "SELECT id FROM program WHERE station_id = 'baibu' ORDER BY id LIMIT 1")
let before = Int(query(templateDatabase, "SELECT count(*) FROM service_record")) ?? 0

// The ledger.
let ledger = root.appendingPathComponent("services.csv")
try Data().write(to: ledger)
let handle = try FileHandle(forWritingTo: ledger)
let kinds = ["homeVisit", "caseWork", "groupSession", "communityActivity", "consultation", "referral", "training"]
var chunk = "date,kind,duration,village,headcount,program,subproject,note\n"
let january = try CivilDate(year: 2021, month: 1, day: 1).daysSinceEpoch
for row in 0..<rowCount {
    let date = CivilDate(daysSinceEpoch: january + row % 334)
    chunk +=
        "\(date),\(kinds[row % kinds.count]),\(30 + row % 8 * 15),\(villages[row % villages.count]),\(1 + row % 20),\(program),\(subProjects[row % subProjects.count]),#\(row + 1)\n"
    if chunk.utf8.count > 1 << 20 {
        handle.write(Data(chunk.utf8))
        chunk = ""
    }
}
handle.write(Data(chunk.utf8))
try handle.close()
let megabytes = Double((try FileManager.default.attributesOfItem(atPath: ledger.path)[.size] as? Int) ?? 0) / 1e6
say(String(format: "ledger: %d rows, %.1f MB of CSV; workspace: the demo (%d records)", rowCount, megabytes, before))

let baseline = root.appendingPathComponent("sqlite3-import.sql")
try """
PRAGMA foreign_keys = ON;
CREATE TEMP TABLE ledger (date TEXT, kind TEXT, duration INTEGER, village TEXT, headcount INTEGER, program TEXT,
    subproject TEXT, note TEXT);
.import --csv --skip 1 \(ledger.path) ledger
BEGIN;
INSERT INTO service_record (id, station_id, kind, service_date, duration_minutes, village_code, head_count,
    person_times, is_training, program_id, program_version, sub_project_id)
SELECT lower(hex(randomblob(16))), 'baibu', l.kind, l.date, l.duration, l.village, l.headcount, l.headcount,
       l.kind = 'training', l.program, p.version, l.subproject
FROM ledger l JOIN program p ON p.id = l.program;
COMMIT;
""".write(to: baseline, atomically: true, encoding: .utf8)

/// A fresh copy of the demo workspace for one run.
func freshWorkspace(_ name: String) throws -> URL {
    let folder = root.appendingPathComponent(name)
    try? FileManager.default.removeItem(at: folder)
    try FileManager.default.copyItem(at: template, to: folder)
    return folder
}

var medians: [String: Double] = [:]
for side in ["yizhan import", "sqlite3 .import"] {
    var runs: [Measured] = []
    for run in 1...3 {
        let workspace = try freshWorkspace("run-\(run)")
        let database = workspace.appendingPathComponent("yizhan.sqlite")
        let measured =
            side == "yizhan import"
            ? measure(
                yizhan.path,
                ["import", "services", ledger.path, "--station", "baibu", "--workspace", workspace.path]
            )
            : measure(sqlite3, ["-batch", database.path, ".read \(baseline.path)"])
        let written = (Int(query(database, "SELECT count(*) FROM service_record")) ?? 0) - before
        guard measured.status == 0, written == rowCount else {
            say("  \(side): run \(run) failed (exit \(measured.status), \(written) of \(rowCount) rows written)")
            exit(1)
        }
        runs.append(measured)
        try? FileManager.default.removeItem(at: workspace)
    }
    let median = runs.map(\.seconds).sorted()[1]
    medians[side] = median
    let peak = Double(runs.map(\.peakKiB).max() ?? 0) / 1024
    say(
        String(
            format: "  %@ %8.3f s  %10.0f rows/s  %7.1f MB",
            side.padding(toLength: 18, withPad: " ", startingAt: 0),
            median,
            Double(rowCount) / median,
            peak
        )
    )
}
let ratio = (medians["sqlite3 .import"] ?? 0) / (medians["yizhan import"] ?? 1)
say(String(format: "  yizhan rows/s ÷ sqlite3 rows/s  %.2f × (goal ≥ 0.5 ×)", ratio))
