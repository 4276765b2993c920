import Foundation
import Testing

/// `yizhan request` on the demo workspace (issue 26): a call taken by a liaison is accepted,
/// transferred to a grid worker, answered, closed, rated 不满意 and so reopened; what the resident
/// said and who they are stay sealed — out of events, lists and the plain `show` — until a reveal
/// that the audit names, and a key rotation seals them again.
struct RequestCommandTests {
    /// The current year in Beijing.
    enum CivilYear {
        static var now: Int {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
            return calendar.component(.year, from: Date())
        }
    }

    @Test func aCallIsHandedOnAnsweredRatedAndReopenedAndItsContentStaysSealed() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try #require(try await CommandLine.run(["demo", "haiyan"], in: scratch.url).status == 0)
        let workspace = scratch.url.appendingPathComponent("haiyan")
        func yizhan(_ arguments: [String], executable: String = "yizhan") async throws -> CommandLine.Result {
            try await CommandLine.run(
                arguments + ["--workspace", workspace.path],
                in: scratch.url,
                executable: executable
            )
        }
        let liaison = ["--tier", "liaison", "--staff", "contact:baibu-liaison-1"]
        let grid = ["--tier", "gridWorker", "--staff", "account:wang"]

        let added = try await yizhan(
            [
                "request", "add", "--station", "baibu", "--village", "330424102201", "--category", "ordinary",
                "--channel", "电话", "--description", "楼道灯坏了,王阿姨摔了一跤", "--name", "王秀英", "--phone",
                "13812345678",
            ] + liaison
        )
        #expect(added.status == 0, "\(added.errors)")
        #expect(added.output.hasPrefix("已登记诉求 "))
        #expect(added.output.contains("由 contact:baibu-liaison-1 承办;受理时限 "))
        let id = try #require(added.output.split(separator: " ").dropFirst().first.map { String($0.prefix(36)) })

        // Only the holder acts; a refusal says who may, and writes nothing.
        let before = try await yizhan(["events", "--json"]).output
        let refused = try await yizhan(["request", "accept", id] + grid)
        #expect(refused.status == 1)
        #expect(refused.errors.contains("持有这件诉求的睦邻党群联络员(contact:baibu-liaison-1)才能受理"))
        #expect(try await yizhan(["events", "--json"]).output == before)
        let badCategory = try await yizhan(
            [
                "request", "add", "--station", "baibu", "--village", "330424102201", "--category", "lamp",
                "--channel", "phone", "--description", "x",
            ] + liaison
        )
        #expect(badCategory.status == 1)
        #expect(badCategory.errors.contains("category:收到 “lamp”,应为 政策中的类别之一:紧急求助(emergency)"))

        // 受理 → 转办 → 受理 → 反馈 → 办结 → 不满意 (重办).
        let steps: [([String], String)] = [
            (["accept", id] + liaison, "已受理,由睦邻党群联络员 contact:baibu-liaison-1 承办(第 2 步)"),
            (["transfer", id, "--to", "gridWorker", "--note", "需要电工"] + liaison, "已登记,由网格员 承办(第 3 步)"),
            (["accept", id] + grid, "已受理,由网格员 account:wang 承办(第 4 步)"),
            (["answer", id, "--note", "已修好,回电 13812345678"] + grid, "已反馈,由网格员 account:wang 承办(第 5 步)"),
            (["close", id] + grid, "已办结,由网格员 account:wang 承办(第 6 步)"),
            (["rate", id, "--rating", "不满意"], "已登记,由网格员 account:wang 承办(第 7 步)"),
        ]
        for (arguments, expected) in steps {
            let result = try await yizhan(["request"] + arguments)
            #expect(result.status == 0, "\(arguments): \(result.errors)")
            #expect(result.output.contains(expected), "\(arguments): \(result.output)")
        }
        let listed = try await yizhan(["request", "list", "--open", "--json"])
        let cards = try #require(try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]])
        #expect(cards.count == 1)
        #expect(cards.first?["state"] as? String == "registered")
        #expect(cards.first?["reopenings"] as? Int == 1)
        #expect(cards.first?["tier"] as? String == "gridWorker")

        // The rates count it: accepted in time, not resolved (reopened), not rated in this round. The
        // request was filed now, not in the demo's pinned year, so the period is this one.
        let year = String(CivilYear.now)
        let rates = try await yizhan(
            ["requests", "--period", year, "--format", "csv", "--table", "request-rates"],
            executable: "yizhan-report"
        )
        #expect(rates.status == 0, "\(rates.errors)")
        #expect(rates.output.contains("百步镇社会工作站,1,1,100.0,0,0.0,0,0,"), "\(rates.output)")
        let county = try await yizhan(["county", "--period", year], executable: "yizhan-report")
        #expect(county.output.contains("## 居民诉求"), "\(county.output.suffix(600))")

        // Sealed: not in events, the list, the report, or the plain show.
        let events = try await yizhan(["events", "--json"]).output
        let plain = try await yizhan(["request", "show", id]).output
        for text in ["王秀英", "13812345678", "楼道", "电工", "已修好"] {
            #expect(!events.contains(text), "an event carries \(text)")
            #expect(!listed.output.contains(text))
            #expect(!rates.output.contains(text) && !county.output.contains(text))
            #expect(!plain.contains(text), "show without --reveal prints \(text)")
        }
        #expect(events.contains("request.reopened") && events.contains("request.rated"))
        #expect(plain.contains("内容与联系方式已加密(--reveal --reason 查看)"))
        #expect(plain.contains("转办") && plain.contains("***"))

