import ArgumentParser
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

    func run() async throws {
        try await options.withStore { workspace, store in
            let code = try county.map { try DivisionCode($0) } ?? workspace.file.county
            try await report.make(.county(code), from: store, in: workspace, options: options)
        }
    }
}
