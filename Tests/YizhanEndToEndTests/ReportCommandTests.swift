import Foundation
import Testing
import ZIPFoundation

/// `yizhan-report` run on the demo workspace: the figures seed 000 publishes, golden files for
/// every report in every format, byte-identical reruns, `--as-of`, and clear errors.
@Suite(.serialized)
struct ReportCommandTests {
    /// One demo workspace for the whole suite (built once; the reports only read it).
    static let demo: Result<URL, any Error> = Result {
        let scratch = try Scratch()
        let result = try CommandLine.run(["demo", "haiyan"], in: scratch.url)
        guard result.status == 0 else { throw DemoFailed(errors: result.errors) }
        return scratch.url.appendingPathComponent("haiyan")
    }

    struct DemoFailed: Error { var errors: String }

    /// Golden files live beside this file; `YIZHAN_UPDATE_GOLDEN=1 swift test --filter ReportCommandTests`
    /// rewrites them after a deliberate change, to be reviewed in the diff.
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Golden"
    )

    static let reports: [(name: String, arguments: [String])] = [
        ("county-2021", ["county", "--period", "2021"]),
        ("county-2021-en", ["county", "--period", "2021", "--lang", "en"]),
        ("station-baibu-2021", ["station", "baibu", "--period", "2021"]),
        ("station-baibu-2021-Q3", ["station", "baibu", "--period", "2021-Q3"]),
    ]

    static let cases: [(String, [String], String)] = reports.flatMap { report in
        ["md", "html", "csv", "json", "xlsx"].map { (report.name, report.arguments, $0) }
    }

    @Test(arguments: cases)
    func reportMatchesItsGoldenFileAndRepeatsByteForByte(name: String, arguments: [String], format: String) throws {
        let workspace = try Self.demo.get()
        let first = try render(arguments, format: format, in: workspace, file: "\(name)-a.\(format)")
        let second = try render(arguments, format: format, in: workspace, file: "\(name)-b.\(format)")
        #expect(first == second, "two runs of \(name).\(format) differ")
        let comparable = format == "xlsx" ? try Self.xlsxParts(first) : first
        let golden = Self.goldenFolder.appendingPathComponent(
            format == "xlsx" ? "\(name).xlsx.txt" : "\(name).\(format)"
        )
        if ProcessInfo.processInfo.environment["YIZHAN_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldenFolder, withIntermediateDirectories: true)
            try comparable.write(to: golden)
        }
        let expected = try Data(contentsOf: golden)
        #expect(
            comparable == expected,
            "\(golden.lastPathComponent) differs; if intended, rerun with YIZHAN_UPDATE_GOLDEN=1"
        )
    }

    @Test func countySummaryReproducesSeed000Figures() throws {
        let workspace = try Self.demo.get()
        let result = try CommandLine.run(
            ["county", "--period", "2021", "--json"],
            in: workspace,
            executable: "yizhan-report"
        )
        #expect(result.status == 0, "\(result.errors)")
        let headline = try Self.table("headline", in: Data(result.output.utf8))
        let values = Dictionary(
            headline.rows.compactMap { row in (row["figure"] as? String).map { ($0, row["value"] ?? NSNull()) } },
            uniquingKeysWith: { first, _ in first }
        )
        // Seed 000 §二.一: 9 stations, 54 workers (36 certified, 19 party members), 9 programs with 63 sub-projects.
        #expect(values["社工站(个)"] as? Int == 9)
        #expect(values["镇(街道)覆盖"] as? String == "9/9")
        #expect(values["社工(人)"] as? Int == 54)
        #expect(values["持证社工(人)"] as? Int == 36)
        #expect(values["党员(人)"] as? Int == 19)
        #expect(values["服务项目(个)"] as? Int == 9)
        #expect(values["子项目(个)"] as? Int == 63)
        #expect((values["服务人次"] as? Int ?? 0) >= 20_000)
        #expect((values["培训人次"] as? Int ?? 0) >= 2_000)
        // Seed 000 §三.三: 西塘桥 recorded 1,765 gifts from the public totalling ¥21,116.28 (JSON money is fen).
        #expect(values["公众捐款(笔)"] as? Int == 1_765)
        #expect(values["公众捐款金额"] as? Int == 2_111_628)
        let stations = try Self.table("stations", in: Data(result.output.utf8))
        #expect(stations.rows.count == 9)
        #expect(stations.totals?["workers"] as? Int == 54)
    }

    @Test func asOfLeavesOutWhatWasRecordedLater() throws {
        let workspace = try Self.demo.get()
        let asOf = try CommandLine.run(
            ["county", "--period", "2021", "--as-of", "2021-06-30", "--json"],
            in: workspace,
            executable: "yizhan-report"
        )
        let half = try CommandLine.run(
            ["county", "--period", "2021-H1", "--json"],
            in: workspace,
            executable: "yizhan-report"
        )
        #expect(asOf.status == 0 && half.status == 0, "\(asOf.errors)\(half.errors)")
        let asOfMonths = try Self.table("months", in: Data(asOf.output.utf8))
        let halfMonths = try Self.table("months", in: Data(half.output.utf8))
        // The demo records each service on its day, so by the end of 30 June only H1 was in.
        #expect(asOfMonths.totals?["personTimes"] as? Int == halfMonths.totals?["personTimes"] as? Int)
        #expect(asOfMonths.rows.count == 12)
        #expect(asOfMonths.rows.suffix(6).allSatisfy { $0["records"] as? Int == 0 })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(asOf.output.utf8)) as? [String: Any])
        #expect(json["asOf"] as? String == "2021-06-30")
        #expect(json["schema"] as? String == "yizhan.report/1")
    }

    @Test func stampAddsTheTimeAndNothingElse() throws {
        let workspace = try Self.demo.get()
        let plain = try CommandLine.run(["county", "--period", "2021"], in: workspace, executable: "yizhan-report")
        let stamped = try CommandLine.run(
            ["county", "--period", "2021", "--stamp"],
            in: workspace,
            executable: "yizhan-report"
        )
        let added = Set(stamped.output.split(separator: "\n")).subtracting(plain.output.split(separator: "\n"))
        #expect(added.count == 1 && added.first?.hasPrefix("生成于 ") == true, "\(added)")
    }

    @Test func xlsxOpensInOpenpyxlWithChineseHeadingsAndNumbers() throws {
        let workspace = try Self.demo.get()
        let file = workspace.appendingPathComponent("check.xlsx")
        let result = try CommandLine.run(
            ["county", "--period", "2021", "--format", "xlsx", "--output", file.path],
            in: workspace,
            executable: "yizhan-report"
        )
        #expect(result.status == 0, "\(result.errors)")
        let script = """
            import sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            sheet = book["各社工站情况"]
            print("|".join(book.sheetnames))
            gifts = book["各社工站志愿、捐赠与经费"]
            print(gifts["G1"].value, gifts["G11"].value, gifts["G11"].number_format)
            print(sheet["A1"].value, sheet["J1"].value, sheet["A11"].value, sheet["J11"].value, type(sheet["J11"].value).__name__, sheet.freeze_panes)
            """
        let python = try CommandLine.runTool("/usr/bin/env", ["python3", "-c", script, file.path], in: workspace)
        #expect(python.status == 0, "openpyxl could not read the workbook: \(python.errors)")
        let lines = python.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "主要指标|各社工站情况|各月服务情况|各类服务情况|各社工站志愿、捐赠与经费|捐赠来源")
        // Money is a number of yuan with two decimals, not text: seed 000's ¥21,116.28 from the public.
        #expect(lines.dropFirst().first == "公众捐款金额 21116.28 #,##0.00")
        #expect(lines.last?.hasPrefix("社工站 服务人次 合计 ") == true && lines.last?.hasSuffix(" int A2") == true)
    }

    @Test func badOptionsGetClearErrors() throws {
        let workspace = try Self.demo.get()
        let cases: [([String], String)] = [
            (["county", "--period", "2021-13"], "无法识别的时间段 “2021-13”"),
            (
                ["county", "--period", "2021", "--format", "csv", "--table", "nope"],
                "可选:headline, stations, months, kinds"
            ),
            (["station", "nobody", "--period", "2021"], "工作区中没有社工站 nobody"),
            (["county", "--period", "2021", "--as-of", "2021-02-30"], "2021-02-30"),
            (["county", "--county", "330425000000", "--period", "2021"], "工作区中没有区划代码为 330425000000 的县"),
        ]
        for (arguments, message) in cases {
            let result = try CommandLine.run(arguments, in: workspace, executable: "yizhan-report")
            #expect(result.status == 1, "\(arguments)")
            #expect(result.errors.contains(message), "\(arguments): \(result.errors)")
            #expect(result.output.isEmpty)
        }
        let unwritable = try CommandLine.run(
            ["county", "--period", "2021", "--format", "html", "--output", "/nonexistent/x.html"],
            in: workspace,
            executable: "yizhan-report"
        )
        #expect(unwritable.status == 1 && unwritable.errors.contains("无法写入 /nonexistent/x.html"))
    }

    // MARK: Helpers

    private func render(_ arguments: [String], format: String, in workspace: URL, file: String) throws -> Data {
        let output = workspace.appendingPathComponent(file)
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try CommandLine.run(
            arguments + ["--format", format, "--output", output.path]
                + (format == "csv" ? ["--table", csvTable(arguments)] : []),
            in: workspace,
            executable: "yizhan-report"
        )
        #expect(result.status == 0, "\(arguments) \(format): \(result.errors)")
        return try Data(contentsOf: output)
    }

    private func csvTable(_ arguments: [String]) -> String { arguments.first == "county" ? "stations" : "subprojects" }

    /// The workbook's parts, uncompressed and in archive order, as text: what a golden file compares
    /// (the compressed bytes depend on the zlib build; the parts do not).
    static func xlsxParts(_ data: Data) throws -> Data {
        let archive = try Archive(data: data, accessMode: .read)
        var text = ""
        for entry in archive {
            var part = Data()
            _ = try archive.extract(entry) { part.append($0) }
            text += "== \(entry.path) ==\n" + String(decoding: part, as: UTF8.self) + "\n"
        }
        return Data(text.utf8)
    }

    struct Table {
        var rows: [[String: Any]]
        var totals: [String: Any]?
    }

    /// The table with `id` in a report's JSON.
    static func table(_ id: String, in json: Data) throws -> Table {
        let document = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let sections = try #require(document["sections"] as? [[String: Any]])
        for section in sections {
            for block in section["blocks"] as? [[String: Any]] ?? [] where block["id"] as? String == id {
                return Table(rows: block["rows"] as? [[String: Any]] ?? [], totals: block["totals"] as? [String: Any])
            }
        }
        Issue.record("no table \(id)")
        return Table(rows: [], totals: nil)
    }
}
