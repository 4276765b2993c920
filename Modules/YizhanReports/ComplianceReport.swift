public import YizhanCompliance
public import YizhanConfig
public import YizhanKernel

/// The compliance report: every station of a scope checked against a construction standard as it
/// stands on a day — a count per station, then each rule's result, measure, requirement and evidence.
public struct ComplianceReport: Sendable {
    /// The standard checked.
    public var standard: StandardFile
    /// The year up to the day checked.
    public var period: CivilPeriod
    /// Every rule's result: station rules per station, then county rules per county.
    public var results: [RuleResult]

    /// Checks the stations of `scope` against `standard` on `day`, over the year up to it.
    ///
    /// - Throws: `ComplianceError` for a rule naming an unknown metric; `ReportError.noStations`
    ///   when the scope holds none; store errors as they come.
    public static func build(
        from store: some StationStore,
        standard: StandardFile,
        scope: Scope,
        on day: CivilDate
    ) async throws -> ComplianceReport {
        let check = try StandardCheck(standard)
        let period = try CivilPeriod(start: try CivilDate(year: day.year, month: 1, day: 1), end: day)
        let facts = try await StationFacts.gather(from: store, scope: scope, period: period)
        guard !facts.isEmpty else { throw ReportError.noStations(scope.description) }
        return ComplianceReport(standard: standard, period: period, results: try check.results(for: facts, on: day))
    }

    /// The report as a document: the count per subject with a chart, then every result.
    public func document(in language: Language) -> ReportDocument {
        let zh = language == .zhHans
        let text = language.pick
        func subject(_ result: RuleResult) -> String {
            if let station = result.station { return zh ? station.name : station.id.rawValue }
            return text("全县 ", "county ") + (result.county.map { String($0.significantPrefix) } ?? "")
        }
        var subjects: [String] = []
        for result in results where !subjects.contains(subject(result)) { subjects.append(subject(result)) }
        func count(_ outcome: ComplianceOutcome, of name: String?) -> Int {
            results.filter { (name == nil || subject($0) == name) && $0.outcome == outcome }.count
        }
        let summary = ReportTable(
            id: "summary",
            title: text("各对象达标情况", "Results by subject"),
            columns: [
                ReportColumn("subject", text("对象", "subject"), .text), ReportColumn("pass", text("达标", "pass")),
                ReportColumn("fail", text("未达标", "fail")), ReportColumn("notApplicable", text("不适用", "n/a")),
            ],
            rows: subjects.map { name in
                [
                    .text(name), .integer(count(.pass, of: name)), .integer(count(.fail, of: name)),
                    .integer(count(.notApplicable, of: name)),
                ]
            },
            totals: [
                .text(text("合计", "Total")), .integer(count(.pass, of: nil)), .integer(count(.fail, of: nil)),
                .integer(count(.notApplicable, of: nil)),
            ]
        )
        let detail = ReportTable(
            id: "results",
            title: text("逐条结果", "Every result"),
            columns: [
                ReportColumn("subject", text("对象", "subject"), .text), ReportColumn("rule", text("规则", "rule"), .text),
                ReportColumn("outcome", text("结果", "result"), .text),
                ReportColumn("measured", text("实测", "measured"), .text),
                ReportColumn("required", text("要求", "required"), .text),
                ReportColumn("evidence", text("证据", "evidence"), .text),
                ReportColumn("source", text("依据", "source"), .text),
            ],
            rows: results.map { result in
                [
                    .text(subject(result)), .text(result.rule.name), .text(result.outcome.label(in: language)),
                    .text(result.measured.text(in: language)), .text(result.required.text(in: language)),
                    result.evidence.isEmpty
                        ? .empty
                        : .text(result.evidence.map { $0.text.text(in: language) }.joined(separator: zh ? "、" : "; ")),
                    .text(result.rule.source),
                ]
            }
        )
        let failing = results.filter { $0.outcome == .fail }
        return ReportDocument(
            kind: .compliance,
            language: language,
            title: text("\(standard.name)达标检查", "\(standard.name): compliance check"),
            subtitle: text(
                "\(standard.id) · 截至 \(period.end) · 达标 \(count(.pass, of: nil)),未达标 \(failing.count)",
                "\(standard.id) · as of \(period.end) · \(count(.pass, of: nil)) pass, \(failing.count) fail"
            ),
            period: period,
            sections: [
                ReportSection(
                    id: "summary",
                    title: text("概况", "Overview"),
                    note: text(
                        "按当年 1 月 1 日至检查日的记录计算;规则与出处见标准文件 config/standards/\(standard.id).yaml。",
                        "Measured over the year up to the day checked; the rules and their sources are in config/standards/\(standard.id).yaml."
                    ),
                    blocks: [
                        .chart(
                            ReportChart(
                                id: "failures-by-subject",
                                title: text("各对象未达标项数", "Failing rules by subject"),
                                style: .bars,
                                table: "summary",
                                labelColumn: "subject",
                                valueColumn: "fail"
                            )
                        ),
                        .table(summary),
                    ]
                ),
                ReportSection(
                    id: "results",
                    title: text("逐条结果", "Results"),
                    note: text(
                        "证据列出未达标的社工(工作人员)与村(社区),不含服务对象的个人信息。",
                        "Evidence names the workers (staff) and villages that fall short, never a client's personal data."
                    ),
                    blocks: [.table(detail)]
                ),
            ]
        )
    }
}
