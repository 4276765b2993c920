import Foundation
import Testing

/// The `yizhan` executable run on temporary workspaces, checked for what a user sees.
@Suite(.serialized)
struct YizhanCommandTests {
    @Test func demoPrintsTheCountySummaryIdenticallyTwice() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let first = try await CommandLine.run(["demo", "haiyan"], in: scratch.url)
        #expect(first.status == 0, "\(first.errors)")
        let lines = first.output.split(separator: "\n").map { String($0).collapsingSpaces }
        for line in [
            "社工站 9", "社工 54", "持证社工 36", "党员 19", "服务项目 9", "子项目 63", "站点面积(㎡) 14,000",
            // Seed 000 §三.三: 西塘桥's 1,765 gifts from the public, ¥21,116.28.
            "公众捐款(笔) 1,765", "公众捐款金额 ¥21,116.28",
        ] {
            #expect(lines.contains(line), "missing \(line)")
        }
        let personTimes = try #require(figure("服务人次", in: first.output))
        let training = try #require(figure("培训人次", in: first.output))
        #expect(personTimes >= 20_000 && training >= 2_000)
        // The three brand plugins' indicators, computed from the demo's records.
        #expect(lines.contains("品牌工作法指标(品牌插件按记录计算)"))
        #expect(lines.contains { $0.hasPrefix("百步镇社会工作站 第一色桥治理事项 ") && $0.hasSuffix(" 件") })
        #expect(lines.contains { $0.hasPrefix("澉浦镇社会工作站 完成三融三入(融入)家庭 ") })
        #expect(lines.contains { $0.hasPrefix("通元镇社会工作站 资源方“商家”链接服务 ") })
        let second = try await CommandLine.run(["demo", "haiyan"], in: scratch.url)
        #expect(second.status == 0)
        #expect(second.output == first.output)
    }

    /// ArgumentParser's refusals speak Chinese first and say which command takes a misplaced
    /// option; a negative amount reaches the kernel's check instead of "Missing value" (issue 21.15).
    @Test func parserRefusalsSpeakChineseAndNegativeNumbersAreValues() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let misplaced = try await CommandLine.run(["client", "list", "--reveal"], in: scratch.url)
        #expect(misplaced.status == 64)
        #expect(misplaced.errors.hasPrefix("错误 / error: 未知选项 --reveal"))
        #expect(
            misplaced.errors.contains(
                "--reveal 属于:yizhan client show、yizhan request show、yizhan export clients、yizhan export volunteers"
            )
        )
        let missing = try await CommandLine.run(["eval", "score"], in: scratch.url)
        #expect(missing.errors.hasPrefix("错误 / error: 缺少参数 <evaluation>"))
        let invalid = try await CommandLine.run(["record", "list", "--limit", "many"], in: scratch.url)
        #expect(invalid.errors.hasPrefix("错误 / error: --limit <limit> 的取值“many”无效"))
        #expect(try await CommandLine.run(["demo", "ws"], in: scratch.url).status == 0)
        let negative = try await CommandLine.run(
            [
                "fund", "line", "--workspace", "ws", "--station", "baibu", "--year", "2021", "--category", "运营",
                "--source", "县级财政", "--name", "测试", "--amount", "-5",
            ],
            in: scratch.url
        )
        #expect(negative.status == 1 && negative.errors.contains("大于 0 的金额"), "\(negative.errors)")
        // With --json the refusal is JSON too, each field's issue in it.
        let scripted = try await CommandLine.run(
            [
                "record", "add", "--workspace", "ws", "--station", "baibu", "--kind", "走访", "--date", "2021-11-05",
                "--duration", "-5", "--head-count", "2", "--json",
            ],
            in: scratch.url
        )
        #expect(scripted.status == 1 && scripted.output.isEmpty)
        let error = try #require(
            (try JSONSerialization.jsonObject(with: Data(scripted.errors.utf8)) as? [String: Any])?["error"]
                as? [String: Any]
        )
        let issues = try #require(error["issues"] as? [[String: Any]])
        #expect(issues.compactMap { $0["field"] as? String } == ["duration"])
        #expect((error["message"] as? String)?.contains("未写入任何数据") == true)
    }

    /// A typo is corrected, a duplicate voided: each a new version with its event, the history kept,
    /// and the county summary counting what is current (issue 21.3).
    @Test func recordCorrectAndVoidChangeTheFiguresAndKeepTheHistory() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(try await CommandLine.run(["demo", "ws"], in: scratch.url).status == 0)
        let workspace = scratch.url.appendingPathComponent("ws")
        func yizhan(_ arguments: [String], executable: String = "yizhan") async throws -> CommandLine.Result {
            try await CommandLine.run(
                arguments + ["--workspace", workspace.path],
                in: scratch.url,
                executable: executable
            )
        }
        /// 百步's records and person-times in the county summary.
        func baibu() async throws -> [Int] {
            let csv = try await yizhan(
                ["county", "--period", "2021", "--format", "csv", "--table", "stations"],
                executable: "yizhan-report"
            ).output
            let row = try #require(csv.split(whereSeparator: \.isNewline).first { $0.hasPrefix("百步镇社会工作站,") })
            return row.split(separator: ",").suffix(3).prefix(2).compactMap { Int($0) }
        }
        let listed = try await yizhan(["record", "list", "--station", "baibu", "--limit", "1", "--json"]).output
        let first = try #require((try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]])?.first)
        let id = try #require(first["id"] as? String)
        let before = try await baibu()
        #expect(before == [435, 2_449])

        let corrected = try await yizhan([
            "record", "correct", id, "--station", "baibu", "--head-count", "40", "--reason", "人数录错,应为 40 人",
        ])
        #expect(corrected.output.contains("第 2 版(改动 participants;人次 2 → 40)"), "\(corrected.errors)")
        await #expect(try baibu() == [435, 2_449 + 38])
        let same = try await yizhan([
            "record", "correct", id, "--station", "baibu", "--head-count", "40", "--reason", "再改",
        ])
        #expect(same.status == 1 && same.errors.contains("与现有记录不同的更正"))
        let elsewhere = try await yizhan(["record", "void", id, "--station", "ganpu", "--reason", "重复录入"])
        #expect(elsewhere.status == 1 && elsewhere.errors.contains("本站的服务记录编号"))
        let phone = try await yizhan(["record", "void", id, "--station", "baibu", "--reason", "王大爷 13800138000 说重复了"])
        #expect(phone.status == 1 && phone.errors.contains("不含身份证号、电话"))

        await #expect(try yizhan(["record", "void", id, "--station", "baibu", "--reason", "重复录入"]).status == 0)
        await #expect(try baibu() == [434, 2_449 - 2])
        let shown = try await yizhan(["record", "show", id, "--station", "baibu", "--json"]).output
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        #expect(json["version"] as? Int == 3 && json["voided"] as? Bool == true)
        let revisions = try #require(json["revisions"] as? [[String: Any]])
        #expect(revisions.compactMap { $0["reason"] as? String } == ["人数录错,应为 40 人", "重复录入"])
        // The events say what changed, never why.
        let events = try await yizhan(["events", "--limit", "2", "--json"]).output
        #expect(events.contains("service.corrected") && events.contains("service.voided"))
        #expect(events.contains(#"\"changed\":[\"participants\"]"#) && !events.contains("人数录错"))
    }

    @Test func pluginListShowAndNewScaffold() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let list = try await CommandLine.run(["plugin", "list"], in: scratch.url)
        #expect(list.status == 0, "\(list.errors)")
        let rows = list.output.split(separator: "\n").map { String($0).collapsingSpaces }
        #expect(rows.contains("baibu-159 百步“159”工作法 1.0.0 社工站 baibu 2 5 2 0"))
        #expect(rows.contains("tongyuan-1398 通元“1398”建设模式 1.0.0 社工站 tongyuan 4 19 3 0"))
        let show = try await CommandLine.run(["plugin", "show", "ganpu-sanrong", "--json"], in: scratch.url)
        let shown = try JSONSerialization.jsonObject(with: Data(show.output.utf8)) as? [String: Any]
        #expect((shown?["elements"] as? [String: String])?["platform"] == "平台融合·实干入微")
        let unknown = try await CommandLine.run(["plugin", "show", "nobody"], in: scratch.url)
        #expect(unknown.status != 0 && unknown.errors.contains("没有插件 nobody"))

        let made = try await CommandLine.run(
            ["plugin", "new", "Xitangqiao99", "--station", "xitangqiao", "--brand", "西塘桥“99”公益"],
            in: scratch.url
        )
        #expect(made.status == 0, "\(made.errors)")
        #expect(made.output.contains("path: \"Plugins/Xitangqiao99\""))
        #expect(made.output.contains("resources: [.copy(\"Resources/xitangqiao99.yaml\")]"))
        let plugin = scratch.url.appendingPathComponent("Plugins/Xitangqiao99/Xitangqiao99.swift")
        let source = try String(contentsOf: plugin, encoding: .utf8)
        #expect(source.contains("id: \"xitangqiao99\"") && source.contains("StationID(\"xitangqiao\")"))
        let yaml = scratch.url.appendingPathComponent("Plugins/Xitangqiao99/Resources/xitangqiao99.yaml")
        // The validator knows a brand file by its folder, as in config/brands/.
        let brands = scratch.url.appendingPathComponent("brands")
        try FileManager.default.createDirectory(at: brands, withIntermediateDirectories: true)
        let copy = brands.appendingPathComponent("xitangqiao99.yaml")
        try FileManager.default.copyItem(at: yaml, to: copy)
        let check = try await CommandLine.run(["config", "validate", copy.path], in: scratch.url)
        #expect(check.status == 0, "the scaffold's brand YAML validates: \(check.errors)")
        let again = try await CommandLine.run(
            ["plugin", "new", "Xitangqiao99", "--station", "xitangqiao"],
            in: scratch.url
        )
        #expect(again.status != 0 && again.errors.contains("已存在"))
    }

    @Test func demoFindsItsRecipeFromAnyFolderAndSpeaksEnglish() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let result = try await CommandLine.run(["demo", "d", "--lang", "en", "--json"], in: scratch.url)
        #expect(result.status == 0, "\(result.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["countyName"] as? String == "海盐县")
        #expect((json["stations"] as? [Any])?.count == 9)
        #expect(json["schemaVersion"] as? Int == 1)
    }

    @Test func recordAddWritesOneRecordAndOneEvent() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(try await CommandLine.run(["demo", "ws"], in: scratch.url).status == 0)
        let env = ["YIZHAN_WORKSPACE": scratch.url.appendingPathComponent("ws").path]
        let before = try await lastSequence(in: scratch.url, environment: env)
        let added = try await CommandLine.run(
            [
                "record", "add", "--station", "baibu", "--kind", "走访", "--date", "2021-11-05", "--duration", "45",
                "--village", "330424102201", "--worker", "baibu-w3", "--head-count", "2", "--sub-project",
                "baibu-basic1",
                "--json",
            ],
            in: scratch.url,
            environment: env
        )
        #expect(added.status == 0, "\(added.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(added.output.utf8)) as? [String: Any])
        #expect(json["sequence"] as? Int64 == before + 1)
        let event = try #require(json["event"] as? [String: Any])
        #expect(event["type"] as? String == "service.recorded")
        let listed = try await CommandLine.run(
            ["record", "list", "--station", "baibu", "--from", "2021-11-05", "--to", "2021-11-05"],
            in: scratch.url,
            environment: env
        )
        #expect(listed.output.contains(json["record"] as? String ?? "?"))
        await #expect(try lastSequence(in: scratch.url, environment: env) == before + 1)
    }

    /// Dates may be written the ways ledgers write them; the record is stored with its ISO date.
    @Test func recordAddTakesALedgerDateSpelling() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(try await CommandLine.run(["demo", "ws"], in: scratch.url).status == 0)
        let env = ["YIZHAN_WORKSPACE": scratch.url.appendingPathComponent("ws").path]
        let added = try await CommandLine.run(
            [
                "record", "add", "--station", "baibu", "--kind", "走访", "--date", "2021年11月6日", "--duration", "30",
                "--head-count", "1", "--json",
            ],
            in: scratch.url,
            environment: env
        )
        #expect(added.status == 0, "\(added.errors)")
        let listed = try await CommandLine.run(
            ["record", "list", "--station", "baibu", "--from", "2021-11-06", "--to", "2021-11-06", "--json"],
            in: scratch.url,
            environment: env
        )
        let json = try #require(try JSONSerialization.jsonObject(with: Data(added.output.utf8)) as? [String: Any])
        #expect(listed.output.contains(json["record"] as? String ?? "?") && listed.output.contains("2021-11-06"))
    }

    @Test(arguments: [
        ("--date", "2021-02-30", "date", "该月只有 28 天"),
        ("--duration", "-5", "duration", "0 至 1440 之间的分钟数"),
        ("--station", "nowhere", "station", "已登记的社工站标识"),
        ("--village", "330424104201", "village", "百步镇社会工作站辖区内已登记的村(社区)"),
        ("--date", "2999-01-01", "date", "不晚于今天"),
    ])
    func recordAddRefusesABadValueAndWritesNothing(
        _ option: String,
        _ value: String,
        _ field: String,
        _ expected: String
    )
        async throws
    {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(try await CommandLine.run(["demo", "ws"], in: scratch.url).status == 0)
        let env = ["YIZHAN_WORKSPACE": scratch.url.appendingPathComponent("ws").path]
        let before = try await lastSequence(in: scratch.url, environment: env)
        var values = [
            ("--station", "baibu"), ("--kind", "homeVisit"), ("--date", "2021-11-05"), ("--duration", "45"),
            ("--head-count", "1"), ("--village", "330424102201"),
        ]
        values = values.map { $0.0 == option ? (option, value) : $0 }
        let result = try await CommandLine.run(
            ["record", "add"] + values.flatMap { [$0.0, $0.1] },
            in: scratch.url,
            environment: env
        )
        #expect(result.status != 0)
        #expect(result.errors.contains("\(field):"), "\(result.errors)")
        #expect(result.errors.contains(expected), "\(result.errors)")
        #expect(result.errors.contains("未写入任何数据"))
        await #expect(try lastSequence(in: scratch.url, environment: env) == before)
    }

    @Test func initMakesAnEmptyWorkspaceAndListingsSayWhatIsMissing() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let created = try await CommandLine.run(["init", "county", "--county", "330424"], in: scratch.url)
        #expect(created.status == 0, "\(created.errors)")
        let listed = try await CommandLine.run(
            ["station", "list", "--workspace", "county", "--lang", "en"],
            in: scratch.url
        )
        #expect(listed.status == 0)
        #expect(listed.output.contains("0 stations"))
        let again = try await CommandLine.run(["init", "county", "--county", "330424"], in: scratch.url)
        #expect(again.status != 0 && again.errors.contains("已是驿站工作区"))
        let badCounty = try await CommandLine.run(["init", "x", "--county", "3304241"], in: scratch.url)
        #expect(badCounty.status != 0 && badCounty.errors.contains("--county"))
        let nowhere = try await CommandLine.run(["station", "list"], in: scratch.url)
        #expect(nowhere.status != 0 && nowhere.errors.contains("不是驿站工作区"))
    }

    @Test func eventsPageAndCarryNoPersonalData() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(try await CommandLine.run(["demo", "ws"], in: scratch.url).status == 0)
        let page = try await CommandLine.run(
            ["events", "--workspace", "ws", "--after", "100", "--limit", "5", "--json"],
            in: scratch.url
        )
        let events = try #require(try JSONSerialization.jsonObject(with: Data(page.output.utf8)) as? [[String: Any]])
        #expect(events.compactMap { $0["sequence"] as? Int } == [101, 102, 103, 104, 105])
        let first = try #require(events.first?["event"] as? [String: Any])
        #expect((first["occurredAt"] as? String)?.hasSuffix("Z") == true)  // ISO 8601, UTC
        let all = try await CommandLine.run(["events", "--workspace", "ws", "--limit", "100000"], in: scratch.url)
        #expect(all.status == 0)
        #expect(!all.output.contains("示例社工"))
        // Without --after the newest come, and the list says it was cut (issue 21.15).
        let newest = try await CommandLine.run(
            ["events", "--workspace", "ws", "--limit", "3", "--json"],
            in: scratch.url
        )
        let tail = try #require(try JSONSerialization.jsonObject(with: Data(newest.output.utf8)) as? [[String: Any]])
        let total = try #require(
            all.output.split(separator: "\n").compactMap { Int($0.split(separator: " ").first ?? "") }.max()
        )
        #expect(tail.compactMap { $0["sequence"] as? Int } == [total - 2, total - 1, total])
        let table = try await CommandLine.run(["events", "--workspace", "ws", "--limit", "3"], in: scratch.url)
        #expect(table.output.contains("共 \(total) 个事件,显示第 \(total - 2)–\(total) 个"))
    }

    @Test func dbCopyCopiesAndVerifiesThenRefusesToMix() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(try await CommandLine.run(["demo", "ws"], in: scratch.url).status == 0)
        let arguments = ["db", "copy", "--from", "sqlite:ws/yizhan.sqlite", "--to", "sqlite:copy.sqlite"]
        let copied = try await CommandLine.run(arguments, in: scratch.url)
        #expect(copied.status == 0, "\(copied.errors)")
        #expect(copied.output.collapsingSpaces.contains("serviceRecord 3,915 3,915"))
        #expect(copied.output.collapsingSpaces.contains("workLog 14,094 14,094"))
        #expect(copied.output.contains("校验一致"))
        let again = try await CommandLine.run(arguments, in: scratch.url)
        #expect(again.status != 0 && again.errors.contains("目标数据库不是空的"))
        let missing = try await CommandLine.run(
            ["db", "copy", "--from", "sqlite:nope.sqlite", "--to", "sqlite:x.sqlite"],
            in: scratch.url
        )
        #expect(missing.status != 0 && missing.errors.contains("不存在"))
    }

    @Test func configValidatePrintsOneLineForTheShippedFilesAndLocatesProblems() async throws {
        let valid = try await CommandLine.run(["config", "validate", "config/"], in: CommandLine.repository)
        #expect(valid.status == 0, "\(valid.output)")
        #expect(valid.output == "配置有效:27 个文件(模板 3,社工站 9,品牌 6,标准 3,评估方案 1,诉求办理规则 1,区划 1,台账表头词典 1,演示配方 1,订阅 1)\n")
        let scratch = try Scratch()
        defer { scratch.remove() }
        let stations = scratch.url.appendingPathComponent("stations")
        try FileManager.default.createDirectory(at: stations, withIntermediateDirectories: true)
        try Data("id: x\nname: 站\ntownship: \"330424102\"\nareaSquareMeters: 大\nworkers: []\nprograms: []\n".utf8)
            .write(to: stations.appendingPathComponent("x.yaml"))
        let broken = try await CommandLine.run(["config", "validate", "stations", "--lang", "en"], in: scratch.url)
        #expect(broken.status != 0)
        #expect(broken.output.contains("stations/x.yaml:4:19: areaSquareMeters: found '大', expected an integer"))
        #expect(broken.output.hasSuffix("1 problem(s)\n"))
    }

    /// Issue 6: personal data is sealed at rest, masked on every output path, and revealed only
    /// with an audit event; a duplicate ID number and a bad checksum are refused.
    @Test func clientDataIsSealedMaskedAndRevealedOnlyWithAnEvent() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(try await CommandLine.run(["demo", "ws"], in: scratch.url).status == 0)
        let env = ["YIZHAN_WORKSPACE": scratch.url.appendingPathComponent("ws").path]
        let secrets = ["王小明", "330424198506120014", "13800001234"]
        let consent = ["--consent-date", "2021-03-01", "--consent-scope", "接受服务", "--consent-scope", "个人信息收集与使用"]
        let unconsented = try await CommandLine.run(
            [
                "client", "add", "--station", "baibu", "--village", "330424102201", "--name", "王小明",
                "--id-number", "330424198506120014",
            ],
            in: scratch.url,
            environment: env
        )
        #expect(unconsented.status != 0 && unconsented.errors.contains("登记服务对象须有本人(未满 14 周岁的由监护人)签署的知情同意书"))
        let added = try await CommandLine.run(
            [
                "client", "add", "--station", "baibu", "--village", "330424102201", "--name", "王小明",
                "--id-number", "330424198506120014", "--phone", "13800001234", "--category", "孤寡老人", "--json",
            ] + consent,
            in: scratch.url,
            environment: env
        )
        #expect(added.status == 0, "\(added.errors)")
        let answer = try JSONSerialization.jsonObject(with: Data(added.output.utf8)) as? [String: String]
        let id = try #require(answer?["client"])
        // The events from the registration on (the demo's own come before it).
        let registered = try #require(answer?["sequence"].flatMap { Int($0) })
        let duplicate = try await CommandLine.run(
            [
                "client", "add", "--station", "ganpu", "--village", "330424104201", "--name", "王小明",
                "--id-number", "330424198506120014",
            ] + consent,
            in: scratch.url,
            environment: env
        )
        #expect(duplicate.status != 0 && duplicate.errors.contains("此人已由另一社工站登记"))
        #expect(!duplicate.errors.contains(id), "澉浦 is not told which of 百步's clients the person is")
        let badChecksum = try await CommandLine.run(
            [
                "client", "add", "--station", "baibu", "--village", "330424102201", "--name", "李四",
                "--id-number", "330424198506120015",
            ] + consent,
            in: scratch.url,
            environment: env
        )
        #expect(badChecksum.status != 0 && badChecksum.errors.contains("校验位不符"))

        let masked = [
            try await CommandLine.run(["client", "list"], in: scratch.url, environment: env),
            try await CommandLine.run(["client", "list", "--json"], in: scratch.url, environment: env),
            try await CommandLine.run(["client", "show", id], in: scratch.url, environment: env),
            try await CommandLine.run(
                ["client", "show", id, "--json", "--lang", "en"],
                in: scratch.url,
                environment: env
            ),
        ]
        for result in masked {
            #expect(result.status == 0)
            #expect(result.output.contains("王**") && result.output.contains("330424********0014"))
            #expect(result.output.contains("138****1234"))
            for secret in secrets { #expect(!result.output.contains(secret), "\(secret) in \(result.output)") }
        }
        let unexplained = try await CommandLine.run(
            ["client", "show", id, "--reveal"],
            in: scratch.url,
            environment: env
        )
        #expect(unexplained.status == 1 && unexplained.errors.contains("查看目的之一"))
        for secret in secrets { #expect(!unexplained.output.contains(secret)) }
        let revealed = try await CommandLine.run(
            ["client", "show", id, "--reveal", "--reason", "verification"],
            in: scratch.url,
            environment: env
        )
        for secret in secrets { #expect(revealed.output.contains(secret)) }

        let events = try await CommandLine.run(
            ["events", "--after", String(registered - 1), "--limit", "1000", "--json"],
            in: scratch.url,
            environment: env
        )
        #expect(events.output.contains("personaldata.revealed") && events.output.contains("idNumber"))
        // One reveal, with its purpose: the refused one recorded nothing (issue 21.10).
        let reveals = LedgerImportTests.events(events.output).filter { $0.type == "personaldata.revealed" }
        #expect(reveals.count == 1 && reveals.first?.payload["purpose"] as? String == "verification")
        for secret in secrets + ["0014", "1234"] { #expect(!events.output.contains(secret), "\(secret) in an event") }
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.url.appendingPathComponent("ws").path)
            .filter { $0.hasPrefix("yizhan.sqlite") }
        for file in files {
            let bytes = try Data(contentsOf: scratch.url.appendingPathComponent("ws/\(file)"))
            for secret in secrets { #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) stored in \(file)") }
        }
    }

    private func lastSequence(in folder: URL, environment: [String: String]) async throws -> Int64 {
        let result = try await CommandLine.run(
            ["events", "--after", "0", "--limit", "1000000", "--json"],
            in: folder,
            environment: environment
        )
        let events = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]]
        return (events?.last?["sequence"] as? Int64) ?? 0
    }

    /// The number after `label` on its line of the summary.
    private func figure(_ label: String, in output: String) -> Int? {
        let line = output.split(separator: "\n").first { $0.hasPrefix(label) }
        return line.flatMap { Int($0.split(separator: " ").last?.replacingOccurrences(of: ",", with: "") ?? "") }
    }
}
