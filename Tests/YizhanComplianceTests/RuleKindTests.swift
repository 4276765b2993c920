import Foundation
import Testing
import YizhanCompliance
import YizhanConfig
import YizhanKernel

/// Each rule kind at, just below and just above its threshold, over facts built in memory. The
/// rules are Wenzhou 2021's (seed 001 §六, §八), written as a standard file is.
@Suite struct RuleKindTests {
    static let day = try! CivilDate(year: 2021, month: 12, day: 1)
    static let station = try! StationID("qinshan")
    static let township = try! DivisionCode("330424003000")

    /// A standard of one rule, decoded from YAML as the loader would.
    static func standard(_ rule: String) throws -> StandardFile {
        let text = "id: test\nname: 测试标准\nsource: 种子 001\nrules:\n" + rule
        return try ConfigLoader.decode(StandardFile.self, from: Data(text.utf8), file: "test.yaml")
    }

    static func facts(
        workers: [(String, Int, Int)] = [],  // id, class hours, village minutes of 100
        villages: [String] = [],
        liaisonVillages: [String] = [],
        rooms: [RoomKind] = [],
        area: Int = 100,
        finals: [CivilDate?] = []
    ) throws -> [StationFacts] {
        let period = try CivilPeriod(start: try CivilDate(year: 2021, month: 1, day: 1), end: day)
        let station = Station(
            id: station,
            name: "秦山街道社会工作站",
            kind: .station,
            orgUnit: township,
            areaSquareMeters: area,
            rooms: rooms
        )
        var facts = StationFacts(
            station: station,
            period: period,
            workers: try workers.map {
                Worker(id: try WorkerID($0.0), station: Self.station, name: "社工\($0.0)", role: .staff)
            },
            staffTotals: try workers.map {
                StaffTotal(
                    worker: try WorkerID($0.0),
                    station: Self.station,
                    classHours: $0.1,
                    stationMinutes: 100 - $0.2,
                    villageMinutes: $0.2
                )
            },
            villages: try villages.map { OrgUnit(code: try DivisionCode("330424003" + $0), name: "村\($0)") },
            liaisons: try liaisonVillages.map {
                VillageLiaison(
                    village: try DivisionCode("330424003" + $0),
                    worker: try WorkerID("w1"),
                    station: Self.station,
                    since: try CivilDate(year: 2021, month: 1, day: 4)
                )
            }
        )
        facts.evaluations = try finals.enumerated().compactMap { index, day in
            Evaluation(
                id: try EvaluationID("final-\(index)"),
                station: Self.station,
                year: 2021,
                period: .final,
                scheme: "wenzhou-2021",
                openedOn: try CivilDate(year: 2021, month: 10, day: 1),
                submittedOn: day,
                selfTotal: day.map { _ in Points(90) },
                thirdPartyTotal: day.map { _ in Points(88) }
            )
        }
        return [facts]
    }

    static func check(_ rule: String, _ facts: [StationFacts], on day: CivilDate = day) throws -> RuleResult {
        let results = try StandardCheck(try standard(rule)).results(for: facts, on: day)
        return try #require(results.first)
    }

    static let training = """
          - id: trainingHours
            name: 每名驻站社工每年接受不少于 40 课时培训
            kind: threshold
            metric: minTrainingHoursPerWorker
            atLeast: 40
            unit: 课时
            source: 种子 001 §六(三)2
        """

    @Test("threshold: 39 class hours fails and names the worker; 40 and 41 pass")
    func thresholdAtLeast() throws {
        let below = try Self.check(Self.training, try Self.facts(workers: [("w1", 45, 70), ("w6", 39, 70)]))
        #expect(below.outcome == .fail)
        #expect(below.measured.zhHans == "39 课时")
        #expect(below.required.zhHans == "≥ 40 课时")
        #expect(below.evidence.map(\.item) == ["w6"])
        #expect(below.evidence.map(\.text.zhHans) == ["社工w6:39 课时"])
        for hours in [40, 41] {
            let result = try Self.check(Self.training, try Self.facts(workers: [("w1", 45, 70), ("w6", hours, 70)]))
            #expect(result.outcome == .pass)
            #expect(result.evidence.isEmpty)
        }
        #expect(try Self.check(Self.training, try Self.facts()).outcome == .notApplicable)
    }

