import Foundation
import Testing

/// `yizhan case`, `yizhan group` and `yizhan referral` on a demo workspace, as a station uses them.
@Suite(.serialized) struct CaseWorkCommandTests {
    private func yizhan(_ arguments: [String], in workspace: URL) async throws -> CommandLine.Result {
        try await CommandLine.run(
            arguments + ["--workspace", workspace.path],
            in: workspace.deletingLastPathComponent()
        )
    }

    /// A demo workspace with the clients of the roster fixture; returns it and two client ids.
    private func workspace() async throws -> (Scratch, URL, [String]) {
        let scratch = try Scratch()
        try #require(try await CommandLine.run(["demo", "haiyan"], in: scratch.url).status == 0)
        let workspace = scratch.url.appendingPathComponent("haiyan")
        let roster = LedgerImportTests.ledgers.appendingPathComponent("clients-bom.csv").path
        let rejections = scratch.url.appendingPathComponent("rejections.csv").path
        _ = try await yizhan(
            [
                "import", "clients", roster, "--station", "baibu", "--skip-invalid", "--rejections", rejections,
                "--consent-date", "2021-03-01", "--consent-scope", "接受服务", "--consent-scope", "个人信息收集与使用",
            ],
            in: workspace
        )
        let list = try await yizhan(["client", "list", "--station", "baibu", "--json"], in: workspace)
        let clients = (try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]] ?? [])
            .compactMap { $0["id"] as? String }
        try #require(clients.count == 3)
        return (scratch, workspace, clients)
    }

    @Test func aCaseMovesThroughItsStagesAndIsAnnouncedOverdueOnce() async throws {
        let (scratch, workspace, clients) = try await workspace()
        defer { scratch.remove() }
        let opened = try await yizhan(
            [
                "case", "open", "--station", "baibu", "--client", clients[0], "--worker", "baibu-w3", "--date",
                "2021-03-01",
            ],
            in: workspace
        )
        let id = try #require(opened.output.split(separator: " ").dropFirst().first.map { String($0.prefix(36)) })
        let refused = try await yizhan(
            ["case", "move", id, "--to", "结案", "--worker", "baibu-w3", "--date", "2021-03-02"],
            in: workspace
        )
        #expect(refused.status == 1)
        #expect(refused.errors.contains("个案处于接案,不能直接转到结案;可转到:预估、转介、中止"))
        let moved = try await yizhan(
            ["case", "move", id, "--to", "预估", "--worker", "baibu-w3", "--date", "2021-03-05"],
            in: workspace
        )
        #expect(moved.output.contains("已转到预估"))
        let overdue = try await yizhan(["case", "overdue", "--as-of", "2021-04-01"], in: workspace)
        #expect(overdue.output.contains("在预估已 27 天,时限 14 天"))
        #expect(overdue.output.contains("发出 1 条 case.overdue 事件"))
        await #expect(
            try yizhan(["case", "overdue", "--as-of", "2021-04-02"], in: workspace).output.contains("发出 0 条")
        )
        let listed = try await yizhan(["case", "list", "--overdue", "--as-of", "2021-04-01"], in: workspace)
        #expect(listed.output.contains("共 1 个个案"))
    }

    /// A workspace that pins its day (the demo's `asOf`, 2021-12-31) is on that day for every command:
    /// a record dated after it is refused, a case opened without a date opens on it, and the case list
    /// counts from it — before, the case commands counted from the real date (issue 21.4).
    @Test func everyCommandWorksOnTheWorkspacesToday() async throws {
        let (scratch, workspace, clients) = try await workspace()
        defer { scratch.remove() }
        let late = try await yizhan(
            [
                "record", "add", "--station", "baibu", "--kind", "走访", "--date", "2022-01-05", "--duration", "30",
                "--head-count", "1",
            ],
            in: workspace
        )
        #expect(late.status == 1)
        #expect(late.errors.contains("不晚于今天(2021-12-31)的日期"))
        let opened = try await yizhan(
            ["case", "open", "--station", "baibu", "--client", clients[0], "--worker", "baibu-w3"],
            in: workspace
        )
        #expect(opened.status == 0, "\(opened.errors)")
        let listed = try await yizhan(["case", "list"], in: workspace)
        #expect(listed.output.contains("接案  2021-12-31     0     7"))
        #expect(listed.output.contains("共 1 个个案(按 2021-12-31 计)"))
        let later = try await yizhan(["case", "list", "--overdue", "--as-of", "2022-03-01"], in: workspace)
        #expect(later.output.contains("接案  2021-12-31    60     7  是"))
    }

    @Test func groupAttendanceAndReferralOutcomesAreRecorded() async throws {
        let (scratch, workspace, clients) = try await workspace()
        defer { scratch.remove() }
        let formed = try await yizhan(
            [
                "group", "form", "--station", "baibu", "--name", "留守儿童成长小组", "--member", clients[0], "--member",
                clients[1], "--planned-sessions", "6", "--date", "2021-03-01",
            ],
            in: workspace
        )
        let group = try #require(formed.output.split(separator: " ").dropFirst().first.map { String($0.prefix(36)) })
        for present in [[clients[0], clients[1]], [clients[1]]] {
            let result = try await yizhan(
                [
                    "group", "session", group, "--date", present.count == 2 ? "2021-03-08" : "2021-03-15", "--duration",
                    "90",
                    "--worker", "baibu-w3",
                ] + present.flatMap { ["--present", $0] },
                in: workspace
            )
            #expect(result.status == 0, "\(result.errors)")
        }
        let stranger = try await yizhan(
            ["group", "session", group, "--date", "2021-03-22", "--duration", "90", "--present", clients[2]],
            in: workspace
        )
        #expect(stranger.status == 1 && stranger.errors.contains("present"))
        let show = try await yizhan(["group", "show", group], in: workspace)
        #expect(show.output.contains("已开展 2/6 节"))
        #expect(show.output.contains("\(clients[0])  ✓      ·         50%"))

        // 张阿婆's consent (stated at the import) does not cover 转介: refused until she signs a form
        // that does (issue 21.7); the renewal is checked as registration checks one.
        let referral = [
            "referral", "add", "--station", "baibu", "--client", clients[2], "--to", "县法律援助中心", "--date",
            "2021-03-01", "--worker", "baibu-w3",
        ]
        let unconsented = try await yizhan(referral, in: workspace)
        #expect(unconsented.status == 1)
        #expect(unconsented.errors.contains("其知情同意只含接受服务、个人信息收集与使用,须含「转介」"), "\(unconsented.errors)")
        let scopes = ["--consent-scope", "接受服务", "--consent-scope", "个人信息收集与使用", "--consent-scope", "转介"]
        let tooEarly = try await yizhan(
            ["client", "consent", clients[2], "--consent-date", "2022-01-01"] + scopes,
            in: workspace
        )
        #expect(tooEarly.status == 1 && tooEarly.errors.contains("consent-date"))
        let renewed = try await yizhan(
            ["client", "consent", clients[2], "--consent-date", "2021-02-28"] + scopes,
            in: workspace
        )
        #expect(renewed.output.contains("已更新 \(clients[2]) 的知情同意:接受服务、个人信息收集与使用、转介"), "\(renewed.errors)")
        let elsewhere = try await yizhan(
            ["client", "consent", clients[2], "--station", "ganpu", "--consent-date", "2021-02-28"] + scopes,
            in: workspace
        )
        #expect(elsewhere.status == 1 && elsewhere.errors.contains("本范围内已登记的服务对象标识"))
        // Photos of the visit need her consent to 照片影像使用, which no form of hers gives yet.
        let photographed = try await yizhan(
            [
                "record", "add", "--station", "baibu", "--kind", "走访", "--date", "2021-03-02", "--duration", "40",
                "--worker", "baibu-w3", "--client", clients[2], "--photos", "2",
            ],
            in: workspace
        )
        #expect(photographed.status == 1 && photographed.errors.contains("须含「照片影像使用」"), "\(photographed.errors)")
        let referred = try await yizhan(referral, in: workspace)
        #expect(referred.output.contains("已转介至县法律援助中心"), "\(referred.errors)")
        let record = try #require(referred.output.components(separatedBy: "转介记录 ").last.map { String($0.prefix(36)) })
        await #expect(
            try yizhan(["referral", "outcome", record, "--outcome", "已接收", "--date", "2021-03-05"], in: workspace)
                .status == 0
        )
        let back = try await yizhan(
            ["referral", "outcome", record, "--outcome", "未接收", "--date", "2021-03-06"],
            in: workspace
        )
        #expect(back.status == 1 && back.errors.contains("当前为已接收,可改为:completed(已办结)"))
        await #expect(try yizhan(["referral", "list", "--pending"], in: workspace).output.contains("共 0 条转介"))
        let events = try await yizhan(["events", "--json", "--limit", "100000"], in: workspace).output
        for type in ["group.formed", "client.consentrecorded", "referral.made", "referral.outcome"] {
            #expect(events.contains("\"type\" : \"\(type)\""))
        }
        for value in LedgerImportTests.personalData { #expect(!events.contains(value), "\(value) leaked") }
    }
}
