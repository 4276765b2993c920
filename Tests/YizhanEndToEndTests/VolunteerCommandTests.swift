import Foundation
import Testing
import YizhanRuntime

/// `yizhan volunteer` on a demo workspace: hours earn points, two processes redeeming at once never
/// overdraw the passbook, and the certificate's hours are the recorded hours.
@Suite(.serialized) struct VolunteerCommandTests {
    private func yizhan(_ arguments: [String], in workspace: URL) async throws -> CommandLine.Result {
        try await CommandLine.run(
            arguments + ["--workspace", workspace.path],
            in: workspace.deletingLastPathComponent()
        )
    }

    /// The first id-like token (36 characters) after `marker` in `text`.
    private func id(after marker: String, in text: String) throws -> String {
        try #require(text.components(separatedBy: marker).dropFirst().first.map { String($0.prefix(36)) })
    }

    @Test func concurrentRedemptionsNeverOverdrawAndTheCertificateAddsUp() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try #require(try await CommandLine.run(["demo", "haiyan"], in: scratch.url).status == 0)
        let workspace = scratch.url.appendingPathComponent("haiyan")
        let added = try await yizhan(
            ["volunteer", "add", "--station", "baibu", "--name", "陈志愿", "--id-number", "330424199001010017"],
            in: workspace
        )
        let volunteer = try id(after: "已登记志愿者 ", in: added.output)
        let code = try #require(added.output.components(separatedBy: "签到码 ").last.map { String($0.prefix(6)) })
        let team = try await yizhan(
            ["volunteer", "team", "--station", "baibu", "--name", "巾帼志愿服务队", "--volunteer", volunteer],
            in: workspace
        )
        #expect(team.output.contains("(巾帼志愿服务队):1 人"))
        let stranger = try await yizhan(
            ["volunteer", "team", "--station", "ganpu", "--name", "澉浦队", "--volunteer", volunteer],
            in: workspace
        )
        #expect(stranger.status == 1 && stranger.errors.contains("本站登记的志愿者标识"))
        await #expect(
            try yizhan(["volunteer", "team", "--station", "baibu", "--list"], in: workspace).output.contains("共 3 支服务队")
        )
        var recorded = 0
        var attendances: [String] = []
        for (day, out, cap) in [("2021-03-05", "12:00", "3"), ("2021-03-06", "16:30", "10")] {
            let scheduled = try await yizhan(
                ["volunteer", "activity", "--station", "baibu", "--name", "助餐", "--date", day, "--cap-hours", cap],
                in: workspace
            )
            let activity = try id(after: "已安排志愿活动 ", in: scheduled.output)
            let hours = try await yizhan(
                [
                    "volunteer", "hours", activity, "--volunteer", volunteer, "--in", "\(day) 08:00", "--out",
                    "\(day) \(out)",
                ]
                    + (day.hasSuffix("05") ? ["--code", code] : ["--worker", "baibu-w3"]),
                in: workspace
            )
            #expect(hours.status == 0, "\(hours.errors)")
            attendances.append(try id(after: "已记录时长 ", in: hours.output))
            let minutes = hours.output.components(separatedBy: "已记录时长 ").last?.dropFirst(37).prefix { $0.isNumber }
            recorded += Int(minutes ?? "") ?? 0
        }
        #expect(recorded == 180 + 510)  // 4 hours capped at 3, then 8.5 hours
        await #expect(try yizhan(["volunteer", "passbook", volunteer], in: workspace).output.contains("余额 11 分"))

        // Two processes each redeem 10 of the 11 points at the same moment: one wins.
        let processes = try (1...2).map { index in
            try CommandLine.start(
                "yizhan",
                [
                    "volunteer", "redeem", volunteer, "--item", "rice-5kg", "--key", "R-\(index)", "--date",
                    "2021-03-07",
                    "--workspace", workspace.path,
                ],
                in: scratch.url,
                environment: [:]
            )
        }
        var statuses: [Int32] = []
        for process in processes { statuses.append(await process.ended()) }
        #expect(statuses.sorted() == [0, 1])
        let statement = try await yizhan(["volunteer", "passbook", volunteer, "--json"], in: workspace)
        let lines = try JSONSerialization.jsonObject(with: Data(statement.output.utf8)) as? [[String: Any]] ?? []
        #expect(lines.compactMap { $0["balance"] as? Int }.allSatisfy { $0 >= 0 })
        #expect(lines.last?["balance"] as? Int == 1)

        // A retry with the winner's receipt books nothing; the loser's is still short.
        let winner = (statuses.firstIndex(of: 0) ?? 0) + 1
        let retry = try await yizhan(
            ["volunteer", "redeem", volunteer, "--item", "rice-5kg", "--key", "R-\(winner)", "--date", "2021-03-07"],
            in: workspace
        )
        #expect(retry.status == 0 && retry.output.contains("兑换单 R-\(winner) 此前已兑换,未重复扣分"))
        let loser = try await yizhan(
            [
                "volunteer", "redeem", volunteer, "--item", "rice-5kg", "--key", "R-\(3 - winner)", "--date",
                "2021-03-07",
            ],
            in: workspace
        )
        #expect(loser.status == 1 && loser.errors.contains("余额 1 分,未兑换"))

        let certificate = try await yizhan(
            [
                "volunteer", "certificate", volunteer, "--station", "baibu", "--from", "2021-01-01", "--to",
                "2021-12-31",
            ],
            in: workspace
        )
        #expect(certificate.output.contains("参加志愿服务 2 次,累计 11.5 小时"))
        #expect(Double(recorded) / 60 == 11.5)
        #expect(certificate.output.contains("本人签到") && certificate.output.contains("工作人员录入"))
        // 谁记录谁证明, and a person is shown only by their own station: 澉浦 cannot certify (and so
        // reveal) a 百步 volunteer, and no reveal is recorded (issue 21.11).
        let reveals = try await yizhan(["events", "--json", "--limit", "100000"], in: workspace).output
            .components(separatedBy: "personaldata.revealed").count
        let other = try await yizhan(
            [
                "volunteer", "certificate", volunteer, "--station", "ganpu", "--from", "2021-01-01", "--to",
                "2021-12-31",
            ],
            in: workspace
        )
        #expect(other.status == 1 && other.errors.contains("ganpu 登记的人员"))
        #expect(!other.output.contains("陈") && !other.output.contains("1990"))
        let events = try await yizhan(["events", "--json", "--limit", "100000"], in: workspace).output
        #expect(events.components(separatedBy: "personaldata.revealed").count == reveals)
        #expect(events.contains("passbook.booked") && !events.contains("陈志愿") && !events.contains("330424199001010017"))

        // Corrections (issue 21.3): 8.5 hours were 6; 2 of the 8 points go back, but 10 were
        // redeemed and 1 is left, so 1 is taken back and 1 stays spent.
        let corrected = try await yizhan(
            [
                "volunteer", "hours", "correct", attendances[1], "--station", "baibu", "--out", "2021-03-06 14:00",
                "--reason", "签退时间录错",
            ],
            in: workspace
        )
        #expect(corrected.status == 0, "\(corrected.errors)")
        #expect(corrected.output.contains("第 2 版(510 → 360 分钟);积分 -1,余额 0(另有 1 分已兑换,未能扣回)"))
        let elsewhere = try await yizhan(
            ["volunteer", "hours", "void", attendances[0], "--station", "ganpu", "--reason", "不是本站的"],
            in: workspace
        )
        #expect(elsewhere.status == 1 && elsewhere.errors.contains("本站记录的志愿服务时长编号"))
        let voided = try await yizhan(
            ["volunteer", "hours", "void", attendances[0], "--station", "baibu", "--reason", "误记,当天未到场"],
            in: workspace
        )
        #expect(voided.output.contains("不再计入 180 分钟);积分 0,余额 0(另有 3 分已兑换,未能扣回)"))
        let again = try await yizhan(
            ["volunteer", "hours", "void", attendances[0], "--station", "baibu", "--reason", "再次作废"],
            in: workspace
        )
        #expect(again.status == 1 && again.errors.contains("该条已作废"))
        let recertified = try await yizhan(
            [
                "volunteer", "certificate", volunteer, "--station", "baibu", "--from", "2021-01-01", "--to",
                "2021-12-31",
            ],
            in: workspace
        )
        #expect(recertified.output.contains("参加志愿服务 1 次,累计 6 小时"))
        let listed = try await yizhan(["volunteer", "hours", "list", volunteer, "--station", "baibu"], in: workspace)
        #expect(listed.output.contains("共 1 次,360 分钟") && !listed.output.contains(attendances[0]))
        let shown = try await yizhan(
            ["volunteer", "hours", "show", attendances[1], "--station", "baibu"],
            in: workspace
        )
        #expect(shown.output.collapsingSpaces.contains("签退 14:00"))
        #expect(shown.output.contains("check-out, minutes") && shown.output.contains("签退时间录错"))
        let passbook = try await yizhan(["volunteer", "passbook", volunteer], in: workspace).output
        #expect(passbook.collapsingSpaces.contains("2021-03-06 时长更正 -1 0") && passbook.contains("余额 0 分"))
        let logged = try await yizhan(["events", "--json", "--limit", "100000"], in: workspace).output
        #expect(logged.contains("volunteerhours.corrected") && logged.contains("volunteerhours.voided"))
        #expect(!logged.contains("签退时间录错") && !logged.contains("误记"))
    }
}
