import Foundation
import Testing
import ZIPFoundation

/// `yizhan-report` run on the demo workspace: the figures seed 000 publishes, golden files for
/// every report in every format, byte-identical reruns, `--as-of`, and clear errors.
@Suite(.serialized)
struct ReportCommandTests {
    /// One demo workspace for the whole suite (built once; the reports only read it).
    static let demo = SharedDemo()

    /// The suite's demo workspace, built by the first test that asks and awaited by the others (a
    /// `static let` would block their threads while `yizhan demo` runs).
    actor SharedDemo {
        private var building: Task<URL, any Error>?

        /// The workspace folder, once `yizhan demo haiyan` has made it.
        func get() async throws -> URL {
            if let building { return try await building.value }
            let task = Task {
                let scratch = try Scratch()
                let result = try await CommandLine.run(["demo", "haiyan"], in: scratch.url)
                guard result.status == 0 else { throw DemoFailed(errors: result.errors) }
                return scratch.url.appendingPathComponent("haiyan")
            }
            building = task
            return try await task.value
        }
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
        // 通元's report ends with the 1398 plugin's resource-linking ledger (seed 000 §二.二, §三.二).
        ("station-tongyuan-2021", ["station", "tongyuan", "--period", "2021"]),
        ("station-tongyuan-2021-en", ["station", "tongyuan", "--period", "2021", "--lang", "en"]),
        ("compliance-wenzhou-2021", ["compliance", "--standard", "wenzhou-2021"]),
        ("compliance-wenzhou-2021-en", ["compliance", "--standard", "wenzhou-2021", "--lang", "en"]),
        ("evaluation-2021", ["evaluation", "--period", "2021"]),
        ("donations-baibu-2021", ["donations", "baibu", "--period", "2021"]),
        ("passbook-2021", ["passbook", demoVolunteer, "--period", "2021"]),
    ]

    /// The first volunteer the demo registers at 百步 (its ids come from the recipe's fixed seed).
    static let demoVolunteer = "0176bb75-5e80-7884-b293-b4688c5689d9"

    static let cases: [(String, [String], String)] = reports.flatMap { report in
        ["md", "html", "csv", "json", "xlsx"].map { (report.name, report.arguments, $0) }
    }

