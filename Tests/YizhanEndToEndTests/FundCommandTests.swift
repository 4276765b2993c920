import Foundation
import Testing

/// `yizhan fund` on a demo workspace: an over-spend is refused until authorised, and the
/// authorisation is an event.
struct FundCommandTests {
    @Test func overspendingALineIsRefusedUnlessAuthorised() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try #require(try await CommandLine.run(["demo", "haiyan"], in: scratch.url).status == 0)
        let workspace = scratch.url.appendingPathComponent("haiyan")
        func yizhan(_ arguments: [String]) async throws -> CommandLine.Result {
            try await CommandLine.run(arguments + ["--workspace", workspace.path], in: scratch.url)
        }
        func expenseEvents() async throws -> Int {
            try await yizhan(["events", "--json", "--limit", "100000"]).output.components(
                separatedBy: "expense.recorded"
            )
            .count - 1
        }
        let before = try await expenseEvents()
        let set = try await yizhan([
            "fund", "line", "--station", "baibu", "--year", "2021", "--category", "运营", "--source", "县级财政", "--name",
            "2021年度运营经费", "--amount", "3000",
        ])
        #expect(set.output.contains("(¥3,000.00)"))
        let line = try #require(set.output.components(separatedBy: "已设立预算科目 ").last.map { String($0.prefix(36)) })
        let spent = try await yizhan([
            "fund", "spend", line, "--amount", "1200.50", "--date", "2021-05-01", "--purpose", "场地水电",
        ])
        #expect(spent.output.contains("科目余额 ¥1,799.50"))
        let refused = try await yizhan([
            "fund", "spend", line, "--amount", "1800", "--date", "2021-07-10", "--purpose", "应急物资",
        ])
        #expect(refused.status == 1 && refused.errors.contains("不超过科目余额 ¥1,799.50 的金额;确需超支请用 --authorise 写明理由"))
        let allowed = try await yizhan([
            "fund", "spend", line, "--amount", "1800", "--date", "2021-07-10", "--purpose", "应急物资", "--authorise",
            "防汛应急,经镇政府同意",
        ])
        #expect(allowed.output.contains("已授权超支,超出 ¥0.50"))
        let list = try await yizhan(["fund", "list", "--year", "2021"])
        #expect(list.output.collapsingSpaces.contains("¥3,000.00 ¥3,000.50 -¥0.50"))
        let events = try await yizhan(["events", "--json", "--limit", "100000"]).output
        #expect(events.components(separatedBy: "budget.overspendauthorised").count == 2)
        await #expect(try expenseEvents() == before + 2)
    }

    /// An expense and a gift typed wrong are corrected and voided (issue 21.3): the line's spending
    /// and the gift totals count the current version, a refused correction writes nothing, the
    /// history keeps every version with its reason, and no event carries the reason.
    @Test func expenseAndGiftCorrectionsChangeTheTotalsAndKeepTheHistory() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try #require(try await CommandLine.run(["demo", "haiyan"], in: scratch.url).status == 0)
        let workspace = scratch.url.appendingPathComponent("haiyan")
        func yizhan(_ arguments: [String]) async throws -> CommandLine.Result {
            try await CommandLine.run(arguments + ["--workspace", workspace.path], in: scratch.url)
        }
        func eventCount() async throws -> Int {
            try await yizhan(["events", "--json", "--limit", "100000"]).output.components(separatedBy: "\"sequence\"")
                .count
        }
        let set = try await yizhan([
            "fund", "line", "--station", "baibu", "--year", "2021", "--category", "运营", "--source", "县级财政", "--name",
            "2021年度活动经费", "--amount", "3000",
        ])
        let line = try #require(set.output.components(separatedBy: "已设立预算科目 ").last.map { String($0.prefix(36)) })
        let spent = try await yizhan([
            "fund", "spend", line, "--amount", "1200.50", "--date", "2021-05-01", "--purpose", "场地水电",
        ])
        let expense = try #require(spent.output.components(separatedBy: "已记录支出 ").last.map { String($0.prefix(36)) })
        #expect(spent.output.contains(",科目余额 ¥1,799.50"))

        let corrected = try await yizhan([
            "fund", "expense", "correct", expense, "--station", "baibu", "--amount", "1000", "--reason",
            "金额录错,应为 1000 元",
        ])
        #expect(corrected.output.contains("第 2 版(改动 amount;金额 ¥1,200.50 → ¥1,000.00)"), "\(corrected.errors)")
        await #expect(
            try yizhan(["fund", "list", "--station", "baibu", "--year", "2021"]).output.collapsingSpaces
                .contains("¥3,000.00 ¥1,000.00 ¥2,000.00")
        )
        let events = try await eventCount()
        let tooMuch = try await yizhan([
            "fund", "expense", "correct", expense, "--station", "baibu", "--amount", "3000.01", "--reason", "再改",
        ])
        #expect(tooMuch.status == 1 && tooMuch.errors.contains("可用的 ¥3,000.00(超支须用 --authorise 写明理由)"))
        let elsewhere = try await yizhan([
            "fund", "expense", "void", expense, "--station", "ganpu", "--reason", "重复录入",
        ])
        #expect(elsewhere.status == 1 && elsewhere.errors.contains("本站已记录的支出编号"))
        await #expect(try eventCount() == events)
        let voided = try await yizhan(["fund", "expense", "void", expense, "--station", "baibu", "--reason", "重复录入"])
        #expect(voided.output.contains("第 3 版;不再计入 ¥1,000.00"))
        await #expect(
            try yizhan(["fund", "list", "--station", "baibu", "--year", "2021"]).output.collapsingSpaces
                .contains("¥3,000.00 ¥0.00 ¥3,000.00")
        )
        let shown = try await yizhan(["fund", "expense", "show", expense, "--station", "baibu"]).output.collapsingSpaces
        #expect(shown.contains("状态 已作废(不计入任何报表)"))
        #expect(shown.contains("2 更正 amount") && shown.contains("金额录错,应为 1000 元") && shown.contains("3 作废"))
        await #expect(try yizhan(["fund", "expense", "list", line]).output.contains("共 1 笔,计入 0 笔,合计 ¥0.00"))

        // 西塘桥's 99公益日 gifts: the newest one corrected, then voided.
        let gifts = try await yizhan(["donation", "list", "--station", "xitangqiao", "--gifts", "--limit", "1"])
        #expect(gifts.output.contains("显示前 1 笔捐赠;还有更多"))
        let gift = try #require(gifts.output.split(separator: "\n").dropFirst(2).first.map { String($0.prefix(36)) })
        let total = try await yizhan(["donation", "list", "--station", "xitangqiao"]).output
        #expect(total.contains("共 1778 笔,合计 ¥156,717.28"))
        let named = try await yizhan([
            "donation", "correct", gift, "--station", "xitangqiao", "--donor", "张三", "--reason", "补记姓名",
        ])
        #expect(named.status == 1 && named.errors.contains("个人捐赠不记姓名"))
        let raised = try await yizhan([
            "donation", "correct", gift, "--station", "xitangqiao", "--amount", "100", "--reason", "金额录错",
        ])
        #expect(raised.output.contains("第 2 版(改动 amount;金额 ¥9.58 → ¥100.00)"), "\(raised.errors)")
        await #expect(
            try yizhan(["donation", "list", "--station", "xitangqiao"]).output
                .contains("共 1778 笔,合计 ¥156,807.70")
        )
        _ = try await yizhan(["donation", "void", gift, "--station", "xitangqiao", "--reason", "测试捐款,非真实"])
        await #expect(
            try yizhan(["donation", "list", "--station", "xitangqiao"]).output
                .contains("共 1777 笔,合计 ¥156,707.70")
        )
        let history = try await yizhan(["donation", "show", gift, "--station", "xitangqiao"]).output.collapsingSpaces
        #expect(history.contains("2 更正 amount") && history.contains("测试捐款,非真实"))

        let log = try await yizhan(["events", "--json", "--limit", "100000"]).output
        for type in ["expense.corrected", "expense.voided", "donation.corrected", "donation.voided"] {
            #expect(log.components(separatedBy: "\"\(type)\"").count == 2, "\(type)")
        }
        for reason in ["金额录错", "重复录入", "测试捐款"] { #expect(!log.contains(reason)) }
    }
}
