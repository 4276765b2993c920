import ArgumentParser
import Logging
import YizhanCommandLine

/// `yizhan-report`: the county summary for the city and the stations' work reports.
@main
struct YizhanReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yizhan-report",
        abstract: "驿站报表:县级汇总、社工站工作报告 — Yizhan's report generator.",
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
            """,
        version: "0.1.0",
        subcommands: [CountyCommand.self, StationCommand.self]
    )

    static func main() async { await runLogging(defaultLevel: .warning) }
}
