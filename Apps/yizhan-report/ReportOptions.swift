public import ArgumentParser
import Foundation
import YizhanBrands
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
public import YizhanReports
import YizhanRuntime

/// The options every report takes: period, as-of day, format and where to write.
struct ReportOptions: ParsableArguments {
    @Option(help: "时间段:2021、2021-H1、2021-Q3、2021-11 或 2021-03-01..2021-09-30(默认今年) / the period")
    var period: String?

    @Option(name: .customLong("as-of"), help: "按该日日终的数据出报表(此后补录的记录不计入) / figures as they stood at the end of this day")
    var asOf: String?

    @Option(help: "格式:md(默认)、html、csv、json、xlsx / the format")
    var format: ReportFormat?

    @Option(help: "CSV 输出哪张表(默认第一张) / for CSV, the table to write")
    var table: String?

    @Option(name: [.short, .long], help: "输出文件(默认:md/csv/json 打印到屏幕,html/xlsx 写入当前目录) / the file to write")
    var output: String?

    @Flag(help: "在报表中写入生成时间(否则同样的数据生成相同的文件) / print the time the report was made")
    var stamp = false

    /// The `--as-of` day and the last instant of it, if given.
    func asOfDay() throws -> (day: CivilDate, instant: Date)? {
        guard let asOf else { return nil }
        let day = try CivilDate(ledgerText: asOf)
        return (day, day.adding(days: 1).startInShanghai.addingTimeInterval(-0.001))
    }

    /// The query for `subject` with these options' period and as-of day.
    func query(_ subject: ReportQuery.Subject) throws -> ReportQuery {
        ReportQuery(subject, period: try period.map { try ReportPeriod(parsing: $0) }, asOf: try asOfDay()?.day)
    }

    /// Builds the report `subject` names over `store` and writes it where the options say.
    func make(
        _ subject: ReportQuery.Subject,
        from store: any StationStore,
        in workspace: Workspace,
        options: GlobalOptions,
        approval: ApprovalStates.Request? = nil
    ) async throws {
        var query = try query(subject)
        query.approval = approval
        query.requestPolicy = try ShippedConfig.requestPolicy(enabledIn: workspace.file)
        let (document, name) = try await query.build(
            from: store,
            plugins: try BrandCatalog.registry(for: workspace),
            today: workspace.today,
            in: options.language
        )
        try write(document, json: options.json, language: options.language, defaultName: name)
    }

    /// Renders `document` and writes it where the options say; prints the path of a written file.
    func write(_ document: ReportDocument, json: Bool, language: Language, defaultName: String) throws {
        var document = document
        if stamp { document.generatedAt = Date() }
        let chosen = json ? .json : (format ?? .markdown)
        let data = try ReportRenderer.render(document, as: chosen, table: table)
        let path = output ?? ([.html, .xlsx].contains(chosen) ? "\(defaultName).\(chosen.fileExtension)" : nil)
        guard let path else {
            FileHandle.standardOutput.write(data)
            return
        }
        let file = OutputFile(path)
        try file.write(data)
        guard !file.isStandardOutput else { return }
        Terminal.out(language == .zhHans ? "已写入 \(path)(\(data.count) 字节)" : "wrote \(path) (\(data.count) bytes)")
    }
}

extension ReportFormat: ExpressibleByArgument {}

/// Which stations a report covers: one station, a division, or the workspace's county.
struct ScopeOptions: ParsableArguments {
    @Option(help: "只含该社工站 / only this station") var station: String?
    @Option(help: "只含该区划(县、市、省的代码;默认工作区的县) / only this division") var county: String?

    /// The scope asked for.
    func scope(in workspace: Workspace) throws -> Scope {
        if let station { return .station(try InputError.stationID(station)) }
        guard let county else { return .within(workspace.file.county) }
        guard let code = try? DivisionCode(county) else {
            throw InputError.single(
                .invalidFormat,
                "county",
                county,
                "6 或 12 位区划代码,如 330424",
                "a 6- or 12-digit division code"
            )
        }
        return .within(code)
    }
}
