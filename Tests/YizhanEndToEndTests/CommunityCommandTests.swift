import Foundation
import Testing

/// Organisations against their targets, micro-wishes, charity funds and the resource map, through
/// `yizhan` on the demo workspace.
struct CommunityCommandTests {
    @Test func organisationsWishesFundsAndTheResourceMap() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try #require(try await CommandLine.run(["demo", "haiyan"], in: scratch.url).status == 0)
        let workspace = scratch.url.appendingPathComponent("haiyan")
        func yizhan(_ arguments: [String]) async throws -> CommandLine.Result {
            try await CommandLine.run(arguments + ["--workspace", workspace.path], in: scratch.url)
        }
        func id(_ output: String, after marker: String) -> String {
            String((output.components(separatedBy: marker).last ?? "").prefix(36))
        }

        // Targets from the Haiyan template (seed 002's 10 urban / 5 rural, adopted there).
        struct Count: Decodable {
            var village: String
            var kind: String
            var organisations: Int
            var target: Int?
            var meetsTarget: Bool?
        }
        let counts = try await JSONDecoder().decode(
            [Count].self,
            from: Data(try yizhan(["organisation", "count", "--json"]).output.utf8)
        )
        #expect(counts.count == 95)
        #expect(counts.allSatisfy { $0.target == ($0.kind == "urban" ? 10 : 5) })
        #expect(counts.allSatisfy { $0.meetsTarget == ($0.organisations >= ($0.target ?? 0)) })
        let short = try #require(counts.first { $0.meetsTarget == false && $0.village.hasPrefix("330424003") })
        let added = try await yizhan([
            "organisation", "add", "--station", "qinshan", "--village", short.village, "--name", "示例新成立互助会",
            "--kind", "互助类", "--status", "备案", "--since", "2021-11-01",
        ])
        #expect(added.status == 0, "\(added.errors)")
        let organisation = id(added.output, after: "已登记社区社会组织 ")
        let back = try await yizhan(["organisation", "stage", organisation, "--station", "qinshan", "--stage", "孵化中"])
        #expect(back.status == 0)
        let forward = try await yizhan([
            "organisation", "stage", organisation, "--station", "qinshan", "--stage", "已出壳",
        ])
        #expect(forward.output.contains("示例新成立互助会:已出壳,备案"))
        let undo = try await yizhan(["organisation", "stage", organisation, "--station", "qinshan", "--stage", "培育中"])
        #expect(undo.status == 1 && undo.errors.contains("不早于当前阶段(已出壳)的阶段"))

        // A wish: posted, claimed once (a second claim is refused), fulfilled; people stay anonymous.
        let posted = try await yizhan([
            "wish", "post", "--station", "baibu", "--village", "330424102201", "--wish", "一个新书包", "--value", "80",
            "--date", "2021-08-20",
        ])
        let wish = id(posted.output, after: "已发布微心愿 ")
        let named = try await yizhan([
            "wish", "claim", wish, "--claimant-kind", "个人", "--claimant", "张三", "--date", "2021-08-22",
        ])
        #expect(named.status == 1 && named.errors.contains("个人认领不记姓名"))
        let claimed = try await yizhan([
            "wish", "claim", wish, "--claimant-kind", "企业", "--claimant", "示例文具店", "--date", "2021-08-22",
        ])
        #expect(claimed.output.contains("已认领"))
        let twice = try await yizhan(["wish", "claim", wish, "--claimant-kind", "个人", "--date", "2021-08-23"])
        #expect(twice.status == 1 && twice.errors.contains("尚待认领的微心愿(当前:已认领)"))
        let early = try await yizhan(["wish", "fulfil", wish, "--date", "2021-08-21"])
        #expect(early.status == 1 && early.errors.contains("不早于认领日期 2021-08-22"))
        await #expect(try yizhan(["wish", "fulfil", wish, "--date", "2021-08-30"]).output.contains("已实现"))

