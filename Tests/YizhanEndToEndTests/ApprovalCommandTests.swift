import Foundation
import Testing

/// `yizhan approval` and `yizhan-report county` on the demo workspace (issue 25): the nine stations
/// submit November, the county returns one with a reason, the station corrects a record and
/// resubmits, the county approves all nine and the city accepts; the report then counts the
/// approved figures and its digests are the approval events'.
struct ApprovalCommandTests {
    static let stations = [
        "wuyuan", "xitangqiao", "qinshan", "wanghai", "shendang", "baibu", "yucheng", "ganpu", "tongyuan",
    ]

    @Test func nineStationsRiseToTheCityAndTheReportCountsWhatWasApproved() async throws {
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
        func step(
            _ action: String,
            _ station: String,
            as login: String,
            reason: String? = nil
        ) async throws
            -> CommandLine.Result
        {
            try await yizhan(
                [
                    "approval", action, "--workflow", "haiyan-month", "--period", "2021-11", "--station", station,
                    "--as", login,
                ]
                    + (reason.map { ["--reason", $0] } ?? [])
            )
        }
        // The heads of the other eight stations and a city account (Jiaxing, 3304).
        for station in Self.stations where station != "baibu" {
            let added = try await yizhan([
                "user", "add", "\(station).head", "--name", "站长", "--grant", "stationHead@\(station)",
                "--generate-password",
            ])
            try #require(added.status == 0, "\(added.errors)")
        }
        let city = try await yizhan([
            "user", "add", "city.admin", "--name", "市民政局", "--grant", "countyAdmin@3304", "--generate-password",
        ])
        try #require(city.status == 0, "\(city.errors)")

        // A social worker cannot submit; the county cannot approve what is not submitted.
        let worker = try await step("submit", "baibu", as: "baibu.worker")
        #expect(worker.status == 1 && worker.errors.contains("提交须由社工站进行"))
        let early = try await step("approve", "baibu", as: "county.admin")
        #expect(early.status == 1 && early.errors.contains("当前状态为未提交,不能审核通过"))

        for station in Self.stations {
            let submitted = try await step("submit", station, as: "\(station).head")
            #expect(submitted.status == 0, "\(submitted.errors)")
            #expect(submitted.output.contains("未提交 → 已提交"))
        }

        // November is locked at 百步: a new record and a correction are refused, nothing written.
        let november = try await yizhan([
            "record", "list", "--station", "baibu", "--from", "2021-11-01", "--to", "2021-11-30", "--limit", "1",
            "--json",
        ])
        let records = try JSONSerialization.jsonObject(with: Data(november.output.utf8)) as? [[String: Any]]
        let record = try #require(records?.first?["id"] as? String)
        let eventsBefore = try await yizhan(["events", "--limit", "1", "--json"]).output
        let refused = try await yizhan([
            "record", "add", "--station", "baibu", "--kind", "走访", "--date", "2021-11-05", "--duration", "45",
            "--head-count", "2",
        ])
        #expect(refused.status == 1)
        #expect(refused.errors.contains("2021 年 11 月服务记录已锁定(haiyan-month:已提交"))
        #expect(
            refused.errors.contains("yizhan approval return --workflow haiyan-month --period 2021-11 --station baibu")
        )
        let correction = try await yizhan([
            "record", "correct", record, "--station", "baibu", "--duration", "30", "--reason", "时长录错",
        ])
        #expect(correction.status == 1 && correction.errors.contains("已锁定"))
        #expect(try await yizhan(["events", "--limit", "1", "--json"]).output == eventsBefore)

        // The county returns 百步 with a reason; the station corrects and resubmits.
        let noReason = try await step("return", "baibu", as: "county.admin")
        #expect(noReason.status == 1 && noReason.errors.contains("退回须写明原因"))
        let returned = try await step("return", "baibu", as: "county.admin", reason: "11 月个案时长偏长,请核对")
        #expect(returned.status == 0 && returned.output.contains("已提交 → 未提交"))
        let corrected = try await yizhan([
            "record", "correct", record, "--station", "baibu", "--duration", "30", "--reason", "时长录错",
        ])
        #expect(corrected.status == 0, "\(corrected.errors)")
        #expect(try await step("submit", "baibu", as: "baibu.head").status == 0)
        let history = try await yizhan([
            "approval", "history", "--workflow", "haiyan-month", "--period", "2021-11", "--station", "baibu",
        ])
        #expect(history.output.contains("11 月个案时长偏长,请核对") && history.output.contains("county.admin"))

