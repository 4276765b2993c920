import Foundation
import Testing

/// Donations on the demo workspace: seed 000's figures reproduced to the fen, and a donation ledger
/// imported once, individual donors kept anonymous.
struct DonationCommandTests {
    /// A fresh demo workspace `haiyan` in a scratch folder.
    private func demo() async throws -> (Scratch, URL) {
        let scratch = try Scratch()
        try #require(try await CommandLine.run(["demo", "haiyan"], in: scratch.url).status == 0)
        return (scratch, scratch.url.appendingPathComponent("haiyan"))
    }

    @Test func theDemoReproducesSeed000sGiftsToTheFen() async throws {
        let (scratch, workspace) = try await demo()
        defer { scratch.remove() }
        func yizhan(_ arguments: [String]) async throws -> CommandLine.Result {
            try await CommandLine.run(arguments + ["--workspace", workspace.path], in: scratch.url)
        }
        let list = try await yizhan(["donation", "list", "--json"])
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
        let refused = try await yizhan([
            "import", "donations", ledger, "--station", "xitangqiao", "--rejections", rejections,
        ])
        #expect(refused.status == 1)
        #expect(refused.output.contains("第 4 行:(空),与第 3 行内容完全相同,视为重复录入;如确是两笔捐赠,请填写流水号"))
        #expect(refused.output.contains("第 6 行 D 列“金额(元)”:“十元”,大于 0 的金额"))
        let imported = try await yizhan(
            ["import", "donations", ledger, "--station", "xitangqiao", "--rejections", rejections, "--skip-invalid"]
        )
        #expect(imported.output.contains("已导入 4 行;0 行此前已导入,未重复写入;2 行有误,已跳过"))
        let again = try await yizhan(
            ["import", "donations", ledger, "--station", "xitangqiao", "--rejections", rejections, "--skip-invalid"]
        )
        #expect(again.output.contains("已导入 0 行;4 行此前已导入"))
        let after = try await yizhan([
            "donation", "list", "--station", "xitangqiao", "--from", "2021-09-07", "--to", "2021-09-09",
        ])
        // 1,765 + 1 demo gifts, and the 4 imported: ¥10 + ¥10 + ¥5.50 + ¥1,000.
        #expect(after.output.contains("共 1770 笔,合计 ¥42,141.78"))
        let events = try await yizhan(["events", "--json", "--limit", "100000"]).output
        #expect(!events.contains("李四") && !after.output.contains("李四"))
    }

    /// A gift typed in and a gift imported pass the one kernel check (`ReceiveDonation`): an amount
    /// past ¥100,000,000 and a phone in the purpose were written before (issue 21.4, 21.8).
    @Test func aGiftTypedOrImportedIsCheckedByTheKernelsOneRule() async throws {
        let (scratch, workspace) = try await demo()
        defer { scratch.remove() }
        func yizhan(_ arguments: [String]) async throws -> CommandLine.Result {
            try await CommandLine.run(arguments + ["--workspace", workspace.path], in: scratch.url)
        }
        let before = try await yizhan(["donation", "list", "--station", "xitangqiao"]).output
        let typed = try await yizhan([
            "donation", "add", "--station", "xitangqiao", "--donor-kind", "企业", "--donor", "示例企业",
            "--amount", "999999999999.99", "--date", "2021-09-09", "--purpose", "联系 13800001234",
        ])
        #expect(typed.status == 1)
        #expect(typed.errors.contains("amount") && typed.errors.contains("不超过 1 亿元的金额"))
        #expect(typed.errors.contains("purpose") && !typed.errors.contains("13800001234"))
        let ledger = workspace.appendingPathComponent("捐赠.csv")
        try Data("捐赠日期,金额(元),捐赠方类型,项目\n2021-09-09,200000000,企业,助学\n".utf8).write(to: ledger)
        let imported = try await yizhan(["import", "donations", ledger.path, "--station", "xitangqiao"])
        #expect(imported.status == 1 && imported.output.contains("不超过 1 亿元的金额"), "\(imported.output)")
        await #expect(try yizhan(["donation", "list", "--station", "xitangqiao"]).output == before)
        let added = try await yizhan([
            "donation", "add", "--station", "xitangqiao", "--donor-kind", "企业", "--donor", "示例企业",
            "--amount", "1500", "--date", "2021-09-09", "--purpose", "助学",
        ])
        #expect(added.output.contains("已登记捐赠") && added.output.contains("¥1,500.00"), "\(added.errors)")
    }

