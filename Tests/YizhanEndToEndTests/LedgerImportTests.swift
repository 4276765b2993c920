import Foundation
import Testing

/// `yizhan import` on the messy-ledger fixtures (`Ledgers/`, made by `make-fixtures.py`): ledgers as
/// stations keep them in Excel — GBK and BOM encodings, a title row, a two-row merged heading, blank
/// lines, four date spellings, a future date, a duplicated row and bad ID numbers.
@Suite(.serialized) struct LedgerImportTests {
    static let ledgers = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Ledgers")

    /// The fixtures' names, ID numbers and phones: none may appear where personal data must not.
    static let personalData = [
        "王小明", "李大爷", "张阿婆", "钱某某", "孙某某", "330424201001051230", "330424194003120014", "13800138000",
        "0573-86123456", "86123456", "周某某", "吴某某", "郑某某", "330424195203040021", "330424194511110015",
    ]

    private func demo() async throws -> (Scratch, URL) {
        let scratch = try Scratch()
        let result = try await CommandLine.run(["demo", "haiyan"], in: scratch.url)
        try #require(result.status == 0, "\(result.errors)")
        return (scratch, scratch.url.appendingPathComponent("haiyan"))
    }

    /// Runs `yizhan` at trace log level, so that every log line is in `errors` for the scans.
    private func yizhan(_ arguments: [String], in workspace: URL) async throws -> CommandLine.Result {
        try await CommandLine.run(
            arguments + ["--workspace", workspace.path],
            in: workspace.deletingLastPathComponent(),
            environment: ["YIZHAN_LOG_LEVEL": "trace"]
        )
    }

    private func importFixture(
        _ ledger: String,
        _ file: String,
        _ extra: [String] = [],
        in workspace: URL
    ) async throws
        -> CommandLine.Result
    {
        try await yizhan(
            [
                "import", ledger, Self.ledgers.appendingPathComponent(file).path, "--station", "baibu",
                "--rejections", workspace.appendingPathComponent("\(file).rejections.csv").path,
            ]
                + extra,
            in: workspace
        )
    }

    /// Exports 百步's service ledger of November 2021 to `name` in the workspace: the file, the
    /// command's result and the file's text without its BOM.
    private func exportNovember(
        _ name: String,
        in workspace: URL
    ) async throws -> (file: URL, result: CommandLine.Result, text: String) {
        let file = workspace.appendingPathComponent(name)
        let result = try await yizhan(
            [
                "export", "services", "--station", "baibu", "--from", "2021-11-01", "--to", "2021-11-30", "-o",
                file.path,
            ],
            in: workspace
        )
        #expect(result.status == 0, "\(result.errors)")
        return (file, result, String(decoding: try Data(contentsOf: file).dropFirst(3), as: UTF8.self))
    }

    private func recordCount(in workspace: URL) async throws -> Int {
        let result = try await yizhan(
            ["record", "list", "--station", "baibu", "--limit", "100000", "--json"],
            in: workspace
        )
        let records = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [Any]
        return records?.count ?? -1
    }

    /// The options by which a station states that the signed consent forms of the roster's people
    /// without consent columns (张阿婆) are on file.
    static let statedConsent = [
        "--consent-date", "2021-03-03", "--consent-scope", "接受服务", "--consent-scope", "个人信息收集与使用",
    ]

