import Foundation
import Testing

/// `yizhan check` and `yizhan eval` on the demo workspace: the Wenzhou standard's table with the
/// evidence a county acts on (seed 001 §六), and a mid-term evaluation from opening to a
/// rectification falling due (seed 001 §八).
struct ComplianceCommandTests {
    @Test func wenzhouCheckNamesTheEvidenceAndAMidTermEvaluationRunsToADueRectification() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try #require(try await CommandLine.run(["demo", "haiyan"], in: scratch.url).status == 0)
        let workspace = scratch.url.appendingPathComponent("haiyan")
        func yizhan(_ arguments: [String]) async throws -> CommandLine.Result {
            try await CommandLine.run(arguments + ["--workspace", workspace.path], in: scratch.url)
        }

        // The demo's planned gaps at 秦山, each with its evidence; the county report is overdue
        // because 秦山's final evaluation is still open (the demo leaves it unsubmitted).
        let check = try await yizhan(["check", "--standard", "wenzhou-2021", "--county", "330424"])
        #expect(check.status == 0, "\(check.output)")
        let rows = check.output.split(separator: "\n").map { String($0).collapsingSpaces }
        #expect(rows.contains("秦山街道社会工作站 每名驻站社工每年接受不少于 40 课时培训 未达标 30 课时 ≥ 40 课时 示例社工秦山06:30 课时"))
        #expect(rows.contains("秦山街道社会工作站 每个社区(村)至少有一名定点联系的社会工作专业人员 未达标 7/8 全部覆盖 秦山街道示例社区08"))
        #expect(
            rows.contains(
                "秦山街道社会工作站 社会工作专业人员 60% 以上工作时数在社区(村) 未达标 最低 41.0%(全站 63.6%) ≥ 60% 示例社工秦山04:41.0%"
            )
        )
        #expect(rows.contains("武原街道社会工作站 每名驻站社工每年接受不少于 40 课时培训 达标 43 课时 ≥ 40 课时"))
        #expect(rows.contains("共 73 项:达标 64,未达标 9,不适用 0"))
        #expect(check.output.contains("  秦山街道社会工作站:4 项未达标(trainingHours、liaison、villageHours、evaluations)\n"))
        #expect(rows.contains("wenzhou-2021:新增未达标 9 项,恢复达标 0 项"))
        // Nothing changed, nothing recorded; nine more class hours for 秦山06 restore one rule.
        await #expect(try yizhan(["check", "--standard", "wenzhou-2021"]).output.contains("新增") == false)
        await #expect(
            try yizhan([
                "staff", "train", "qinshan-w6", "--station", "qinshan", "--date", "2021-12-20", "--hours", "10",
                "--title", "社会救助政策解读",
            ]).status == 0
        )
        await #expect(
            try yizhan(["check", "--standard", "wenzhou-2021"]).output.contains(
                "wenzhou-2021:新增未达标 0 项,恢复达标 1 项"
            )
        )

        // The demo's 2021 evaluations are in; 秦山's 2021 mid-term cannot be opened twice.
        let twice = try await yizhan([
            "eval", "open", "--station", "qinshan", "--period", "midTerm", "--date", "2021-07-01",
        ])
        #expect(twice.status == 1 && twice.errors.contains("该站 2021 年的中期评估已开启"))
        // A day that has not come is refused: no evaluation opened in 2099, none frozen then (issue 21.4).
        let future = try await yizhan([
            "eval", "open", "--station", "qinshan", "--period", "midTerm", "--date", "2099-07-01",
        ])
        #expect(future.status == 1 && future.errors.contains("不晚于今天"))
        // The demo's workspace stands on 2021-12-31 (its asOf): a 2022 day is one that has not come.
        let early2022 = try await yizhan([
            "eval", "open", "--station", "qinshan", "--period", "midTerm", "--date", "2022-07-01",
        ])
        #expect(early2022.status == 1 && early2022.errors.contains("不晚于今天(2021-12-31)"))
        // The county carries on into 2022: a workspace moved to the end of 2022 takes that year's days.
        let file = workspace.appendingPathComponent("yizhan.yaml")
        let settings = try String(contentsOf: file, encoding: .utf8)
        try #require(settings.contains("asOf: 2021-12-31"))
        try settings.replacingOccurrences(of: "asOf: 2021-12-31", with: "asOf: 2022-12-31")
            .write(to: file, atomically: true, encoding: .utf8)
        // A 2022 mid-term evaluation: opened, scored by hand where no metric exists, submitted and frozen.
        await #expect(
            try yizhan(["eval", "open", "--station", "qinshan", "--period", "midTerm", "--date", "2022-07-01"]).status
                == 0
        )
        struct Listed: Decodable {
            var id: String
            var year: Int
            var submittedOn: String?
            var selfTotal: String?
            var thirdPartyTotal: String?
        }
        let id = try await #require(
            try JSONDecoder().decode([Listed].self, from: Data(try yizhan(["eval", "list", "--json"]).output.utf8))
                .first { $0.year == 2022 }
        ).id
        await #expect(try yizhan(["eval", "submit", id, "--date", "2099-07-20"]).errors.contains("不晚于今天"))
        let early = try await yizhan(["eval", "submit", id, "--date", "2022-07-20"])
        #expect(early.status == 1)
        #expect(early.errors.contains("records(自评)、records(第三方)"))
        // A refused third-party score writes nothing, the valid self score beside it included (issue 21.2).
        let sheet = try await yizhan(["eval", "show", id]).output
        let half = try await yizhan([
            "eval", "score", id, "--indicator", "records", "--self", "9", "--third-party", "9.25",
        ])
        #expect(half.status == 1 && half.errors.contains("third-party") && !half.output.contains("自评"))
        await #expect(try yizhan(["eval", "show", id]).output == sheet)
        for indicator in ["records", "serviceQuality", "satisfaction", "fundCompliance", "fundProgress"] {
            let scored = try await yizhan([
                "eval", "score", id, "--indicator", indicator, "--self", "9", "--third-party", "8.5",
            ])
            #expect(scored.status == 0, "\(scored.output)")
        }
        let byData = try await yizhan(["eval", "score", id, "--indicator", "personTimes", "--self", "20"])
        #expect(byData.status == 1)
        #expect(byData.errors.contains("据数据(personTimes)计分"))
        let tooMany = try await yizhan(["eval", "score", id, "--indicator", "records", "--self", "10.5"])
        #expect(tooMany.errors.contains("0 至 10 分,最多一位小数"))
        let submitted = try await yizhan(["eval", "submit", id, "--date", "2022-07-20"])
        #expect(submitted.status == 0, "\(submitted.output)")
        // Data scores as of 2022-07-20, a year the demo has no records in: 6 workers earn the staffing
        // indicator's 10 points, no class hours, person-times or village hours earn nothing; by hand
        // 5 × 9 and 5 × 8.5.
        #expect(submitted.output.contains("自评 55/100 分,第三方 52.5/100 分;成绩已冻结"))
        let frozen = try await yizhan(["eval", "score", id, "--indicator", "records", "--self", "10"])
        #expect(frozen.status == 1)
        #expect(frozen.errors.contains("该评估已于 2022-07-20 提交,成绩已冻结"))
        let show = try await yizhan(["eval", "show", id]).output.split(separator: "\n").map {
            String($0).collapsingSpaces
        }
        #expect(show.contains("合计 100 55 52.5"))

        // A rectification item, due on 30 September: reminded once on the day, not before, not twice.
        let rectified = try await yizhan([
            "eval", "rectify", id, "--item", "为秦山街道示例社区08指定定点联系社工", "--owner", "qinshan-w1", "--due",
            "2022-09-30", "--indicator", "records", "--date", "2022-07-20",
        ])
        #expect(rectified.output.contains("责任人 qinshan-w1,期限 2022-09-30"))
        await #expect(try yizhan(["eval", "remind", "--date", "2022-09-29"]).output.contains("记录提醒 0 条"))
        let due = try await yizhan(["eval", "remind", "--date", "2022-09-30"]).output
        #expect(due.contains("rectification.due qinshan"))
        #expect(due.contains("记录提醒 1 条"))
        await #expect(try yizhan(["eval", "remind", "--date", "2022-10-01"]).output.contains("记录提醒 0 条"))
        // Fourteen days before the 2022 final evaluation's deadline, every station without one is reminded.
        let approaching = try await yizhan(["eval", "remind", "--date", "2022-11-06"]).output
        #expect(approaching.split(separator: "\n").filter { $0.hasPrefix("deadline.approaching") }.count == 9)
        #expect(approaching.contains("\"daysLeft\":14"))
    }
}
