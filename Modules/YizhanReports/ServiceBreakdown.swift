public import YizhanKernel

/// One kind of service's figures in a report.
public struct ServiceKindRow: Hashable, Sendable, Codable {
    /// The kind.
    public var kind: ServiceKind
    /// Records.
    public var records: Int
    /// Service person-times.
    public var personTimes: Int
    /// Training person-times.
    public var trainingPersonTimes: Int
    /// Minutes of work.
    public var durationMinutes: Int

    /// The rows of totals grouped by kind, in the code list's order.
    static func rows(_ totals: [ServiceTotal]) -> [ServiceKindRow] {
        totals.compactMap { total in
            total.kind.map {
                ServiceKindRow(
                    kind: $0,
                    records: total.records,
                    personTimes: total.personTimes,
                    trainingPersonTimes: total.trainingPersonTimes,
                    durationMinutes: total.durationMinutes
                )
            }
        }
        .sorted { $0.kind < $1.kind }
    }

    /// The "by kind of service" section: the share of records by kind, and the table with totals.
    static func section(_ rows: [ServiceKindRow], in language: Language) -> ReportSection {
        let text = language.pick
        let table = ReportTable(
            id: "kinds",
            title: text("各类服务情况", "Kinds of service"),
            columns: [
                ReportColumn("kind", text("服务类型", "kind"), .text), ReportColumn("records", text("服务记录", "records")),
                ReportColumn("personTimes", text("服务人次", "person-times")),
                ReportColumn("trainingPersonTimes", text("培训人次", "training person-times")),
                ReportColumn("durationMinutes", text("服务时长(分钟)", "minutes")),
            ],
            rows: rows.map { row in
                [
                    .text(row.kind.label(in: language)), .integer(row.records), .integer(row.personTimes),
                    .integer(row.trainingPersonTimes), .integer(row.durationMinutes),
                ]
            },
            totals: [
                .text(text("合计", "Total")), .integer(rows.reduce(0) { $0 + $1.records }),
                .integer(rows.reduce(0) { $0 + $1.personTimes }),
                .integer(rows.reduce(0) { $0 + $1.trainingPersonTimes }),
                .integer(rows.reduce(0) { $0 + $1.durationMinutes }),
            ]
        )
        let chart = ReportChart(
            id: "records-by-kind",
            title: text("服务记录的类型构成", "Records by kind of service"),
            style: .share,
            table: "kinds",
            labelColumn: "kind",
            valueColumn: "records"
        )
        return ReportSection(
            id: "kinds",
            title: text("按服务类型", "By kind of service"),
            blocks: [.chart(chart), .table(table)]
        )
    }
}

/// One calendar month's figures in a report.
public struct ServiceMonthRow: Hashable, Sendable, Codable {
    /// The month, `YYYY-MM`.
    public var month: String
    /// Records.
    public var records: Int
    /// Service person-times.
    public var personTimes: Int
    /// Training person-times.
    public var trainingPersonTimes: Int

    /// One row per month `period` touches, from totals grouped by month; months without records
    /// get zeros, so that a chart's gaps show.
    static func rows(_ totals: [ServiceTotal], period: CivilPeriod) -> [ServiceMonthRow] {
        let byMonth = Dictionary(
            totals.compactMap { total in total.month.map { ($0, total) } },
            uniquingKeysWith: { first, _ in first }
        )
        return period.months.map { month in
            let total = byMonth[month]
            return ServiceMonthRow(
                month: month,
                records: total?.records ?? 0,
                personTimes: total?.personTimes ?? 0,
                trainingPersonTimes: total?.trainingPersonTimes ?? 0
            )
        }
    }

    /// The "by month" section: person-times as columns, and the table with totals.
    static func section(_ rows: [ServiceMonthRow], in language: Language) -> ReportSection {
        let text = language.pick
        let table = ReportTable(
            id: "months",
            title: text("各月服务情况", "Month by month"),
            columns: [
                ReportColumn("month", text("月份", "month"), .text), ReportColumn("records", text("服务记录", "records")),
                ReportColumn("personTimes", text("服务人次", "person-times")),
                ReportColumn("trainingPersonTimes", text("培训人次", "training person-times")),
            ],
            rows: rows.map { row in
                [.text(row.month), .integer(row.records), .integer(row.personTimes), .integer(row.trainingPersonTimes)]
            },
            totals: [
                .text(text("合计", "Total")), .integer(rows.reduce(0) { $0 + $1.records }),
                .integer(rows.reduce(0) { $0 + $1.personTimes }),
                .integer(rows.reduce(0) { $0 + $1.trainingPersonTimes }),
            ]
        )
        let chart = ReportChart(
            id: "person-times-by-month",
            title: text("每月服务人次", "Person-times by month"),
            style: .columns,
            table: "months",
            labelColumn: "month",
            valueColumn: "personTimes"
        )
        return ReportSection(id: "months", title: text("按月份", "By month"), blocks: [.chart(chart), .table(table)])
    }
}