        // Before the county approves, an approved-only report counts nobody and marks all nine missing.
        let none = try await yizhan(
            ["county", "--period", "2021-11", "--approved-only", "--format", "csv", "--table", "approvals"],
            executable: "yizhan-report"
        )
        #expect(none.output.components(separatedBy: "未计入(未审核)").count - 1 == 9)
        let headline = try await yizhan(
            ["county", "--period", "2021-11", "--approved-only", "--format", "csv", "--table", "headline"],
            executable: "yizhan-report"
        )
        #expect(headline.output.contains("服务人次,0"))

        // The county approves all nine; the city accepts them.
        for station in Self.stations {
            #expect(try await step("approve", station, as: "county.admin").status == 0)
        }
        let countyAccepts = try await step("accept", "baibu", as: "county.admin")
        #expect(countyAccepts.status == 1 && countyAccepts.errors.contains("接收须由市级进行"))
        for station in Self.stations {
            #expect(try await step("accept", station, as: "city.admin").status == 0)
        }
        let status = try await yizhan(["approval", "status", "--workflow", "haiyan-month", "--period", "2021-11"])
        #expect(status.output.contains("共 9 站:未提交 0,已提交 0,已审核 0,已接收 9"))

        // The report counts only approved figures, and it is the plain one; made twice, it is the same bytes.
        let plain = try await yizhan(["county", "--period", "2021-11", "--json"], executable: "yizhan-report")
        let approved = try await yizhan(
            ["county", "--period", "2021-11", "--approved-only", "--json"],
            executable: "yizhan-report"
        )
        let again = try await yizhan(
            ["county", "--period", "2021-11", "--approved-only", "--json"],
            executable: "yizhan-report"
        )
        #expect(plain.status == 0 && approved.status == 0)
        #expect(approved.output == again.output)
        #expect(try Self.withoutApprovalNote(approved.output) == Self.withoutApprovalNote(plain.output))

        // Every digest in the report is the one the city accepted.
        let document = try JSONSerialization.jsonObject(with: Data(approved.output.utf8)) as? [String: Any]
        let sections = document?["sections"] as? [[String: Any]] ?? []
        let table = (sections.first { $0["id"] as? String == "approvals" }?["blocks"] as? [[String: Any]])?.first
        let rows = table?["rows"] as? [[String: String]] ?? []
        #expect(rows.count == 9 && rows.allSatisfy { $0["counted"] == "计入" && $0["matches"] == "一致" })
        let events = try await yizhan(["events", "--after", "0", "--limit", "100000", "--json"])
        let stored = try JSONSerialization.jsonObject(with: Data(events.output.utf8)) as? [[String: Any]] ?? []
        var accepted: [String: String] = [:]
        for entry in stored {
            guard let event = entry["event"] as? [String: Any], event["type"] as? String == "approval.accepted",
                let station = event["station"] as? String, let payload = event["payload"] as? String,
                let fields = try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any]
            else { continue }
            #expect(!payload.contains("偏长"))
            accepted[station] = fields["digest"] as? String
        }
        #expect(accepted.count == 9)
        #expect(
            Dictionary(uniqueKeysWithValues: rows.compactMap { row in row["stationId"].map { ($0, row["digest"]) } })
                == accepted
        )
    }

    /// The report's JSON with the approval section's note (which says whether only approved
    /// stations were counted) taken out.
    static func withoutApprovalNote(_ json: String) throws -> Data {
        var document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
        var sections = document["sections"] as? [[String: Any]] ?? []
        for index in sections.indices where sections[index]["id"] as? String == "approvals" {
            sections[index]["note"] = nil
        }
        document["sections"] = sections
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
    }
}