        // A fund: money in, grants out, never below zero.
        let opened = try await yizhan([
            "charity-fund", "open", "--station", "baibu", "--village", "330424102201", "--name", "示例村慈善基金", "--date",
            "2021-01-10",
        ])
        let fund = id(opened.output, after: "已设立慈善基金 ")
        let given = try await yizhan([
            "charity-fund", "give", fund, "--donor-kind", "企业", "--donor", "示例企业", "--amount", "1500", "--date",
            "2021-02-01",
        ])
        #expect(given.output.contains("已捐入 ¥1,500.00,基金余额 ¥1,500.00"))
        let granted = try await yizhan([
            "charity-fund", "grant", fund, "--amount", "900.50", "--date", "2021-03-01", "--purpose", "困难家庭助学",
        ])
        #expect(granted.output.contains("已资助,基金余额 ¥599.50"))
        let over = try await yizhan([
            "charity-fund", "grant", fund, "--amount", "600", "--date", "2021-03-02", "--purpose", "独居老人助餐",
        ])
        #expect(over.status == 1 && over.errors.contains("不超过基金余额 ¥599.50 的金额"))

        // The map counts what was added, by village and kind.
        let shopAdded = try await yizhan([
            "resource", "add", "--station", "baibu", "--village", "330424102201", "--kind", "商户", "--name", "示例理发店",
            "--offers", "每月义剪一次",
        ])
        #expect(shopAdded.status == 0)
        let shop = id(shopAdded.output, after: "已登记资源 ")

        // A shop on the map claims a wish by its id: its registered name, kind 企业 by default. An
        // unknown resource, or a different name beside it, is refused.
        let second = await id(
            try yizhan([
                "wish", "post", "--station", "baibu", "--village", "330424102201", "--wish", "一盏台灯", "--value", "60",
                "--date", "2021-09-01",
            ]).output,
            after: "已发布微心愿 "
        )
        let unknown = try await yizhan(["wish", "claim", second, "--resource", wish, "--date", "2021-09-02"])
        #expect(unknown.status == 1 && unknown.errors.contains("baibu 已登记资源的标识"))
        #expect(!unknown.errors.contains("claimant-kind"), "the kind is not asked for beside an unknown resource")
        let renamed = try await yizhan([
            "wish", "claim", second, "--resource", shop, "--claimant", "别的店", "--date", "2021-09-02",
        ])
        #expect(renamed.status == 1 && renamed.errors.contains("认领方名称取自登记的资源(示例理发店)"))
        let byShop = try await yizhan(["wish", "claim", second, "--resource", shop, "--date", "2021-09-02"])
        #expect(byShop.status == 0, "\(byShop.errors)")
        struct Listed: Decodable {
            var id: String
            var claimantKind: String?
            var claimantName: String?
            var claimedBy: String?
        }
        let listed = try await JSONDecoder().decode(
            [Listed].self,
            from: Data(try yizhan(["wish", "list", "--station", "baibu", "--status", "claimed", "--json"]).output.utf8)
        )
        let claimedByShop = try #require(listed.first { $0.id == second })
        #expect(claimedByShop.claimedBy == shop)
        #expect(claimedByShop.claimantName == "示例理发店" && claimedByShop.claimantKind == "enterprise")
        struct Cell: Decodable {
            var village: String
            var kind: String
            var count: Int
        }
        let map = try await JSONDecoder().decode(
            [Cell].self,
            from: Data(try yizhan(["resource", "map", "--station", "baibu", "--json"]).output.utf8)
        )
        let village01 = map.filter { $0.village == "330424102201" }
        #expect(village01.first { $0.kind == "charityFund" }?.count == 1)
        #expect((village01.first { $0.kind == "shop" }?.count ?? 0) >= 1)
        let table = try await yizhan(["resource", "map", "--station", "baibu"]).output
        #expect(table.contains("百步镇示例村01") && table.contains("合计"))

        let events = try await yizhan(["events", "--json", "--limit", "200000"]).output
        #expect(!events.contains("张三"))
        #expect(events.contains("\"microwish.progressed\"") && events.contains("\"charityfund.granted\""))
        #expect(events.contains(#"\"claimedBy\":\"\#(shop)\""#))
    }
}
