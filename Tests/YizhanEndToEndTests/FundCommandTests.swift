import Foundation
import Testing

/// `yizhan fund` on a demo workspace: an over-spend is refused until authorised, and the
/// authorisation is an event.
struct FundCommandTests {
    @Test func overspendingALineIsRefusedUnlessAuthorised() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try #require(try CommandLine.run(["demo", "haiyan"], in: scratch.url).status == 0)
        let workspace = scratch.url.appendingPathComponent("haiyan")
        func yizhan(_ arguments: [String]) throws -> CommandLine.Result {
            try CommandLine.run(arguments + ["--workspace", workspace.path], in: scratch.url)
        }
        func expenseEvents() throws -> Int {
            try yizhan(["events", "--json", "--limit", "100000"]).output.components(separatedBy: "expense.recorded")
                .count - 1
        }
        let before = try expenseEvents()
        let set = try yizhan([
            "fund", "line", "--station", "baibu", "--year", "2021", "--category", "运营", "--source", "县级财政", "--name",
            "2021年度运营经费", "--amount", "3000",
        ])
        #expect(set.output.contains("(¥3,000.00)"))
        let line = try #require(set.output.components(separatedBy: "已设立预算科目 ").last.map { String($0.prefix(36)) })
        let spent = try yizhan([
            "fund", "spend", line, "--amount", "1200.50", "--date", "2021-05-01", "--purpose", "场地水电",
        ])
        #expect(spent.output.contains("科目余额 ¥1,799.50"))
        let refused = try yizhan([
            "fund", "spend", line, "--amount", "1800", "--date", "2021-07-10", "--purpose", "应急物资",
        ])
        #expect(refused.status == 1 && refused.errors.contains("不超过科目余额 ¥1,799.50 的金额;确需超支请用 --authorise 写明理由"))
        let allowed = try yizhan([
            "fund", "spend", line, "--amount", "1800", "--date", "2021-07-10", "--purpose", "应急物资", "--authorise",
            "防汛应急,经镇政府同意",
        ])
        #expect(allowed.output.contains("已授权超支,超出 ¥0.50"))
        let list = try yizhan(["fund", "list", "--year", "2021"])
        #expect(list.output.collapsingSpaces.contains("¥3,000.00 ¥3,000.50 -¥0.50"))
        let events = try yizhan(["events", "--json", "--limit", "100000"]).output
        #expect(events.components(separatedBy: "budget.overspendauthorised").count == 2)
        #expect(try expenseEvents() == before + 2)
    }
}
