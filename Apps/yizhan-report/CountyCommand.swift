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
            let approval = try approvalRequest(
                for: days,
                among: try ShippedConfig.approvalWorkflows(enabledIn: workspace.file)
            )
            try await report.make(.county(code), from: store, in: workspace, options: options, approval: approval)
        }
    }

    /// The workflow whose states the summary shows: the one named, else the one whose period is
    /// exactly the report's; `nil` when none is and none was asked for.
    ///
    /// - Throws: `ApprovalError` for an unknown workflow; `ReportError` when the report's period is
    ///   not one of the workflow's (with `--approved-only`, or a named workflow).
    func approvalRequest(for days: CivilPeriod, among workflows: [ApprovalWorkflow]) throws -> ApprovalStates.Request? {
        let chosen: ApprovalWorkflow?
        if let workflow {
            guard let named = workflows.first(where: { $0.id == workflow }) else {
                throw ApprovalError.unknownWorkflow(workflow, known: workflows.map(\.id))
            }
            chosen = named
        } else {
            chosen = workflows.first { ApprovalPeriod.exactly(days, type: $0.periodType) != nil }
        }
        guard let chosen, let period = ApprovalPeriod.exactly(days, type: chosen.periodType) else {
            guard approvedOnly || workflow != nil else { return nil }
            throw ReportError.notAnApprovalPeriod(workflows)
        }
        return ApprovalStates.Request(workflow: chosen, period: period, approvedOnly: approvedOnly)
    }
}
