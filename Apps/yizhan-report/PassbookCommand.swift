import ArgumentParser
import YizhanCommandLine
import YizhanKernel
import YizhanPrivacy
import YizhanReports
import YizhanRuntime

/// `yizhan-report passbook V`: one volunteer's hours and points over a period.
struct PassbookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passbook",
        abstract: "志愿者积分存折:服务时长与积分明细(姓名脱敏) / a volunteer's passbook statement",
        discussion: """
            表格 / tables (CSV --table): summary, hours, points
            """
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var report: ReportOptions

    @Argument(help: "志愿者编号(yizhan volunteer list 可查) / the volunteer's id")
    var volunteer: String

    func run() async throws {
        try await options.withStore { workspace, store in
            guard let id = try? VolunteerID(volunteer), let found = try await store.volunteer(id) else {
                throw ReportError.unknownVolunteer(volunteer)
            }
            let period = try report.reportPeriod(in: workspace)
            var name = "—"
            if found.personal != nil { name = try await workspace.vault(for: store).open(found)?.maskedName ?? "—" }
            let built = try await PassbookStatement.build(
                from: store,
                volunteer: found,
                maskedName: name,
                period: period.range
            )
            try report.write(
                built.document(in: options.language, period: period),
                json: options.json,
                language: options.language,
                defaultName: "passbook-\(id)-\(period)"
            )
        }
    }
}
