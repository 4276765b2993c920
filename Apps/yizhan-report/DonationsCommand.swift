import ArgumentParser
import YizhanCommandLine
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan-report donations STATION`: the station's donation ledger for a period.
struct DonationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "donations",
        abstract: "捐赠台账:逐笔捐赠与按项目汇总(个人捐赠记为“公众”) / a station's donation ledger",
        discussion: """
            表格 / tables (CSV --table): purposes, gifts
            """
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var report: ReportOptions

    @Argument(help: "社工站标识,如 xitangqiao / the station's id")
    var station: String

    func run() async throws {
        try await options.withStore { workspace, store in
            guard let id = try? StationID(station) else { throw ReportError.unknownStation(station) }
            try await report.make(.donations(id), from: store, in: workspace, options: options)
        }
    }
}