    @Test("threshold with both bounds: 2 and 9 workers fail, 3 and 8 pass (3–8 resident workers)")
    func thresholdBetween() throws {
        let rule = """
              - id: residentWorkers
                name: 每站配备 3-8 名驻站社工
                kind: threshold
                metric: workers
                atLeast: 3
                atMost: 8
                unit: 人
                source: 种子 001 §六(三)1
            """
        let expected: [Int: ComplianceOutcome] = [2: .fail, 3: .pass, 4: .pass, 7: .pass, 8: .pass, 9: .fail]
        for (count, outcome) in expected {
            let workers = (1...count).map { ("w\($0)", 40, 70) }
            let result = try Self.check(rule, try Self.facts(workers: workers))
            #expect(result.outcome == outcome, "\(count) workers")
            #expect(result.required.zhHans == "3—8 人")
        }
    }

    static let villageHours = """
          - id: villageHours
            name: 社会工作专业人员 60% 以上工作时数在社区(村)
            kind: ratio
            numerator: workHoursInVillages
            denominator: workHours
            atLeastPercent: 60
            source: 种子 001 §六(二)2
        """

    @Test("ratio: 59 % fails, 60 % and 61 % pass")
    func ratio() throws {
        let expected: [Int: ComplianceOutcome] = [59: .fail, 60: .pass, 61: .pass]
        for (share, outcome) in expected {
            let result = try Self.check(Self.villageHours, try Self.facts(workers: [("w1", 40, share)]))
            #expect(result.outcome == outcome, "\(share) %")
            #expect(result.measured.zhHans == "\(share).0%")
        }
        let failing = try Self.check(Self.villageHours, try Self.facts(workers: [("w1", 40, 59)]))
        #expect(failing.evidence.map(\.text.zhHans) == ["社工w1:59.0%"])
    }

    @Test("ratio with each: one worker at 59 % fails the station though the whole is at 70 %")
    func ratioEach() throws {
        let rule = Self.villageHours + "\n    each: true"
        let workers = [("w1", 40, 81), ("w4", 40, 59)]
        let result = try Self.check(rule, try Self.facts(workers: workers))
        #expect(result.outcome == .fail)
        #expect(result.measured.zhHans == "最低 59.0%(全站 70.0%)")
        #expect(result.evidence.map(\.item) == ["w4"])
        let fixed = try Self.check(rule, try Self.facts(workers: [("w1", 40, 81), ("w4", 40, 60)]))
        #expect(fixed.outcome == .pass)
        #expect(try Self.check(rule, try Self.facts()).outcome == .notApplicable)
    }

    static let liaison = """
          - id: liaison
            name: 每个社区(村)至少有一名定点联系的社会工作专业人员
            kind: coverage
            metric: villagesWithLiaison
            source: 种子 001 §六(二)2
        """

    @Test("coverage: every village linked passes; one short fails and names the village; none is n/a")
    func coverage() throws {
        let all = try Self.check(
            Self.liaison,
            try Self.facts(villages: ["001", "201"], liaisonVillages: ["001", "201"])
        )
        #expect(all.outcome == .pass)
        #expect(all.measured.zhHans == "2/2")
        let short = try Self.check(Self.liaison, try Self.facts(villages: ["001", "201"], liaisonVillages: ["001"]))
        #expect(short.outcome == .fail)
        #expect(short.measured.zhHans == "1/2")
        #expect(short.evidence.map(\.item) == ["330424003201"])
        #expect(short.evidence.map(\.text.zhHans) == ["村201"])
        #expect(try Self.check(Self.liaison, try Self.facts()).outcome == .notApplicable)
    }

