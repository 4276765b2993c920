import ArgumentParser
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan-report requests [--station ID]`: the three rates of residents' requests.
struct RequestsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requests",
        abstract: "居民诉求办理情况:各社工站、村(社区)与月份的响应率、解决率、满意率 / residents' request rates",
        discussion: """
            响应率 = 首次受理在受理时限内的诉求 ÷ 登记的诉求;解决率 = 已办结 ÷ 登记;满意率 = 满意与基本满意 ÷ 已评价。
            时限来自 yizhan.yaml 的 requests:(省略时用内置规则)。只有计数,不含诉求内容与居民信息。
            表格 / tables (CSV --table): request-rates, by-village-month
            """
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var report: ReportOptions

    @Option(help: "只看该社工站 / only this station") var station: String?

    func run() async throws {
        try await options.withStore { workspace, store in
            let scope: Scope
            let name: String
            if let station {
                guard let id = try? StationID(station), try await store.station(id) != nil else {
                    throw ReportError.unknownStation(station)
                }
                scope = .station(id)
                name = id.rawValue
            } else {
                scope = .within(workspace.file.county)
                name = String(workspace.file.county.significantPrefix)
            }
            let policy = try ShippedConfig.requestPolicy(enabledIn: workspace.file)
            try await report.make(.requests(scope, policy, name: name), from: store, in: workspace, options: options)
        }
    }
}
