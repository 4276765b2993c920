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
            var name = "—"
            if found.personal != nil { name = try await workspace.vault(for: store).open(found)?.maskedName ?? "—" }
            try await report.make(.passbook(found, maskedName: name), from: store, in: workspace, options: options)
        }
    }
}
