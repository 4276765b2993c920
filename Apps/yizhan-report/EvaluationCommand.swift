import ArgumentParser
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan-report evaluation`: a year's mid-term and final evaluations, points and rectifications.
struct EvaluationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluation",
        abstract: "评估报表:中期、末期评估的总分、各指标得分与整改事项 / the evaluation report",
        discussion: """
            年度取 --period 所在年(默认工作区今天所在年);整改状态与未提交评估的数据得分按 --as-of(默认
            工作区的今天)计算。
            The year is --period's (default: the workspace's today's); rectification states and the
            live data scores of open evaluations stand at --as-of (default: the workspace's today).

            表格 / tables (CSV --table): evaluations, scores, rectifications
            """
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var scope: ScopeOptions

    @Option(help: "评估方案(config/evaluations/ 下的文件名) / the indicator scheme")
    var scheme = "wenzhou-2021"

    func run() async throws {
        try await options.withStore { workspace, store in
            let file = try ShippedConfig.scheme(id: scheme)
            try await report.make(
                .evaluation(file, try scope.scope(in: workspace)),
                from: store,
                in: workspace,
                options: options
            )
        }
    }
}