    @Test(arguments: cases)
    func reportMatchesItsGoldenFileAndRepeatsByteForByte(name: String, arguments: [String], format: String) async throws
    {
        let workspace = try await Self.demo.get()
        let first = try await render(arguments, format: format, in: workspace, file: "\(name)-a.\(format)")
        let second = try await render(arguments, format: format, in: workspace, file: "\(name)-b.\(format)")
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

    @Test func countySummaryReproducesSeed000Figures() async throws {
        let workspace = try await Self.demo.get()
        let result = try await CommandLine.run(
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
        // Seed 000 §一: in 2021 the townships raised ¥4.5 million of operating funds and the county
        // added ¥1.8 million (JSON money is fen).
        let sources = try Self.table("fundSources", in: Data(result.output.utf8))
        let operations = Dictionary(
            sources.rows.filter { $0["category"] as? String == "运营" }.compactMap { row in
                (row["source"] as? String).map { ($0, row["budget"] as? Int ?? 0) }
            },
            uniquingKeysWith: { first, _ in first }
        )
        #expect(operations == ["乡镇自筹": 450_000_000, "县级财政": 180_000_000])
    }

    @Test func stationReportMeasuresItsIndicatorsAndListsItsResources() async throws {
        let json = try await Self.json(["station", "baibu", "--period", "2021", "--json"])
        let headline = try Self.table("headline", in: json)
        let personTimes = headline.rows.first { $0["figure"] as? String == "服务人次" }?["value"] as? Int
        let indicators = try Self.table("indicators", in: json)
        func indicator(_ name: String) -> [String: Any]? {
            indicators.rows.first { $0["indicator"] as? String == name }
        }
        // The template's 2,000 person-times a year (seed 000 §二.一 ÷ 9), measured from the same records.
        #expect(indicator("服务人次")?["actual"] as? Int == personTimes && indicator("服务人次")?["outcome"] as? String == "达标")
        #expect(indicator("“114”人员配备")?["actual"] as? Int == 6)
        // 百步 has no urban community to count organisations in: nothing is judged.
        #expect(indicator("每个城市社区的社区社会组织数")?["outcome"] as? String == "不判断")
        let funds = try Self.table("funds", in: json)
        // Seed 000 §一 per station: ¥500,000 raised by the township and ¥200,000 from the county for
        // operations; ¥120,000 of demo lines beside them.
        #expect(funds.rows.count == 4 && funds.totals?["budget"] as? Int == 82_000_000)
        let volunteering = try Self.table("volunteering", in: json)
        #expect(volunteering.rows.first?["value"] as? Int == 40)
        let resources = try Self.table("resources", in: json)
        #expect(resources.rows.first { $0["kind"] as? String == "志愿者" }?["count"] as? Int == 40)
        // A quarter's report shows the actuals but judges no yearly target.
        let quarter = try await Self.table(
            "indicators",
            in: try Self.json(["station", "baibu", "--period", "2021-Q3", "--json"])
        )
        #expect(quarter.rows.allSatisfy { $0["outcome"] as? String == "不判断" })
    }

    @Test func complianceReportCountsAndNamesTheEvidence() async throws {
        let json = try await Self.json(["compliance", "--standard", "wenzhou-2021", "--json"])
        let summary = try Self.table("summary", in: json)
        #expect(summary.totals?["pass"] as? Int == 64 && summary.totals?["fail"] as? Int == 9)
        let qinshan = summary.rows.first { $0["subject"] as? String == "秦山街道社会工作站" }
        #expect(qinshan?["fail"] as? Int == 4)
        let results = try Self.table("results", in: json)
        #expect(results.rows.count == 73)
        // Seed 001 §八(二): the county's report is due 30 November; 秦山's final is still open.
        let county = try #require(results.rows.first { ($0["subject"] as? String)?.hasPrefix("全县") == true })
        #expect(county["outcome"] as? String == "未达标" && county["evidence"] as? String == "秦山街道社会工作站")
        // An earlier day checks the year up to it.
        let june = try await Self.json(["compliance", "--as-of", "2021-06-30", "--json"])
        let document = try #require(try JSONSerialization.jsonObject(with: june) as? [String: Any])
        #expect((document["period"] as? [String: String]) == ["start": "2021-01-01", "end": "2021-06-30"])
        #expect(try Self.table("results", in: june).rows.count == 73)
    }

    @Test func evaluationReportShowsFrozenTotalsAndWhatIsStillOpen() async throws {
        let json = try await Self.json(["evaluation", "--period", "2021", "--json"])
        let evaluations = try Self.table("evaluations", in: json)
        #expect(evaluations.rows.count == 18)
        #expect(evaluations.rows.filter { $0["submitted"] as? String == "未提交" }.count == 1)
        let open = try #require(evaluations.rows.first { $0["submitted"] as? String == "未提交" })
        #expect(open["station"] as? String == "秦山街道社会工作站" && open["thirdPartyTotal"] is NSNull)
        // Points are numbers with one decimal in JSON, not text.
        #expect(
            evaluations.rows.allSatisfy {
                $0["selfTotal"] is NSNull || $0["selfTotal"] is Double || $0["selfTotal"] is Int
            }
        )
        let scores = try Self.table("scores", in: json)
        // Nine indicators in the Wenzhou scheme (three groups: 3 + 4 + 2), for each of 18 evaluations.
        #expect(scores.rows.count == 18 * 9)
        let rectifications = try Self.table("rectifications", in: json)
        #expect(rectifications.rows.allSatisfy { ($0["state"] as? String)?.hasSuffix("完成") == true })
    }

    @Test func donationLedgerListsEveryGiftAndNamesNoIndividual() async throws {
        let json = try await Self.json(["donations", "xitangqiao", "--period", "2021", "--json"])
        let gifts = try Self.table("gifts", in: json)
        #expect(gifts.rows.count == 1_778)
        let fromPublic = gifts.rows.filter { $0["donorKind"] as? String == "个人" }
        #expect(fromPublic.count == 1_765 && fromPublic.allSatisfy { $0["donor"] as? String == "公众" })
        // Seed 000 §三.三: 1,765 gifts from the public, ¥21,116.28 (fen in JSON), split over two projects.
        #expect(fromPublic.reduce(0) { $0 + ($1["amount"] as? Int ?? 0) } == 2_111_628)
        let purposes = try Self.table("purposes", in: json)
        #expect(purposes.totals?["gifts"] as? Int == 1_778)
        #expect(purposes.rows.filter { $0["donorKind"] as? String == "个人" }.count == 2)
        // As of 7 September only the first day of 99公益日 was in.
        let early = try await Self.table(
            "gifts",
            in: try Self.json(["donations", "xitangqiao", "--period", "2021", "--as-of", "2021-09-07", "--json"])
        )
        #expect(
            early.rows.count < gifts.rows.count
                && early.rows.allSatisfy { ($0["date"] as? String ?? "") <= "2021-09-07" }
        )
    }

