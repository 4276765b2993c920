import Foundation
import Testing

/// `yizhan staff` on the demo workspace: the staff's year is in the database (seed 001 §六 figures
/// a county checks), and training, hours and liaisons are recorded with their checks.
struct StaffCommandTests {
    @Test func demoStaffYearAndRecordingTrainingHoursAndLiaisons() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try #require(try await CommandLine.run(["demo", "haiyan"], in: scratch.url).status == 0)
        let workspace = scratch.url.appendingPathComponent("haiyan")
        func yizhan(_ arguments: [String]) async throws -> CommandLine.Result {
            try await CommandLine.run(arguments + ["--workspace", workspace.path], in: scratch.url)
        }

        struct Line: Decodable {
            var id: String
            var certificateNumber: String?
            var trainingClassHours: Int
            var villagePercent: Int?
            var liaisonVillages: [String]
        }
        let county = try await JSONDecoder().decode(
            [Line].self,
            from: Data(try yizhan(["staff", "list", "--year", "2021", "--json"]).output.utf8)
        )
        #expect(county.count == 54)
        #expect(county.filter { $0.certificateNumber != nil }.count == 36)
        // The demo's planned shortfalls (config/demo/haiyan.yaml `staff.gaps`), and nobody else short.
        #expect(county.filter { $0.trainingClassHours < 40 }.map(\.id) == ["qinshan-w6"])
        #expect(county.filter { ($0.villagePercent ?? 0) < 60 }.map(\.id) == ["qinshan-w4"])
        let villages = try await yizhan(["staff", "villages", "--station", "qinshan"])
        #expect(villages.output.contains("330424003008  秦山街道示例社区08  城市社区  无"))
        #expect(villages.output.contains("共 8 个村(社区),1 个尚无定点联系社工"))

        let trained = try await yizhan([
            "staff", "train", "qinshan-w6", "--station", "qinshan", "--date", "2021-12-20", "--hours", "9", "--title",
            "社会救助政策解读", "--external",
        ])
        #expect(trained.status == 0)
        let before = try #require(county.first { $0.id == "qinshan-w6" }?.trainingClassHours)
        #expect(trained.output.contains("已记录培训 9 课时;qinshan-w6 2021 年累计 \(before + 9) 课时"))

        let elsewhere = try await yizhan([
            "staff", "log", "qinshan-w4", "--station", "qinshan", "--date", "2021-12-20", "--minutes", "240",
            "--village",
            "330424102201",
        ])
        #expect(elsewhere.status == 1 && elsewhere.errors.contains("秦山街道社会工作站辖区内已登记的村(社区)"))
        let tooLong = try await yizhan([
            "staff", "log", "qinshan-w4", "--station", "qinshan", "--date", "2021-12-20", "--minutes", "1500",
        ])
        #expect(tooLong.status == 1 && tooLong.errors.contains("1 至 1440 分钟"))
        let logged = try await yizhan([
            "staff", "log", "qinshan-w4", "--station", "qinshan", "--date", "2021-12-20", "--minutes", "240",
            "--village",
            "330424003008",
        ])
        #expect(logged.output.contains("已记录 2021-12-20 在 330424003008 工作 240 分钟"))

        let assigned = try await yizhan([
            "staff", "liaison", "qinshan-w5", "--station", "qinshan", "--village", "330424003008", "--date",
            "2021-12-01",
        ])
        #expect(assigned.output.contains("qinshan-w5 自 2021-12-01 起定点联系 330424003008"))
        let twice = try await yizhan([
            "staff", "liaison", "qinshan-w5", "--station", "qinshan", "--village", "330424003008", "--date",
            "2021-12-02",
        ])
        #expect(twice.status == 1 && twice.errors.contains("该社工尚未定点联系的村(社区)"))
        await #expect(try yizhan(["staff", "villages", "--station", "qinshan"]).output.contains("0 个尚无定点联系社工"))
        let ended = try await yizhan([
            "staff", "liaison", "qinshan-w5", "--station", "qinshan", "--village", "330424003008", "--date",
            "2021-12-31",
            "--end",
        ])
        #expect(ended.output.contains("qinshan-w5 对 330424003008 的定点联系已于 2021-12-31 结束"))

        let events = try await yizhan(["events", "--json", "--limit", "100000"]).output
        #expect(events.components(separatedBy: "\"staff.trained\"").count - 1 == 323)
        #expect(events.components(separatedBy: "\"liaison.assigned\"").count - 1 > 70)
        for name in ["示例社工秦山06", "示例证书"] { #expect(!events.contains(name)) }
    }
}
