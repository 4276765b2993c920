import ArgumentParser
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan-report compliance`: stations checked against a construction standard, with evidence.
struct ComplianceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compliance",
        abstract: "达标检查报表:按建设标准逐站逐条列出结果、实测、要求与证据 / the compliance report",
        discussion: """
            检查日:--as-of 给出的日期,否则 --period 的最后一天,否则工作区的今天(演示工作区为 2021-12-31);
            按当年 1 月 1 日至检查日的记录计算。报表只读,不记录检查结果(记录用 yizhan check)。
            The day checked is --as-of, else the end of --period, else the workspace's today; the
            figures cover the year up to it. The report records nothing (yizhan check does).

            表格 / tables (CSV --table): summary, results
            """
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var scope: ScopeOptions

    @Option(help: "标准标识(config/standards/ 下的文件名) / the standard's id")
    var standard = "wenzhou-2021"

    @Option(help: "标准文件路径(代替 --standard) / a standard file instead")
    var standardFile: String?

    func run() async throws {
        try await options.withStore { workspace, store in
            guard let file = try ShippedConfig.standards(id: standard, file: standardFile).first else { return }
            try await report.make(
                .compliance(file, try scope.scope(in: workspace)),
                from: store,
                in: workspace,
                options: options
            )
        }
    }
}