    /// A station's donation ledger goes out with each gift's 登记编号 and comes back as the same
    /// gifts; a row edited since is a difference, not "imported before", and `--apply-corrections`
    /// makes it a new version of its gift (issue 21.3).
    @Test func anExportedDonationLedgerComesBackAndItsEditsAreDifferences() async throws {
        let (scratch, workspace) = try await demo()
        defer { scratch.remove() }
        func yizhan(_ arguments: [String]) async throws -> CommandLine.Result {
            try await CommandLine.run(arguments + ["--workspace", workspace.path], in: scratch.url)
        }
        let file = workspace.appendingPathComponent("百步捐赠.csv")
        let export = try await yizhan(["export", "donations", "--station", "baibu", "-o", file.path])
        #expect(export.status == 0, "\(export.errors)")
        let text = String(decoding: try Data(contentsOf: file).dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "捐赠日期,捐赠方类型,捐赠方,捐赠类型,金额(元),物资,项目,渠道,配捐,流水号,备注,登记编号")
        let rows = lines.count - 1
        #expect(rows >= 41 && export.output.contains("已导出 \(rows) 行到"), "\(export.output)")
        let totalBefore = try await yizhan(["donation", "list", "--station", "baibu"]).output

        let again = try await yizhan(["import", "donations", file.path, "--station", "baibu"])
        #expect(again.status == 0 && again.output.contains("已导入 0 行;\(rows) 行此前已导入"), "\(again.output)")

        // Two gifts' amounts edited in Excel, one of them given to the charity fund: listed, left alone.
        func raised(_ line: String) throws -> (line: String, id: String) {
            var cells = line.components(separatedBy: ",")
            let amount = try #require(Double(cells[4]))
            cells[4] = String(format: "%.2f", amount + 100)
            return (cells.joined(separator: ","), try #require(cells.last))
        }
        let giftRow = try #require(lines.firstIndex { $0.contains("困境儿童") && !$0.contains("慈善基金") })
        let (giftLine, id) = try raised(lines[giftRow])
        let (fundLine, fundGift) = try raised(lines[1])
        var editedLines = lines
        editedLines[giftRow] = giftLine
        editedLines[1] = fundLine
        let edited = workspace.appendingPathComponent("百步捐赠-改.csv")
        try Data(editedLines.joined(separator: "\r\n").utf8).write(to: edited)
        let differs = try await yizhan(["import", "donations", edited.path, "--station", "baibu"])
        #expect(differs.status == 0, "\(differs.output)")
        #expect(differs.output.contains("第 \(giftRow + 1) 行与已存记录 \(id) 不同:amount"), "\(differs.output)")
        #expect(differs.output.contains("第 2 行与已存记录 \(fundGift) 不同:amount"))
        #expect(differs.output.contains("2 行与已存记录不同,未改动;核对无误后加 --apply-corrections"))
        await #expect(try yizhan(["donation", "list", "--station", "baibu"]).output == totalBefore)

        // A gift to a charity fund is corrected by `donation correct`, which checks the fund's
        // balance: the import refuses that row, and writes nothing at all.
        let fundRefused = try await yizhan([
            "import", "donations", edited.path, "--station", "baibu", "--apply-corrections",
        ])
        #expect(fundRefused.status == 1 && fundRefused.output.contains("捐入了社区慈善基金"), "\(fundRefused.output)")
        #expect(fundRefused.output.contains("yizhan donation correct"))
        await #expect(try yizhan(["donation", "list", "--station", "baibu"]).output == totalBefore)

        editedLines[1] = lines[1]
        try Data(editedLines.joined(separator: "\r\n").utf8).write(to: edited)
        let applied = try await yizhan([
            "import", "donations", edited.path, "--station", "baibu", "--apply-corrections",
        ])
        #expect(applied.output.contains("更正已存记录 1 条"), "\(applied.output)")
        await #expect(try yizhan(["donation", "list", "--station", "baibu"]).output != totalBefore)
        let shown = try await yizhan(["donation", "show", id, "--station", "baibu", "--json"]).output
        #expect(shown.contains(#""version" : 2"#) && shown.contains("台账再导入更正"), "\(shown)")
        let events = try await yizhan(["events", "--json", "--limit", "5"]).output
        #expect(events.contains("donation.corrected") && events.contains(id))
        #expect(!events.contains("台账再导入更正"), "events carry ids and facts, not reasons")
        let settled = try await yizhan(["import", "donations", edited.path, "--station", "baibu"])
        #expect(settled.output.contains("已导入 0 行;\(rows) 行此前已导入"), "\(settled.output)")

        // An id that is no gift of the station's is refused, and nothing is written.
        let foreign = workspace.appendingPathComponent("他站捐赠.csv")
        try Data((lines.prefix(1) + ["2021-09-09,企业,示例企业,资金,10.00,,助学,,否,,,\(id)"]).joined(separator: "\n").utf8)
            .write(to: foreign)
        let refused = try await yizhan(["import", "donations", foreign.path, "--station", "xitangqiao"])
        #expect(refused.status == 1 && refused.output.contains("本站已登记的捐赠的登记编号"), "\(refused.output)")
    }
}
