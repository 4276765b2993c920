import ArgumentParser
import Logging
import YizhanCommandLine

/// `yizhan-report`: the county summary for the city, the stations' work reports, compliance,
/// evaluations, donation ledgers and volunteers' passbooks.
@main
struct YizhanReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yizhan-report",
        abstract: "驿站报表:县级汇总、社工站工作报告、达标检查、评估、捐赠台账、志愿者积分存折 — Yizhan's report generator.",
        discussion: """
            报表由数据库查询汇总而成,格式可选 Markdown、HTML(单文件,内嵌图表,可 A4 打印)、CSV、JSON、XLSX。
            同样的数据和选项生成逐字节相同的文件(除非加 --stamp 写入生成时间)。
            Reports are aggregated by the database and written as Markdown, HTML (one file with inline
            charts, prints on A4), CSV, JSON or XLSX. The same data and options give a byte-identical
            file unless --stamp adds the time it was made.

            示例 / Examples:
              yizhan-report county --period 2021
              yizhan-report county --period 2021 --format html --output 海盐县汇总.html
              yizhan-report county --period 2021-H1 --format xlsx
              yizhan-report county --period 2021 --format csv --table stations
              yizhan-report county --period 2021 --as-of 2021-06-30 --json
              yizhan-report station baibu --period 2021-Q3 --format html
              yizhan-report compliance --standard wenzhou-2021 --format html
              yizhan-report evaluation --period 2021 --format xlsx
              yizhan-report donations xitangqiao --period 2021 --format csv --table purposes
              yizhan-report passbook VOLUNTEER --period 2021

            不给 --period 时为工作区“今天”所在的年度(演示工作区为 2021 年)。
            Without --period, the year of the workspace's today (2021 in the demo workspace).
            """,
        version: "0.1.0",
        subcommands: [
            CountyCommand.self, StationCommand.self, ComplianceCommand.self, EvaluationCommand.self,
            DonationsCommand.self, PassbookCommand.self, RequestsCommand.self,
        ]
    )

    static func main() async { await runLogging(defaultLevel: .warning) }
}