    @Test func passbookBalancesAndMasksTheName() async throws {
        let json = try await Self.json(["passbook", Self.demoVolunteer, "--period", "2021", "--json"])
        let points = try Self.table("points", in: json)
        let entries = points.rows.dropFirst().compactMap { $0["points"] as? Int }
        #expect(points.totals?["balance"] as? Int == entries.reduce(0, +))
        let text = String(decoding: json, as: UTF8.self)
        #expect(!text.contains("示例志愿者百步01") && text.contains("示*"))
        let unknown = try await CommandLine.run(
            ["passbook", "nobody"],
            in: try await Self.demo.get(),
            executable: "yizhan-report"
        )
        #expect(unknown.status == 1 && unknown.errors.contains("工作区中没有志愿者 nobody"))
    }

    @Test func asOfLeavesOutWhatWasRecordedLater() async throws {
        let workspace = try await Self.demo.get()
        let asOf = try await CommandLine.run(
            ["county", "--period", "2021", "--as-of", "2021-06-30", "--json"],
            in: workspace,
            executable: "yizhan-report"
        )
        let half = try await CommandLine.run(
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

    @Test func stampAddsTheTimeAndNothingElse() async throws {
        let workspace = try await Self.demo.get()
        let plain = try await CommandLine.run(
            ["county", "--period", "2021"],
            in: workspace,
            executable: "yizhan-report"
        )
        let stamped = try await CommandLine.run(
            ["county", "--period", "2021", "--stamp"],
            in: workspace,
            executable: "yizhan-report"
        )
        let added = Set(stamped.output.split(separator: "\n")).subtracting(plain.output.split(separator: "\n"))
        #expect(added.count == 1 && added.first?.hasPrefix("生成于 ") == true, "\(added)")
    }

    @Test func xlsxOpensInOpenpyxlWithChineseHeadingsAndNumbers() async throws {
        let workspace = try await Self.demo.get()
        let file = workspace.appendingPathComponent("check.xlsx")
        let result = try await CommandLine.run(
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
        let python = try await CommandLine.runTool("/usr/bin/env", ["python3", "-c", script, file.path], in: workspace)
        #expect(python.status == 0, "openpyxl could not read the workbook: \(python.errors)")
        let lines = python.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "主要指标|各社工站情况|各月服务情况|各类服务情况|各社工站志愿、捐赠与经费|捐赠来源|经费来源|品牌工作法指标|审核状态")
        // Money is a number of yuan with two decimals, not text: seed 000's ¥21,116.28 from the public.
        #expect(lines.dropFirst().first == "公众捐款金额 21116.28 #,##0.00")
        #expect(lines.last?.hasPrefix("社工站 服务人次 合计 ") == true && lines.last?.hasSuffix(" int A2") == true)
    }

    @Test func badOptionsGetClearErrors() async throws {
        let workspace = try await Self.demo.get()
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
            let result = try await CommandLine.run(arguments, in: workspace, executable: "yizhan-report")
            #expect(result.status == 1, "\(arguments)")
            #expect(result.errors.contains(message), "\(arguments): \(result.errors)")
            #expect(result.output.isEmpty)
        }
        let unwritable = try await CommandLine.run(
            ["county", "--period", "2021", "--format", "html", "--output", "/nonexistent/x.html"],
            in: workspace,
            executable: "yizhan-report"
        )
        #expect(unwritable.status == 1 && unwritable.errors.contains("无法写入 /nonexistent/x.html"))
    }

    // MARK: Helpers

    private func render(_ arguments: [String], format: String, in workspace: URL, file: String) async throws -> Data {
        let output = workspace.appendingPathComponent(file)
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try await CommandLine.run(
            arguments + ["--format", format, "--output", output.path]
                + (format == "csv" ? ["--table", csvTable(arguments)] : []),
            in: workspace,
            executable: "yizhan-report"
        )
        #expect(result.status == 0, "\(arguments) \(format): \(result.errors)")
        return try Data(contentsOf: output)
    }

    /// The table each report writes as CSV in the golden files: its widest one.
    private func csvTable(_ arguments: [String]) -> String {
        let tables = [
            "county": "stations", "station": "subprojects", "compliance": "results", "evaluation": "scores",
            "donations": "gifts", "passbook": "points",
        ]
        return tables[arguments.first ?? ""] ?? "headline"
    }

    /// The JSON output of `yizhan-report` with `arguments` on the demo workspace.
    static func json(_ arguments: [String]) async throws -> Data {
        let result = try await CommandLine.run(arguments, in: try await demo.get(), executable: "yizhan-report")
        #expect(result.status == 0, "\(result.errors)")
        return Data(result.output.utf8)
    }

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
