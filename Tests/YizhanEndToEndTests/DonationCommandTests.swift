import Foundation
import Testing

/// Donations on the demo workspace: seed 000's figures reproduced to the fen, and a donation ledger
/// imported once, individual donors kept anonymous.
struct DonationCommandTests {
    /// A fresh demo workspace `haiyan` in a scratch folder.
    private func demo() throws -> (Scratch, URL) {
        let scratch = try Scratch()
        try #require(try CommandLine.run(["demo", "haiyan"], in: scratch.url).status == 0)
        return (scratch, scratch.url.appendingPathComponent("haiyan"))
    }

    @Test func theDemoReproducesSeed000sGiftsToTheFen() throws {
        let (scratch, workspace) = try demo()
        defer { scratch.remove() }
        func yizhan(_ arguments: [String]) throws -> CommandLine.Result {
            try CommandLine.run(arguments + ["--workspace", workspace.path], in: scratch.url)
        }
        let list = try yizhan(["donation", "list", "--json"])
        let lines = try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]] ?? []
        func total(_ station: String, _ donorKind: String) -> (gifts: Int, fen: Int) {
            let matching = lines.filter {
                $0["station"] as? String == station && $0["donorKind"] as? String == donorKind
            }
            return (
                matching.compactMap { $0["gifts"] as? Int }.reduce(0, +),
                matching.compactMap { $0["totalFen"] as? Int }.reduce(0, +)
            )
        }
        // 种子 000 §三: 西塘桥 99公益日 “共计记录1765份公众捐款信息,累计捐款金额达21116.28元”.
        #expect(total("xitangqiao", "individual") == (1_765, 2_111_628))
        // “配捐的价值2万元的爱心物资”.
        #expect(total("xitangqiao", "foundation") == (1, 2_000_000))
        // 百步: “为辖区41名在册困境儿童提供每人2500元的资助”.
        #expect(total("baibu", "fund") == (41, 10_250_000))

        let ledger = LedgerImportTests.ledgers.appendingPathComponent("donations-99.csv").path
        let rejections = workspace.appendingPathComponent("donations.rejections.csv").path
        let refused = try yizhan(["import", "donations", ledger, "--station", "xitangqiao", "--rejections", rejections])
        #expect(refused.status == 1)
        #expect(refused.output.contains("第 4 行:(空),与第 3 行内容完全相同,视为重复录入;如确是两笔捐赠,请填写流水号"))
        #expect(refused.output.contains("第 6 行 D 列“金额(元)”:“十元”,大于 0 的金额"))
        let imported = try yizhan(
            ["import", "donations", ledger, "--station", "xitangqiao", "--rejections", rejections, "--skip-invalid"]
        )
        #expect(imported.output.contains("已导入 4 行;0 行此前已导入,未重复写入;2 行有误,已跳过"))
        let again = try yizhan(
            ["import", "donations", ledger, "--station", "xitangqiao", "--rejections", rejections, "--skip-invalid"]
        )
        #expect(again.output.contains("已导入 0 行;4 行此前已导入"))
        let after = try yizhan([
            "donation", "list", "--station", "xitangqiao", "--from", "2021-09-07", "--to", "2021-09-09",
        ])
        // 1,765 + 1 demo gifts, and the 4 imported: ¥10 + ¥10 + ¥5.50 + ¥1,000.
        #expect(after.output.contains("共 1770 笔,合计 ¥42,141.78"))
        let events = try yizhan(["events", "--json", "--limit", "100000"]).output
        #expect(!events.contains("李四") && !after.output.contains("李四"))
    }

    /// A gift typed in and a gift imported pass the one kernel check (`ReceiveDonation`): an amount
    /// past ¥100,000,000 and a phone in the purpose were written before (issue 21.4, 21.8).
    @Test func aGiftTypedOrImportedIsCheckedByTheKernelsOneRule() throws {
        let (scratch, workspace) = try demo()
        defer { scratch.remove() }
        func yizhan(_ arguments: [String]) throws -> CommandLine.Result {
            try CommandLine.run(arguments + ["--workspace", workspace.path], in: scratch.url)
        }
        let before = try yizhan(["donation", "list", "--station", "xitangqiao"]).output
        let typed = try yizhan([
            "donation", "add", "--station", "xitangqiao", "--donor-kind", "企业", "--donor", "示例企业",
            "--amount", "999999999999.99", "--date", "2021-09-09", "--purpose", "联系 13800001234",
        ])
        #expect(typed.status == 1)
        #expect(typed.errors.contains("amount") && typed.errors.contains("不超过 1 亿元的金额"))
        #expect(typed.errors.contains("purpose") && !typed.errors.contains("13800001234"))
        let ledger = workspace.appendingPathComponent("捐赠.csv")
        try Data("捐赠日期,金额(元),捐赠方类型,项目\n2021-09-09,200000000,企业,助学\n".utf8).write(to: ledger)
        let imported = try yizhan(["import", "donations", ledger.path, "--station", "xitangqiao"])
        #expect(imported.status == 1 && imported.output.contains("不超过 1 亿元的金额"), "\(imported.output)")
        #expect(try yizhan(["donation", "list", "--station", "xitangqiao"]).output == before)
        let added = try yizhan([
            "donation", "add", "--station", "xitangqiao", "--donor-kind", "企业", "--donor", "示例企业",
            "--amount", "1500", "--date", "2021-09-09", "--purpose", "助学",
        ])
        #expect(added.output.contains("已登记捐赠") && added.output.contains("¥1,500.00"), "\(added.errors)")
    }
}