    @Test("presence: seven rooms pass; six fail and name the one missing")
    func presence() throws {
        let rule = """
              - id: rooms
                name: 设社工室、个案室、小组活动室、多功能室、档案室及综合接待区、展示区
                kind: presence
                metric: rooms
                items: [socialWorkRoom, caseRoom, groupRoom, multipurposeRoom, archiveRoom, reception, display]
                source: 种子 001 §六(一)2
            """
        let all = try Self.check(rule, try Self.facts(rooms: RoomKind.known))
        #expect(all.outcome == .pass)
        #expect(all.measured.zhHans == "7/7")
        let six = try Self.check(rule, try Self.facts(rooms: RoomKind.known.filter { $0 != .archiveRoom }))
        #expect(six.outcome == .fail)
        #expect(six.measured.zhHans == "6/7")
        #expect(six.evidence.map(\.text.zhHans) == ["档案室"])
    }

    @Test("threshold on area: 99 m² fails, 100 and 101 pass")
    func area() throws {
        let rule = """
              - id: area
                name: 站点面积不少于 100 平方米
                kind: threshold
                metric: areaSquareMeters
                atLeast: 100
                unit: 平方米
                source: 种子 001 §六(一)
            """
        #expect(try Self.check(rule, try Self.facts(area: 99)).outcome == .fail)
        #expect(try Self.check(rule, try Self.facts(area: 100)).outcome == .pass)
        #expect(try Self.check(rule, try Self.facts(area: 101)).outcome == .pass)
    }

    static let countyReport = """
          - id: countyReport
            name: 县(市、区)民政部门每年 11 月 30 日前将评估工作情况汇总报市民政局
            kind: deadline
            metric: finalEvaluationsSubmitted
            due: "11-30"
            appliesTo: county
            source: 种子 001 §八(二)
        """

    @Test("deadline: done on 11-30 passes, on 12-01 fails; pending is n/a up to the due day, then fails")
    func deadline() throws {
        let due = try CivilDate(year: 2021, month: 11, day: 30)
        let onTime = try Self.check(Self.countyReport, try Self.facts(finals: [due]))
        #expect(onTime.outcome == .pass)
        #expect(onTime.county?.rawValue == "330424000000")
        let late = try Self.check(Self.countyReport, try Self.facts(finals: [due.adding(days: 1)]))
        #expect(late.outcome == .fail)
        let dayBefore = try Self.check(Self.countyReport, try Self.facts(finals: [nil]), on: due.adding(days: -1))
        #expect(dayBefore.outcome == .notApplicable)
        #expect(dayBefore.measured.zhHans == "未到期(还剩 1 天)")
        #expect(dayBefore.evidence.map(\.item) == ["qinshan"])
        let onDue = try Self.check(Self.countyReport, try Self.facts(finals: [nil]), on: due)
        #expect(onDue.outcome == .notApplicable)
        let dayAfter = try Self.check(Self.countyReport, try Self.facts(finals: [nil]), on: due.adding(days: 1))
        #expect(dayAfter.outcome == .fail)
        #expect(dayAfter.measured.zhHans == "逾期未完成")
    }

    @Test("a rule naming an unknown metric is refused with the metrics there are")
    func unknownMetric() throws {
        let standard = try Self.standard(
            Self.training.replacingOccurrences(of: "minTrainingHoursPerWorker", with: "hoursx")
        )
        #expect {
            try StandardCheck(standard)
        } throws: { error in
            let message = (error as? ComplianceError)?.message(in: .zhHans) ?? ""
            return message.contains("没有度量“hoursx”") && message.contains("minTrainingHoursPerWorker")
        }
    }

    @Test("every shipped standard names only metrics Yizhan has")
    func shippedStandards() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config/standards")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count == 3)
        for file in files {
            let standard = try StandardFile.load(from: folder.appendingPathComponent(file), displayPath: file)
            _ = try StandardCheck(standard)
        }
    }

    @Test("every shipped template's indicators name metrics Yizhan has, so reports can measure them")
    func shippedTemplateIndicators() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config/templates")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count == 3)
        var metrics: [String] = []
        for file in files {
            let template = try ConfigLoader.load(TemplateFile.self, from: folder.appendingPathComponent(file))
            metrics += (template.indicators ?? []).compactMap(\.metric)
        }
        #expect(metrics.count >= 7)
        #expect(metrics.filter { MetricCatalogue.station[$0] == nil } == [])
    }
}
