import Foundation
import Testing
import YizhanConfig
import YizhanKernel

struct TemplateRolloutTests {
    /// Issue 4: a roll-out of a changed template keeps a station's own programs and additions.
    @Test func rollingOutANewVersionKeepsStationsOwnAdditions() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-rollout-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: configFolder, to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        // A township without a station; a station with its own optional sub-project and target.
        let divisions = root.appendingPathComponent("divisions/330424-haiyan.yaml")
        try Data(
            (try String(contentsOf: divisions, encoding: .utf8)
                + "  - code: \"330424106\"\n    name: 测试镇\n    villages:\n      - { code: \"330424106201\", name: 测试镇示例村01 }\n")
                .utf8
        ).write(to: divisions)
        let ganpu = root.appendingPathComponent("stations/haiyan/ganpu.yaml")
        let own =
            try String(contentsOf: ganpu, encoding: .utf8)
            .replacingOccurrences(
                of: "      - { id: ganpu-optional1,",
                with: "      - { id: ganpu-optional2, name: 澉爱·邻里, slot: optional }\n      - { id: ganpu-optional1,"
            )
            + "indicators:\n  - { id: servicePersonTimes, atLeast: 2600 }\n"
        try Data(own.utf8).write(to: ganpu)
        // Version 2 of the template adds a required indicator.
        let template = root.appendingPathComponent("templates/haiyan-123n.yaml")
        let indicator =
            "  - { id: volunteerHours, name: 志愿服务时长, unit: 小时, period: year, atLeast: 300, required: true, overridable: true }\n"
        let text = try String(contentsOf: template, encoding: .utf8).replacingOccurrences(
            of: "version: 1",
            with: "version: 2"
        )
        try Data(text.replacingOccurrences(of: "\nfields:\n", with: "\n\(indicator)fields:\n").utf8).write(to: template)
        let before = try Dictionary(
            uniqueKeysWithValues: FileManager.default.contentsOfDirectory(
                atPath: root.appendingPathComponent("stations/haiyan").path
            )
            .map { ($0, try Data(contentsOf: root.appendingPathComponent("stations/haiyan/\($0)"))) }
        )

        let report = try TemplateRollout.rollout(
            template: "haiyan-123n",
            county: try DivisionCode("330424"),
            in: root,
            write: true
        )

        #expect(report.template.version == 2)
        #expect(report.created == ["stations/haiyan/station-330424106.yaml"])
        for (name, data) in before {
            #expect(
                try Data(contentsOf: root.appendingPathComponent("stations/haiyan/\(name)")) == data,
                "\(name) was rewritten"
            )
        }
        let validation = ConfigValidator.validate([root], relativeTo: root)
        #expect(validation.problems.map { $0.message(in: .en) } == [])
        #expect(validation.stations.count == 10)
        let created = try #require(validation.stations.first { $0.id.rawValue == "station-330424106" })
        #expect(created.extends == "haiyan-123n" && created.programs.first?.subProjects.count == 6)
        let ganpuReport = try #require(report.stations.first { $0.station == "ganpu" })
        #expect(ganpuReport.problems.isEmpty)
        #expect(ganpuReport.indicators.first { $0.id == "servicePersonTimes" }?.atLeast == 2600)
        #expect(ganpuReport.indicators.first { $0.id == "volunteerHours" }?.atLeast == 300)
        let kept = try #require(validation.stations.first { $0.id.rawValue == "ganpu" })
        #expect(kept.programs.first?.subProjects.contains { $0.id.rawValue == "ganpu-optional2" } == true)
        #expect(report.stations.count == 10)
    }

    @Test func namesAnUnknownTemplate() {
        let errors = #expect(throws: ConfigErrors.self) {
            try TemplateRollout.rollout(
                template: "haiyan-999",
                county: try DivisionCode("330424"),
                in: configFolder,
                write: false
            )
        }
        #expect(errors?.problems.first?.message(in: .en).contains("no template 'haiyan-999'") == true)
    }
}