    @Test func messyLedgersImportExactlyTheExpectedRows() async throws {
        let (scratch, workspace) = try await demo()
        defer { scratch.remove() }
        let recordsBefore = try await recordCount(in: workspace)

        // The client roster (UTF-8 with BOM): all-or-nothing refuses it, naming rows 5 to 8. Row 5
        // has no consent of its own (issue 21.7), and the option that states it is named.
        let refusedClients = try await importFixture("clients", "clients-bom.csv", in: workspace)
        #expect(refusedClients.status == 1)
        #expect(refusedClients.output.contains("CSV,UTF-8 (BOM)"))
        #expect(refusedClients.output.contains("第 5 行 F 列“知情同意日期”:(空),知情同意日期:台账的「知情同意日期」列,或以 --consent-date D"))
        #expect(refusedClients.output.contains("第 6 行 B 列“身份证号”:“330*************20”,身份证号校验位不符"))
        #expect(refusedClients.output.contains("第 7 行 B 列“身份证号”:“330*************30”,与第 2 行是同一人"))
        #expect(refusedClients.output.contains("第 8 行 B 列“身份证号”:“330*************43”,身份证号中的出生日期"))
        #expect(refusedClients.output.contains("4 行有误,未导入任何行"))
        await #expect(try yizhan(["client", "list", "--station", "baibu"], in: workspace).output.contains("共 0 人"))

        // The station states that 张阿婆's signed form is on file: her row takes that consent.
        let clients = try await importFixture(
            "clients",
            "clients-bom.csv",
            ["--skip-invalid"] + Self.statedConsent,
            in: workspace
        )
        #expect(clients.status == 0)
        #expect(clients.output.contains("已导入 3 行;0 行此前已导入,未重复写入;3 行有误,已跳过"))
        let rejectionsData = try Data(contentsOf: workspace.appendingPathComponent("clients-bom.csv.rejections.csv"))
        #expect(rejectionsData.starts(with: [0xEF, 0xBB, 0xBF]))  // Excel reads UTF-8 only with a BOM
        let rejections = String(decoding: rejectionsData.dropFirst(3), as: UTF8.self)
        #expect(rejections.hasPrefix("行,列,表头,内容,原因\r\n6,B,身份证号,330*************20,"))
        #expect(rejections.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 4)
        // The stated consent is in the import's event; the guardian's consent (row 2) on the client.
        let imports = await Self.events(try yizhan(["events", "--json", "--limit", "100000"], in: workspace).output)
            .filter { $0.type == "ledger.imported" }
        #expect(imports.last?.payload["statedConsentOn"] as? String == "2021-03-03")
        #expect(imports.last?.payload["statedConsentScope"] as? [String] == ["service", "personalInformation"])

        // The service ledger (GBK): refused as a whole, then 5 of its 8 data rows with --skip-invalid.
        let refused = try await importFixture("services", "services-gbk.csv", in: workspace)
        #expect(refused.status == 1)
        #expect(refused.output.contains("CSV,GBK/GB18030):标题和表头在第 1、2、3 行,数据 8 行"))
        #expect(refused.output.contains("未使用的列:序号"))
        #expect(refused.output.contains("第 10 行 B 列“服务日期”:“2099-01-01”,不晚于今天"))
        #expect(refused.output.contains("第 11 行:(空),与第 4 行内容完全相同"))
        #expect(refused.output.contains("第 12 行 D 列“服务对象身份证号”:“330*************20”,有效的身份证号(校验位不符)"))
        #expect(refused.output.contains("3 行有误,未导入任何行"))
        await #expect(try recordCount(in: workspace) == recordsBefore)

        let imported = try await importFixture("services", "services-gbk.csv", ["--skip-invalid"], in: workspace)
        #expect(imported.output.contains("已导入 5 行;0 行此前已导入,未重复写入;3 行有误,已跳过"))
        await #expect(try recordCount(in: workspace) == recordsBefore + 5)

        // Importing the same file again writes nothing twice.
        let again = try await importFixture("services", "services-gbk.csv", ["--skip-invalid"], in: workspace)
        #expect(again.output.contains("已导入 0 行;5 行此前已导入,未重复写入;3 行有误,已跳过"))
        await #expect(try recordCount(in: workspace) == recordsBefore + 5)

        // The Excel ledger: date cells, a merged heading, a client named by ID number.
        let workbook = try await importFixture("services", "services.xlsx", in: workspace)
        #expect(workbook.status == 0, "\(workbook.output)\(workbook.errors)")
        #expect(workbook.output.contains("(XLSX,UTF-8):标题和表头在第 1、2、3 行,数据 3 行"))
        #expect(workbook.output.contains("已导入 3 行"))
        await #expect(try recordCount(in: workspace) == recordsBefore + 8)

        // No name, ID number or phone in the events, the output, or the rejections files.
        let events = try await yizhan(["events", "--json", "--limit", "100000"], in: workspace)
        #expect(events.output.contains("\"type\" : \"ledger.imported\""))
        // Every imported record has its service.recorded, as one recorded by hand (issue 22.7):
        // 5 + 3 after the demo's, each import's before its ledger.imported, none for rows imported before.
        let all = Self.events(events.output)
        let recordedSinceDemo = all.drop { $0.type != "ledger.imported" }.filter { $0.type == "service.recorded" }
        #expect(recordedSinceDemo.count == 8)
        let lastImport = try #require(all.lastIndex { $0.type == "ledger.imported" })
        #expect(all[lastImport - 3..<lastImport].allSatisfy { $0.type == "service.recorded" })
        #expect(all[lastImport].payload["accepted"] as? Int == 3)
        let written = [refusedClients, clients, refused, imported, again, workbook].map { $0.output + $0.errors }
        let files = try FileManager.default.contentsOfDirectory(atPath: workspace.path).filter {
            $0.hasSuffix(".rejections.csv")
        }.map { try String(contentsOf: workspace.appendingPathComponent($0), encoding: .utf8) }
        for text in [events.output] + written + files {
            for value in Self.personalData {
                #expect(!text.contains(value), "\(value) leaked")
            }
        }
    }

    /// A month's ledger kept in Excel as stations keep it (written by openpyxl, not by Yizhan): its
    /// 合计 row and the notes under the table are skipped, not refused, and the sheet's own total is
    /// checked against the rows read (issue 22.3, 22.4).
    @Test func totalsRowsAndNotesUnderTheTableAreSkippedAndChecked() async throws {
        let (scratch, workspace) = try await demo()
        defer { scratch.remove() }
        let before = try await recordCount(in: workspace)
        let imported = try await importFixture("services", "services-totals.xlsx", in: workspace)
        #expect(imported.status == 0, "\(imported.output)\(imported.errors)")
        #expect(imported.output.contains("(XLSX,UTF-8):标题和表头在第 1、2、3 行,数据 5 行"), "\(imported.output)")
        #expect(imported.output.contains("未使用的列:序号"))
        #expect(imported.output.contains("跳过合计行:第 11 行"))
        #expect(imported.output.contains("跳过表尾说明:第 13、14 行"))
        #expect(imported.output.contains("合计行:56 人次,导入 56 人次"))
        #expect(imported.output.contains("已导入 5 行;0 行此前已导入,未重复写入;0 行有误"))
        await #expect(try recordCount(in: workspace) == before + 5)
        let again = try await importFixture("services", "services-totals.xlsx", ["--json"], in: workspace)
        let json = try JSONSerialization.jsonObject(with: Data(again.output.utf8)) as? [String: Any]
        let totals = json?["totals"] as? [String: Any]
        #expect(totals?["statedPersonTimes"] as? Int == 56 && totals?["readPersonTimes"] as? Int == 56)
        #expect(totals?["totalRows"] as? [Int] == [11] && totals?["noteRows"] as? [Int] == [13, 14])

        // A CSV whose 小计 rows do not add up to the rows read: the rows go in, the difference is
        // said, and a refused row shows in it.
        let csv = workspace.appendingPathComponent("十二月.csv")
        try Data(
            """
            服务日期,服务类型,时长(分钟),参与人次
            2021-12-01,社区活动,60,20
            2021-12-02,社区活动,60,十
            小计,,120,30
            2021-12-03,入户走访,30,1
            小计,,30,1
            填表日期:2021年12月5日
            """.utf8
        ).write(to: csv)
        let short = try await yizhan(
            ["import", "services", csv.path, "--station", "baibu", "--skip-invalid"],
            in: workspace
        )
        #expect(short.output.contains("跳过合计行:第 4、6 行") && short.output.contains("跳过表尾说明:第 7 行"), "\(short.output)")
        #expect(short.output.contains("注意:合计行写 31 人次,读入的行合计 21 人次,相差 10 人次"))
        #expect(short.output.contains("已导入 2 行;0 行此前已导入,未重复写入;1 行有误,已跳过"))
    }

