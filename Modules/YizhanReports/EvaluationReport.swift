public import YizhanCompliance
public import YizhanConfig
public import YizhanKernel

/// The evaluation report: a year's mid-term and final evaluations under one scheme — totals, every
/// indicator's self and third-party points, and the rectification items with their state.
public struct EvaluationReport: Sendable {
    /// The scheme.
    public var scheme: EvaluationFile
    /// The year.
    public var year: Int
    /// The day the report stands at (for a rectification's state and live data scores).
    public var day: CivilDate
    /// The stations' names by id.
    public var stationNames: [StationID: String]
    /// Each evaluation's sheet, by station name then period.
    public var sheets: [EvaluationWork.Sheet]

    /// Reads the `year` evaluations under `scheme` of the stations in `scope`, as they stand on `day`.
    public static func build(
        from store: any StationStore,
        scheme: EvaluationFile,
        scope: Scope,
        year: Int,
        on day: CivilDate
    ) async throws -> EvaluationReport {
        let stations = try await store.stations(in: scope)
        let work = EvaluationWork(store: store, scheme: scheme, actor: .cli)
        var sheets: [EvaluationWork.Sheet] = []
        for evaluation in try await store.evaluations(in: scope, year: year) where evaluation.scheme == scheme.id {
            sheets.append(try await work.sheet(evaluation.id.rawValue, on: day))
        }
        let order = Dictionary(stations.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        sheets.sort {
            (order[$0.evaluation.station] ?? .max, $0.evaluation.period == .final ? 1 : 0)
                < (order[$1.evaluation.station] ?? .max, $1.evaluation.period == .final ? 1 : 0)
        }
        return EvaluationReport(
            scheme: scheme,
            year: year,
            day: day,
            stationNames: Dictionary(stations.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }),
            sheets: sheets
        )
    }

    /// The report as a document: the evaluations, every indicator's points, the rectifications.
    public func document(in language: Language, period: CivilPeriod) -> ReportDocument {
        let zh = language == .zhHans
        let text = language.pick
        func station(_ id: StationID) -> ReportValue { .text(zh ? stationNames[id] ?? id.rawValue : id.rawValue) }
        func points(_ value: Points?) -> ReportValue { value.map { .tenths($0.tenths) } ?? .empty }
        let evaluations = ReportTable(
            id: "evaluations",
            title: text("评估情况", "Evaluations"),
            columns: [
                ReportColumn("station", text("社工站", "station"), .text),
                ReportColumn("period", text("评估", "evaluation"), .text),
                ReportColumn("opened", text("开启", "opened"), .text),
                ReportColumn("submitted", text("提交", "submitted"), .text),
                ReportColumn("selfTotal", text("自评总分", "self total"), .decimal),
                ReportColumn("thirdPartyTotal", text("第三方总分", "third-party total"), .decimal),
            ],
            rows: sheets.map { sheet in
                let evaluation = sheet.evaluation
                return [
                    station(evaluation.station), .text(evaluation.period.label(in: language)),
                    .text(evaluation.openedOn.description),
                    .text(evaluation.submittedOn?.description ?? text("未提交", "not submitted")),
                    points(evaluation.isSubmitted ? sheet.total(by: .selfAssessment, in: scheme) : nil),
                    points(evaluation.isSubmitted ? sheet.total(by: .thirdParty, in: scheme) : nil),
                ]
            }
        )
        var scoreRows: [[ReportValue]] = []
        for sheet in sheets {
            for group in scheme.indicators {
                for indicator in group.indicators {
                    scoreRows.append([
                        station(sheet.evaluation.station), .text(sheet.evaluation.period.label(in: language)),
                        .text(group.name), .text(indicator.name), .integer(indicator.points),
                        .text(indicator.metric == nil ? text("人工", "by hand") : text("数据", "from data")),
                        points(sheet.points(indicator, by: .selfAssessment)),
                        points(sheet.points(indicator, by: .thirdParty)),
                    ])
                }
            }
        }
        let scores = ReportTable(
            id: "scores",
            title: text("各指标得分", "Points by indicator"),
            columns: [
                ReportColumn("station", text("社工站", "station"), .text),
                ReportColumn("period", text("评估", "evaluation"), .text),
                ReportColumn("group", text("一级指标", "group"), .text),
                ReportColumn("indicator", text("指标", "indicator"), .text),
                ReportColumn("points", text("分值", "points")),
                ReportColumn("scoredBy", text("计分", "scored"), .text),
                ReportColumn("self", text("自评", "self"), .decimal),
                ReportColumn("thirdParty", text("第三方", "third party"), .decimal),
            ],
            rows: scoreRows
        )
        let items = sheets.flatMap(\.rectifications)
        let rectifications = ReportTable(
            id: "rectifications",
            title: text("整改事项", "Rectifications"),
            columns: [
                ReportColumn("station", text("社工站", "station"), .text),
                ReportColumn("item", text("事项", "item"), .text),
                ReportColumn("indicator", text("指标", "indicator"), .text),
                ReportColumn("owner", text("责任社工", "owner"), .text),
                ReportColumn("raised", text("提出", "raised"), .text), ReportColumn("due", text("期限", "due"), .text),
                ReportColumn("state", text("状态", "state"), .text),
            ],
            rows: items.map { item in
                let state: String =
                    if let done = item.doneOn {
                        text("\(done) 完成", "done \(done)")
                    } else if item.dueOn < day {
                        text("逾期", "overdue")
                    } else {
                        text("整改中", "in progress")
                    }
                return [
                    station(item.station), .text(item.item),
                    item.indicator.map { id in .text(scheme.allIndicators.first { $0.id == id }?.name ?? id) }
                        ?? .empty,
                    .text(item.owner.rawValue), .text(item.raisedOn.description), .text(item.dueOn.description),
                    .text(state),
                ]
            }
        )
        let submitted = sheets.filter(\.evaluation.isSubmitted).count
        return ReportDocument(
            kind: .evaluation,
            language: language,
            title: text("\(year)年度社会工作站评估情况", "Social work station evaluations, \(year)"),
            subtitle: text(
                "\(scheme.name)(\(scheme.id),满分 \(scheme.totalPoints))· 截至 \(day) · 已提交 \(submitted)/\(sheets.count)",
                "\(scheme.name) (\(scheme.id), out of \(scheme.totalPoints)) · as of \(day) · \(submitted) of \(sheets.count) submitted"
            ),
            period: period,
            sections: [
                ReportSection(
                    id: "evaluations",
                    title: text("评估", "Evaluations"),
                    note: text(
                        "提交后总分冻结;未提交的评估不列总分。据数据计分的指标按分值 × 达成率(封顶)计(种子 001 §八)。",
                        "Totals freeze on submission; an open evaluation shows none. Indicators scored from data earn points × achievement, capped (seed 001 §8)."
                    ),
                    blocks: [.table(evaluations)]
                ),
                ReportSection(id: "scores", title: text("得分", "Points"), blocks: [.table(scores)]),
                ReportSection(
                    id: "rectifications",
                    title: text("整改", "Rectifications"),
                    blocks: [.table(rectifications)]
                ),
            ]
        )
    }
}
