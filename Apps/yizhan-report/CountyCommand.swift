import ArgumentParser
import YizhanApproval
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan-report county`: the county summary for the city.
struct CountyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "county",
        abstract: "县级汇总(报市):每站一行加合计 / the county summary for the city, a row per station plus totals",
        discussion: """
            表格 / tables (CSV --table): headline, stations, months, kinds, resources, donors
            """
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var report: ReportOptions

    @Option(help: "区划代码(默认工作区的县) / the division, by default the workspace's county")
    var county: String?

    @Option(
        help: "显示各站在该审核流程中的状态(默认按 --period 选取周期相符的流程) / the approval workflow whose states to show"
    )
    var workflow: String?

    @Flag(
        name: .customLong("approved-only"),
        help: "只计入已审核(或已接收)的社工站,未审核的标明缺失 / count only approved stations, mark the others missing"
    )
    var approvedOnly = false

    func run() async throws {
        try await options.withStore { workspace, store in
            let code = try county.map { try DivisionCode($0) } ?? workspace.file.county
            let days = try report.query(.county(code)).period?.range ?? CivilPeriod.year(workspace.today.year)
            let approval = try ApprovalStates.Request.choose(
                workflow,
                approvedOnly: approvedOnly,
                days: days,
                among: try ShippedConfig.approvalWorkflows(enabledIn: workspace.file)
            )
            try await report.make(.county(code), from: store, in: workspace, options: options, approval: approval)
        }
    }
}