    /// `--dry-run` shows the columns as understood, the first rows as they would be recorded, the
    /// refused cells and the totals check, and writes nothing at all: no record, no event, no
    /// rejections file (issue 22.6).
    @Test func aDryRunShowsWhatTheImportWouldDoAndWritesNothing() async throws {
        let (scratch, workspace) = try await demo()
        defer { scratch.remove() }
        let records = try await recordCount(in: workspace)
        let events = try await yizhan(["events", "--limit", "1", "--json"], in: workspace).output
        let preview = try await importFixture("services", "services-totals.xlsx", ["--dry-run"], in: workspace)
        #expect(preview.status == 0, "\(preview.errors)")
        let lines = preview.output.components(separatedBy: "\n")
        #expect(lines.first == "预演(--dry-run):未写入任何内容")
        #expect(
            lines.contains(
                "读取的列:B 列“服务日期”、C 列“服务类型”、D 列“服务对象身份证号”→服务对象、E 列“服务人次”→人数、F 列“时长(分钟)”、G 列“社工”"
            ),
            "\(preview.output)"
        )
        #expect(lines.contains("前 5 行将记录为:"))
        #expect(lines.contains("  第 4 行 → 2021-11-03 走访,40 分钟,1 人次,社工 1 人"))
        #expect(lines.contains("  第 6 行 → 2021-11-12 社区活动,120 分钟,30 人次"))
        #expect(lines.contains("合计行:56 人次,导入 56 人次"))
        #expect(lines.contains("预演:将导入 5 行;0 行此前已导入,不会重复写入;0 行有误,将跳过"))

        // A ledger the import would refuse: the same refusals, exit 1, and still nothing written.
        let refused = try await importFixture("services", "services-gbk.csv", ["--dry-run"], in: workspace)
        #expect(refused.status == 1)
        #expect(refused.output.contains("第 10 行 B 列“服务日期”:“2099-01-01”,不晚于今天"))
        #expect(refused.output.contains("预演:4 行有误,正式导入时不会导入任何行"))
        let rejections = workspace.appendingPathComponent("services-gbk.csv.rejections.csv")
        #expect(!FileManager.default.fileExists(atPath: rejections.path))
        await #expect(try recordCount(in: workspace) == records)
        await #expect(try yizhan(["events", "--limit", "1", "--json"], in: workspace).output == events)