        // A reveal shows it, and the audit says who looked, at what, and why.
        let revealed = try await yizhan(["request", "show", id, "--reveal", "--reason", "提供服务"])
        #expect(revealed.output.contains("内容:楼道灯坏了,王阿姨摔了一跤"))
        #expect(revealed.output.contains("联系人:王秀英 13812345678"))
        #expect(revealed.output.contains("需要电工") && revealed.output.contains("已修好,回电 13812345678"))
        let audit = try await yizhan(["audit"]).output.collapsingSpaces
        #expect(audit.contains("居民诉求 \(id) baibu 诉求内容、姓名、电话、办理说明 提供服务"))

        // A key rotation seals the request again; it still opens under the new key.
        let rotated = try await yizhan(["key", "rotate"])
        #expect(rotated.status == 0, "\(rotated.errors)")
        #expect(rotated.output.contains("和 1 件居民诉求已用新密钥重新加密"))
        let again = try await yizhan(["request", "show", id, "--reveal", "--reason", "提供服务"])
        #expect(again.status == 0, "\(again.errors)")
        #expect(again.output.contains("内容:楼道灯坏了,王阿姨摔了一跤"))
        #expect(again.output.contains("已修好,回电 13812345678"))
    }

    @Test func aDisputeGoesToTheCountysTeamAfterThreeRoundsAndItsPartiesStaySealed() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try #require(try await CommandLine.run(["demo", "haiyan"], in: scratch.url).status == 0)
        let workspace = scratch.url.appendingPathComponent("haiyan")
        func yizhan(_ arguments: [String]) async throws -> CommandLine.Result {
            try await CommandLine.run(arguments + ["--workspace", workspace.path], in: scratch.url)
        }
        let liaison = ["--tier", "liaison", "--staff", "contact:baibu-liaison-1"]
        let team = ["--tier", "county", "--staff", "account:tiaochu"]
        let file = [
            "request", "add", "--station", "baibu", "--village", "330424102201", "--category", "dispute",
            "--channel", "来访", "--description", "楼上卫生间漏水到楼下",
        ]
        // Staff name the parties of a dispute they take in.
        let unnamed = try await yizhan(file + liaison)
        #expect(unnamed.status == 1)
        #expect(unnamed.errors.contains("parties:收到 (空),应为 纠纷的当事人"))
        let added = try await yizhan(file + liaison + ["--parties", "张建国与李卫东", "--method", "协商"])
        #expect(added.status == 0, "\(added.errors)")
        let id = try #require(added.output.split(separator: " ").dropFirst().first.map { String($0.prefix(36)) })
        #expect(try await yizhan(["request", "accept", id] + liaison).status == 0)

        // A round is dated no later than today; a refusal writes nothing.
        let before = try await yizhan(["events", "--json"]).output
        let tomorrow = try await yizhan(
            ["dispute", "round", id, "--result", "未达成", "--date", "2099-01-01"] + liaison
        )
        #expect(tomorrow.status == 1)
        #expect(tomorrow.errors.contains("day:收到 “2099-01-01”,应为 不晚于今天"))
        #expect(try await yizhan(["events", "--json"]).output == before)

        // Three rounds without agreement: up to the county's team (seed 002 §三).
        for round in 1...3 {
            let result = try await yizhan(
                ["dispute", "round", id, "--result", "未达成", "--note", "第 \(round) 轮,张建国不同意赔偿"] + liaison
            )
            #expect(result.status == 0, "\(result.errors)")
        }
        let shown = try await yizhan(["request", "show", id])
        #expect(shown.output.contains("已登记,由县级矛盾纠纷调处团队 承办"), "\(shown.output)")
        #expect(shown.output.contains("纠纷:协商,一般纠纷,负责人 contact:baibu-liaison-1,第 3 轮("))
        #expect(shown.output.contains("未达成,已上报县级团队"))
        let late = try await yizhan(["dispute", "settle", id] + liaison)
        #expect(late.errors.contains("持有这件诉求的县级矛盾纠纷调处团队才能记录调解成功"))

        // The county's team accepts it and settles it.
        #expect(try await yizhan(["request", "accept", id] + team).status == 0)
        let settled = try await yizhan(["dispute", "settle", id, "--note", "签订调解协议"] + team)
        #expect(settled.status == 0, "\(settled.errors)")
        let json = try await yizhan(["request", "show", id, "--json"]).output
        let detail = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let card = try #require(detail["request"] as? [String: Any])
        let dispute = try #require(card["dispute"] as? [String: Any])
        #expect(dispute["referredUp"] as? Bool == true && (dispute["rounds"] as? [Any])?.count == 3)
        #expect(dispute["settledOn"] is String && dispute["method"] as? String == "negotiation")

        // Parties, content and notes: not in events or the plain show; a reveal shows them.
        let events = try await yizhan(["events", "--json"]).output
        for text in ["张建国", "李卫东", "漏水", "赔偿", "调解协议"] {
            #expect(!events.contains(text), "an event carries \(text)")
            #expect(!shown.output.contains(text) && !json.contains(text))
        }
        for type in ["dispute.mediated", "dispute.referred", "dispute.settled", "request.escalated"] {
            #expect(events.contains("\"type\" : \"\(type)\"") || events.contains("\"type\":\"\(type)\""), "\(type)")
        }
        let revealed = try await yizhan(["request", "show", id, "--reveal", "--reason", "提供服务"])
        #expect(revealed.output.contains("当事人:张建国与李卫东"))
        #expect(revealed.output.contains("第 3 轮,张建国不同意赔偿") && revealed.output.contains("签订调解协议"))
        let audit = try await yizhan(["audit"]).output.collapsingSpaces
        #expect(audit.contains("居民诉求 \(id) baibu 诉求内容、纠纷当事人、办理说明 提供服务"), "\(audit.suffix(400))")
    }
}
