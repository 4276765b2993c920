import ArgumentParser
import YizhanCommandLine
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan-report station ID`: a station's work report.
struct StationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "station",
        abstract: "社工站工作报告 / a station's work report",
        discussion: """
            表格 / tables (CSV --table): headline, subprojects, months, kinds, indicators, clients, cases,
            volunteering, donations, resources, funds (and the brand plugins' tables)
            """
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var report: ReportOptions

    @Argument(help: "社工站标识,如 baibu(yizhan station list 可查) / the station's id")
    var station: String

    func run() async throws {
        try await options.withStore { workspace, store in
            guard let id = try? StationID(station) else { throw ReportError.unknownStation(station) }
            try await report.make(.station(id), from: store, in: workspace, options: options)
        }
    }
}