        let json = try await importFixture("services", "services-totals.xlsx", ["--dry-run", "--json"], in: workspace)
        let view = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(view?["dryRun"] as? Bool == true && view?["written"] as? Bool == false)
        #expect((view?["preview"] as? [Any])?.count == 5 && view?["accepted"] as? Int == 5)
    }

    /// An unusual heading is named for one import with `--column 表头=字段`, the field by its name or
    /// its id; a mapping that names no field is refused with the fields to choose from (issue 22.3).
    @Test func anUnusualHeadingIsNamedForOneImport() async throws {
        let (scratch, workspace) = try await demo()
        defer { scratch.remove() }
        let ledger = workspace.appendingPathComponent("站里的表.csv")
        try Data("哪天,做了啥,花了多久,来了几位\n2021-12-01,社区活动,60,20\n2021-12-02,入户走访,30,1\n".utf8).write(to: ledger)
        let missing = try await yizhan(["import", "services", ledger.path, "--station", "baibu"], in: workspace)
        #expect(missing.status == 1 && missing.errors.contains("或用 --column 表头=字段 指明"), "\(missing.errors)")
        let mapped = try await yizhan(
            [
                "import", "services", ledger.path, "--station", "baibu", "--column", "哪天=服务日期", "--column",
                "做了啥=kind", "--column", "花了多久=时长(分钟)", "--column", "来了几位=人数",
            ],
            in: workspace
        )
        #expect(mapped.status == 0, "\(mapped.output)\(mapped.errors)")
        #expect(mapped.output.contains("已导入 2 行"))
        let wrong = try await yizhan(
            ["import", "services", ledger.path, "--station", "baibu", "--column", "哪天=生日"],
            in: workspace
        )
        #expect(wrong.status == 1 && wrong.errors.contains("--column “哪天=生日”:台账没有这个字段;字段可写:服务日期(date)、"))
        let malformed = try await yizhan(
            ["import", "services", ledger.path, "--station", "baibu", "--column", "哪天"],
            in: workspace
        )
        #expect(malformed.status == 1 && malformed.errors.contains("应写成 表头=字段,如 --column 服务人次=人数"))

        // --save-columns keeps the mappings in the station's own dictionary beside the one used,
        // and the next sheet goes in without options.
        let dictionaries = workspace.appendingPathComponent("ledgers")
        try FileManager.default.createDirectory(at: dictionaries, withIntermediateDirectories: true)
        let shipped = Self.ledgers.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("config/ledgers/headers.yaml")
        let headers = dictionaries.appendingPathComponent("headers.yaml")
        try FileManager.default.copyItem(at: shipped, to: headers)
        let saved = try await yizhan(
            [
                "import", "services", ledger.path, "--station", "baibu", "--headers", headers.path, "--column",
                "哪天=服务日期", "--column", "做了啥=kind", "--column", "花了多久=时长(分钟)", "--column", "来了几位=人数",
                "--save-columns",
            ],
            in: workspace
        )
        let stationFile = dictionaries.appendingPathComponent("baibu.yaml")
        #expect(saved.output.contains("已把 4 个表头写入 \(stationFile.path)"), "\(saved.output)\(saved.errors)")
        let written = try String(contentsOf: stationFile, encoding: .utf8)
        #expect(written.hasPrefix("# yaml-language-server: $schema=../schema/ledger-headers.schema.json"))
        #expect(written.contains("    headCount: [\"来了几位\"]"))
        let nextMonth = workspace.appendingPathComponent("站里的表-下旬.csv")
        try Data("哪天,做了啥,花了多久,来了几位\n2021-12-20,社区活动,90,25\n".utf8).write(to: nextMonth)
        let plain = try await yizhan(
            ["import", "services", nextMonth.path, "--station", "baibu", "--headers", headers.path],
            in: workspace
        )
        #expect(plain.status == 0 && plain.output.contains("已导入 1 行"), "\(plain.output)\(plain.errors)")
        let alone = try await yizhan(
            ["import", "services", ledger.path, "--station", "baibu", "--save-columns"],
            in: workspace
        )
        #expect(alone.status != 0 && alone.errors.contains("--save-columns 需要同时给出 --column"))
    }

    /// A station's own service ledger names the people served by name and ID number: those not
    /// registered yet are registered with their records in the same transaction, with consent as
    /// `client add` needs it; `--no-register` refuses them; a registered person's name must agree
    /// (issue 22.1).
    @Test func peopleNamedInAServiceLedgerAreRegisteredWithTheirRecords() async throws {
        let (scratch, workspace) = try await demo()
        defer { scratch.remove() }
        let records = try await recordCount(in: workspace)
        let consent = ["--consent-date", "2021-11-30", "--consent-scope", "接受服务", "--consent-scope", "个人信息收集与使用"]

        // Without consent the new people's rows are refused with the option that states it.
        let unconsented = try await importFixture(
            "services",
            "services-people-gbk.csv",
            ["--skip-invalid"],
            in: workspace
        )
        #expect(unconsented.output.contains("第 3 行:(空),知情同意日期:台账的「知情同意日期」列,或以 --consent-date D"))
        #expect(unconsented.output.contains("已导入 1 行;0 行此前已导入,未重复写入;8 行有误,已跳过"), "\(unconsented.output)")
        // --no-register refuses them, naming the option.
        let refused = try await importFixture(
            "services",
            "services-people-gbk.csv",
            ["--skip-invalid", "--no-register"] + consent,
            in: workspace
        )
        #expect(refused.output.contains("第 3 行 D 列“身份证号”:“330*************21”,本站已登记的服务对象(--no-register 不登记新的人"))

        let imported = try await importFixture(
            "services",
            "services-people-gbk.csv",
            ["--skip-invalid"] + consent,
            in: workspace
        )
        #expect(imported.status == 0, "\(imported.errors)")
        #expect(imported.output.contains("(CSV,GBK/GB18030):标题和表头在第 1、2 行,数据 9 行"))
        #expect(imported.output.contains("第 7 行 D 列“身份证号”:“330*************30”,有效的身份证号(校验位不符)"))
        #expect(imported.output.contains("第 8 行 A 列“服务日期”:“2099-01-01”,不晚于今天(2021-12-31)的日期"))
        #expect(imported.output.contains("第 9 行 A 列“服务日期”:“2021-02-30”,写作 YYYY-MM-DD 的真实日期"))
        #expect(imported.output.contains("第 10 行 F 列“服务人次”:“-3”,1 至 100000 之间的人数"))
        #expect(imported.output.contains("第 11 行:(空),与第 5 行内容完全相同,视为重复录入"))
        #expect(imported.output.contains("注意:合计行写 43 人次,读入的行合计 33 人次,相差 10 人次"))
        // 1 row imported before (the head-count row), 4 now counting it: 周某某 twice, 吴某某, the activity.
        #expect(imported.output.contains("已导入 3 行;1 行此前已导入,未重复写入;5 行有误,已跳过;登记新服务对象 2 人"), "\(imported.output)")
        await #expect(try recordCount(in: workspace) == records + 4)
        let clients = try await yizhan(["client", "list", "--station", "baibu"], in: workspace).output
        #expect(clients.contains("周**  330424********0021") && clients.contains("吴**  330424********0015"))
        #expect(clients.contains("共 2 人(已脱敏)"), "\(clients)")

        // Each person has their client.registered, each record its service.recorded; no name anywhere.
        let events = try await yizhan(["events", "--json", "--limit", "100000"], in: workspace).output
        let all = Self.events(events)
        let lastImport = try #require(all.lastIndex { $0.type == "ledger.imported" })
        let imports = all[..<lastImport].suffix(5).map(\.type)
        #expect(
            imports.filter { $0 == "client.registered" }.count == 2
                && imports.filter { $0 == "service.recorded" }.count == 3
        )
        #expect(all[lastImport].payload["statedConsentOn"] as? String == "2021-11-30")
        for value in Self.personalData {
            #expect(!events.contains(value) && !imported.output.contains(value), "\(value)")
        }

        // Importing again registers nobody twice; a registered person under another name is refused.
        let again = try await importFixture(
            "services",
            "services-people-gbk.csv",
            ["--skip-invalid"] + consent,
            in: workspace
        )
        #expect(again.output.contains("已导入 0 行;4 行此前已导入,未重复写入;5 行有误,已跳过"), "\(again.output)")
        let renamed = workspace.appendingPathComponent("改名.csv")
        try Data("服务日期,服务类型,服务对象姓名,身份证号,时长(分钟)\n2021-12-20,入户走访,周大大,330424195203040021,30\n".utf8)
            .write(to: renamed)
        let mismatch = try await yizhan(["import", "services", renamed.path, "--station", "baibu"], in: workspace)
        #expect(
            mismatch.status == 1 && mismatch.output.contains("第 2 行 C 列“服务对象姓名”:“周**”,与按身份证号找到的已登记服务对象姓名不符"),
            "\(mismatch.output)"
        )
    }

    /// A worker cell that names no worker of the station (小周社工, 王社工) no longer refuses the row:
    /// the name is kept on the record as written, shown and exported, listed as a warning with the
    /// station's workers, and kept out of every event; `--strict` refuses such rows (issue 22.2).
    @Test func workersNamedAsPeopleWriteThemAreKeptAsWritten() async throws {
        let (scratch, workspace) = try await demo()
        defer { scratch.remove() }
        let consent = ["--consent-date", "2021-11-30", "--consent-scope", "接受服务", "--consent-scope", "个人信息收集与使用"]
        let strict = try await importFixture(
            "services",
            "services-people-gbk.csv",
            ["--strict"] + consent,
            in: workspace
        )
        #expect(strict.status == 1)
        #expect(
            strict.output.contains(
                "第 4 行 H 列“社工”:“小周社工”,百步镇社会工作站社工的姓名或标识(示例社工百步01(baibu-w1)、示例社工百步02(baibu-w2)"
            ),
            "\(strict.output)"
        )
        #expect(strict.output.contains("第 6 行 H 列“社工”:“王社工”") && strict.output.contains("去掉 --strict 则按原文保存"))

        let imported = try await importFixture(
            "services",
            "services-people-gbk.csv",
            ["--skip-invalid"] + consent,
            in: workspace
        )
        #expect(imported.status == 0, "\(imported.errors)")
        #expect(
            imported.output.contains(
                "提醒:以下社工的写法与本站社工对不上,已按原文保存在记录上(本站社工:示例社工百步01(baibu-w1)、"
            ),
            "\(imported.output)"
        )
        #expect(imported.output.contains("\n  “小周社工”:第 4 行\n  “王社工”:第 6 行\n"))
        #expect(imported.output.contains("已导入 4 行;0 行此前已导入,未重复写入;5 行有误,已跳过;登记新服务对象 2 人"))
        let events = try await yizhan(["events", "--json", "--limit", "100000"], in: workspace).output
        #expect(!events.contains("小周社工") && !events.contains("王社工"))

        // The export writes the names after the workers' own, so the file comes back as imported.
        let exported = workspace.appendingPathComponent("十二月.csv")
        let export = try await yizhan(
            [
                "export", "services", "--station", "baibu", "--from", "2021-12-01", "--to", "2021-12-31", "-o",
                exported.path,
            ],
            in: workspace
        )
        #expect(export.status == 0, "\(export.errors)")
        let lines = String(decoding: try Data(contentsOf: exported), as: UTF8.self).split(whereSeparator: \.isNewline)
        let visit = try #require(lines.first { $0.contains(",小周社工,") })
        #expect(lines.contains { $0.contains(",示例社工百步02、王社工,") })
        let again = try await yizhan(["import", "services", exported.path, "--station", "baibu"], in: workspace)
        #expect(again.output.contains("已导入 0 行;\(lines.count - 1) 行此前已导入"), "\(again.output)")

        // `record show` names them; a correction that names the worker settles the name.
        let id = String(visit.split(separator: ",").last ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = try await yizhan(["record", "show", id, "--station", "baibu"], in: workspace).output
        #expect(shown.contains("社工(按台账原文)  小周社工"), "\(shown)")
        let corrected = try await yizhan(
            ["record", "correct", id, "--station", "baibu", "--worker", "baibu-w6", "--reason", "小周社工即百步06"],
            in: workspace
        )
        #expect(corrected.output.contains("(改动 workers;"), "\(corrected.output)\(corrected.errors)")
        let settled = try await yizhan(["record", "show", id, "--station", "baibu"], in: workspace).output
        #expect(!settled.contains("按台账原文") && settled.contains("baibu-w6"))
    }

    @Test func missingColumnsAndOldWorkbooksGetClearErrors() async throws {
        let (scratch, workspace) = try await demo()
        defer { scratch.remove() }
        let noHeadings = workspace.appendingPathComponent("notes.csv")
        try Data("随便写的,内容\n1,2\n".utf8).write(to: noHeadings)
        let missing = try await yizhan(["import", "services", noHeadings.path, "--station", "baibu"], in: workspace)
        #expect(missing.status == 1)
        #expect(missing.errors.contains("缺少必需的列:date(服务日期)、kind(服务类型)、duration(时长(分钟))"))
        #expect(missing.errors.contains("config/ledgers/headers.yaml"))

        let xls = workspace.appendingPathComponent("old.xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).write(to: xls)
        let old = try await yizhan(
            ["import", "services", xls.path, "--station", "baibu", "--lang", "en"],
            in: workspace
        )
        #expect(old.status == 1)
        #expect(old.errors.contains("is an old Excel (.xls) workbook; save it as .xlsx or CSV UTF-8"))

        // Spreadsheets the import does not read, and one it cannot open, are each refused with the
        // way to save them as .xlsx, and nothing is written (issue 22.5).
        let recordsBefore = try await recordCount(in: workspace)
        func refusal(_ name: String, _ bytes: Data) async throws -> String {
            let file = workspace.appendingPathComponent(name)
            try bytes.write(to: file)
            let result = try await yizhan(["import", "services", file.path, "--station", "baibu"], in: workspace)
            #expect(result.status == 1, "\(name)")
            return result.errors
        }
        let compound = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 504)
        await #expect(try refusal("百步台账.et", compound).contains("是WPS 表格(.et),导入只读 .xlsx 和 CSV;请另存为 .xlsx"))
        let ods =
            Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 26))
            + Data("mimetypeapplication/vnd.oasis.opendocument.spreadsheet".utf8)
        await #expect(try refusal("百步台账.ods", ods).contains("是OpenDocument(.ods)表格"))
        await #expect(
            try refusal("百步台账.numbers", Data([0x50, 0x4B, 0x03, 0x04]) + Data(count: 64)).contains("是Numbers 表格")
        )
        let saveAs = "在 WPS 表格中选“文件 → 另存为”,文件类型选“Microsoft Excel 文件(*.xlsx)”"
        await #expect(try refusal("百步台账2.et", compound).contains(saveAs))
        let locked = try Data(contentsOf: Self.ledgers.appendingPathComponent("services-password.xlsx"))
        await #expect(try refusal("加密台账.xlsx", locked).contains("设有打开密码,内容已加密,无法读取"))
        var truncated = try Data(contentsOf: Self.ledgers.appendingPathComponent("services.xlsx"))
        truncated = truncated.prefix(truncated.count / 2)
        await #expect(try refusal("半个台账.xlsx", truncated).contains("不是可读的 .xlsx 工作簿"))
        let pdf = Data("%PDF-1.7\n".utf8) + Data([0, 0xFF, 0x10, 0])
        await #expect(try refusal("台账.csv", pdf).contains("不是表格文件(含有二进制内容"))
        await #expect(try recordCount(in: workspace) == recordsBefore)

        let unknown = try await importFixture("services", "services-gbk.csv", ["--station", "nowhere"], in: workspace)
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains("没有社工站“nowhere”"))
    }

    @Test func exportsImportAgainWithoutDuplicatesAndStayMaskedUnlessRevealed() async throws {
        let (scratch, workspace) = try await demo()
        defer { scratch.remove() }
        _ = try await importFixture(
            "clients",
            "clients-bom.csv",
            ["--skip-invalid"] + Self.statedConsent,
            in: workspace
        )
        let before = try await recordCount(in: workspace)

        // The service ledger goes out with its record ids and comes back as the same records.
        let (ledger, export, exported) = try await exportNovember("十一月.csv", in: workspace)
        #expect(
            exported.hasPrefix(
                "服务日期,服务类型,时长(分钟),村(社区),社工,服务对象,人数,服务项目,子项目,活动照片,备注,5色桥治理:色桥,9大民生品牌项目,记录编号\r\n"
            ),
            "百步's two brand-plugin fields before the record id"
        )
        let rows = exported.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count - 1
        #expect(export.output.contains("已导出 \(rows) 行"))
        let again = try await yizhan(["import", "services", ledger.path, "--station", "baibu"], in: workspace)
        #expect(again.output.contains("已导入 0 行;\(rows) 行此前已导入"), "\(again.output)")
        await #expect(try recordCount(in: workspace) == before)

        // A row edited after the export is a difference, not "imported before" (issue 21.3);
        // --apply-corrections makes it a new version of its record.
        var lines = exported.components(separatedBy: "\r\n")
        var cells = lines[1].components(separatedBy: ",")
        let id = try #require(cells.last)
        cells[2] = String((Int(cells[2]) ?? 0) + 15)
        lines[1] = cells.joined(separator: ",")
        let edited = workspace.appendingPathComponent("十一月-改.csv")
        try Data(([0xEF, 0xBB, 0xBF] as [UInt8]) + Array(lines.joined(separator: "\r\n").utf8)).write(to: edited)
        let differs = try await yizhan(["import", "services", edited.path, "--station", "baibu"], in: workspace)
        #expect(differs.status == 0 && differs.output.contains("第 2 行与已存记录 \(id) 不同:durationMinutes"))
        #expect(differs.output.contains("1 行与已存记录不同,未改动;核对无误后加 --apply-corrections"))
        let applied = try await yizhan(
            ["import", "services", edited.path, "--station", "baibu", "--apply-corrections"],
            in: workspace
        )
        #expect(applied.output.contains("\(rows - 1) 行此前已导入,未重复写入;0 行有误,已跳过;更正已存记录 1 条"))
        let shown = try await yizhan(["record", "show", id, "--station", "baibu", "--json"], in: workspace).output
        #expect(shown.contains(#""version" : 2"#) && shown.contains("台账再导入更正"))
        let settled = try await yizhan(["import", "services", edited.path, "--station", "baibu"], in: workspace)
        #expect(settled.output.contains("已导入 0 行;\(rows) 行此前已导入"))
        await #expect(try recordCount(in: workspace) == before)

        // Clients: masked in the list, in show and in the export; --reveal shows them and is recorded.
        let list = try await yizhan(["client", "list", "--station", "baibu"], in: workspace)
        #expect(list.output.contains("王**") && list.output.contains("330424********1230"))
        let masked = workspace.appendingPathComponent("花名册.csv")
        _ = try await yizhan(["export", "clients", "--station", "baibu", "-o", masked.path], in: workspace)
        let maskedText = String(decoding: try Data(contentsOf: masked), as: UTF8.self)
        #expect(maskedText.contains("王**,330424********1230,138****8000,百步镇示例村01,留守儿童,"))
        let eventsBefore = try await yizhan(["events", "--json", "--limit", "100000"], in: workspace)
        let revealedFile = workspace.appendingPathComponent("花名册-完整.xlsx")
        // A reveal names its purpose (issue 21.10): without one it is refused and nothing is written.
        let unexplained = try await yizhan(
            ["export", "clients", "--station", "baibu", "--reveal", "-o", revealedFile.path],
            in: workspace
        )
        #expect(unexplained.status == 1 && unexplained.errors.contains("reason:"))
        #expect(unexplained.errors.contains("报送上级(submission)"))
        #expect(!FileManager.default.fileExists(atPath: revealedFile.path))
        let reveal = try await yizhan(
            ["export", "clients", "--station", "baibu", "--reveal", "--reason", "报送上级", "-o", revealedFile.path],
            in: workspace
        )
        #expect(reveal.status == 0 && reveal.output.contains("已导出 3 行"))
        let events = try await yizhan(["events", "--json", "--limit", "100000"], in: workspace)
        let newEvents =
            events.output.components(separatedBy: "personaldata.revealed").count
            - eventsBefore.output.components(separatedBy: "personaldata.revealed").count
        #expect(newEvents == 3)
        // The file written is recorded once, with its size and SHA-256, after the three reveals.
        let all = Self.events(events.output)
        let exportedEvents = all.filter { $0.type == "personaldata.exported" }
        #expect(exportedEvents.count == 1)
        let file = exportedEvents.first?.payload ?? [:]
        let written = try Data(contentsOf: revealedFile)
        let digest = await Self.sha256Hex(of: revealedFile)
        #expect(file["sha256"] as? String == digest)
        #expect(file["bytes"] as? Int == written.count)
        #expect(file["people"] as? Int == 3 && file["purpose"] as? String == "submission")
        #expect(file["ledger"] as? String == "clients" && file["format"] as? String == "xlsx")
        let reveals = all.filter { $0.type == "personaldata.revealed" }.suffix(3)
        #expect(reveals.count == 3 && reveals.allSatisfy { $0.payload["purpose"] as? String == "submission" })
        // Each reveal names the system account that made it, not the constant "cli" (issue 21.10).
        #expect(events.output.contains(#""actor" : "cli:"#) && !events.output.contains(#""actor" : "cli","#))
        // The unmasked file is its owner's alone.
        let mode = try FileManager.default.attributesOfItem(atPath: revealedFile.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // A list cut by --limit says so (issue 21.15).
        let first = try await yizhan(["client", "list", "--station", "baibu", "--limit", "1"], in: workspace)
        #expect(first.output.contains("显示前 1 人(已脱敏);还有更多,用 --limit 列出更多"))
        #expect(list.output.contains("共 3 人(已脱敏)"))

        // Without --reveal, no name, ID number or phone anywhere: events, logs, output, files.
        let texts = [events.output, list.output, list.errors, export.output, export.errors, maskedText, exported]
        for text in texts {
            for value in Self.personalData { #expect(!text.contains(value), "\(value) leaked") }
        }
        // Nor the clients' sensitive categories in any event (issue 21.9).
        #expect(!events.output.contains("leftBehindChild") && !events.output.contains("留守儿童"))
    }

    /// A station whose brand plugin adds record fields keeps them in its Excel ledger: one column per
    /// field, headed by the field's name, cells holding an element's name or id (百步's 5 bridges).
    @Test func brandPluginFieldsGoOutAndComeBackByName() async throws {
        let (scratch, workspace) = try await demo()
        defer { scratch.remove() }
        let (ledger, _, exported) = try await exportNovember("百步十一月.csv", in: workspace)
        let lines = exported.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let bridges = ["第一色桥", "第二色桥", "第三色桥", "第四色桥", "第五色桥"]
        let withBridge = lines.dropFirst().filter { line in
            let cells = line.components(separatedBy: ",")
            return cells.count == 14 && bridges.contains(cells[11])
        }
        #expect(!withBridge.isEmpty, "November's records carrying a bridge show its name")
        let again = try await yizhan(["import", "services", ledger.path, "--station", "baibu"], in: workspace)
        #expect(again.output.contains("已导入 0 行;\(lines.count - 1) 行此前已导入"), "\(again.output)")

        // New rows name a bridge by its name or its id; an unknown one is refused with its cell.
        let before = try await recordCount(in: workspace)
        let added = workspace.appendingPathComponent("百步十二月.csv")
        try Data(
            """
            服务日期,服务类型,时长(分钟),人数,5色桥治理:色桥,备注
            2021-12-01,入户走访,30,1,第二色桥,台账导入的色桥
            2021-12-02,入户走访,30,1,bridge3,台账导入的色桥
            2021-12-03,入户走访,30,1,第九色桥,台账导入的色桥

            """.utf8
        ).write(to: added)
        let refused = try await yizhan(["import", "services", added.path, "--station", "baibu"], in: workspace)
        #expect(refused.status == 1)
        #expect(
            refused.output.contains("第 4 行 E 列“5色桥治理:色桥”:“第九色桥”,以下之一:第一色桥、第二色桥、第三色桥、第四色桥、第五色桥(或标识 bridge1"),
            "\(refused.output)"
        )
        await #expect(try recordCount(in: workspace) == before, "nothing written")
        let imported = try await yizhan(
            ["import", "services", added.path, "--station", "baibu", "--skip-invalid"],
            in: workspace
        )
        #expect(imported.output.contains("已导入 2 行;0 行此前已导入,未重复写入;1 行有误,已跳过"), "\(imported.output)")
        struct Listed: Decodable {
            var date: String
            var fields: [String: String]?
        }
        let listed = try await JSONDecoder().decode(
            [Listed].self,
            from: Data(
                try yizhan(["record", "list", "--station", "baibu", "--limit", "100000", "--json"], in: workspace)
                    .output.utf8
            )
        )
        let december = listed.filter { $0.date == "2021-12-01" || $0.date == "2021-12-02" }
            .compactMap { $0.fields?["baibu-159.bridge"] }
        #expect(december.contains("bridge2") && december.contains("bridge3"))
    }

    @Test func theVolunteerRosterImportsOnceAndExportsMasked() async throws {
        let (scratch, workspace) = try await demo()
        defer { scratch.remove() }
        let refused = try await importFixture("volunteers", "volunteers.csv", in: workspace)
        #expect(refused.status == 1)
        #expect(refused.output.contains("(CSV,UTF-8):标题和表头在第 1 行,数据 4 行"))
        #expect(refused.output.contains("第 4 行 C 列“手机号”:“*****”,电话号码应为"))
        #expect(refused.output.contains("第 5 行 B 列“身份证号”:“330*************17”,与第 2 行是同一人"))
        let imported = try await importFixture("volunteers", "volunteers.csv", ["--skip-invalid"], in: workspace)
        #expect(imported.output.contains("已导入 2 行;0 行此前已导入,未重复写入;2 行有误,已跳过"))
        let again = try await importFixture("volunteers", "volunteers.csv", ["--skip-invalid"], in: workspace)
        #expect(again.output.contains("已导入 0 行;2 行此前已导入"))
        let list = try await yizhan(["volunteer", "list", "--station", "baibu"], in: workspace)
        #expect(list.output.collapsingSpaces.contains("陈** 330424********0017 139****9000 2021-03-01"))
        let other = try await yizhan(
            ["volunteer", "add", "--station", "ganpu", "--name", "陈志愿", "--id-number", "330424199001010017"],
            in: workspace
        )
        #expect(other.status == 1 && other.errors.contains("未登记过的志愿者(已登记为志愿者"))
        let file = workspace.appendingPathComponent("志愿者.csv")
        _ = try await yizhan(["export", "volunteers", "--station", "baibu", "-o", file.path], in: workspace)
        let exported = String(decoding: try Data(contentsOf: file).dropFirst(3), as: UTF8.self)
        #expect(exported.hasPrefix("姓名,身份证号,联系电话,村(社区),登记日期,备注\r\n"))
        #expect(exported.contains("\r\n陈**,330424********0017,139****9000,百步镇示例村01,2021-03-01,"))
        for text in [exported, list.output, imported.output, refused.output] {
            for value in ["陈志愿", "周热心", "330424199001010017", "13900139000"] { #expect(!text.contains(value)) }
        }
    }

    /// The SHA-256 of a file as `sha256sum` prints it.
    static func sha256Hex(of file: URL) async -> String? {
        guard
            let result = try? await CommandLine.runTool(
                "/usr/bin/sha256sum",
                [file.path],
                in: file.deletingLastPathComponent()
            )
        else { return nil }
        return result.output.split(separator: " ").first.map(String.init)
    }

    /// The type and payload of each event `yizhan events --json` printed.
    static func events(_ json: String) -> [(type: String, payload: [String: Any])] {
        let list = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [[String: Any]] ?? []
        return list.compactMap { entry in
            guard let event = entry["event"] as? [String: Any], let type = event["type"] as? String,
                let text = event["payload"] as? String,
                let payload = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
            else { return nil }
            return (type, payload)
        }
    }
}
