public import Foundation
public import YizhanKernel

/// A finished report, independent of its format: a title, the period it covers, and sections of
/// tables and charts. Every renderer (Markdown, HTML, CSV, JSON, XLSX) reads only this.
///
/// The JSON rendering of this type is a documented, versioned shape (docs/reports.md):
/// `schema` names it and changes when a field changes meaning or disappears.
public struct ReportDocument: Hashable, Sendable {
    /// The name and version of the JSON shape.
    public static let schema = "yizhan.report/1"

    /// Which report this is.
    public var kind: ReportKind
    /// The language its text is in.
    public var language: Language
    /// The title, e.g. "海盐县社会工作站建设情况汇总".
    public var title: String
    /// The line under the title: the unit and the period in words.
    public var subtitle: String
    /// The period the figures cover.
    public var period: CivilPeriod
    /// The day whose end the figures stand at (`--as-of`), if not now.
    public var asOf: CivilDate?
    /// When the report was made, only when asked for (`--stamp`): otherwise the same data and
    /// options give byte-identical output.
    public var generatedAt: Date?
    /// The sections, in reading order.
    public var sections: [ReportSection]

    /// Creates a document.
    public init(
        kind: ReportKind,
        language: Language,
        title: String,
        subtitle: String,
        period: CivilPeriod,
        asOf: CivilDate? = nil,
        generatedAt: Date? = nil,
        sections: [ReportSection]
    ) {
        self.kind = kind
        self.language = language
        self.title = title
        self.subtitle = subtitle
        self.period = period
        self.asOf = asOf
        self.generatedAt = generatedAt
        self.sections = sections
    }

    /// Every table, in reading order.
    public var tables: [ReportTable] {
        sections.flatMap { section in
            section.blocks.compactMap { block in
                if case .table(let table) = block { return table }
                return nil
            }
        }
    }

    /// The table with `id`, if any.
    public func table(_ id: String) -> ReportTable? { tables.first { $0.id == id } }
}

/// The reports `yizhan-report` makes.
public enum ReportKind: String, CaseIterable, Hashable, Sendable, Codable {
    /// The county's summary for the city (seed 000's figures), one row per station.
    case countySummary = "county-summary"
    /// A station's annual work report.
    case stationAnnual = "station-annual"
    /// Stations checked against a construction standard.
    case compliance
    /// Mid-term and final evaluations with their scores and rectifications.
    case evaluation
    /// One volunteer's passbook: hours and points.
    case passbook
    /// The gifts received, one row each.
    case donationLedger = "donation-ledger"
    /// Residents' requests: the response, resolution and satisfaction rates.
    case requestRates = "request-rates"
}

/// A titled part of a report: tables and the charts drawn from them.
public struct ReportSection: Hashable, Sendable {
    /// A stable id, e.g. `by-station`.
    public var id: String
    /// The heading.
    public var title: String
    /// A sentence under the heading that says how the figures are counted, if needed.
    public var note: String?
    /// Tables and charts, in reading order.
    public var blocks: [ReportBlock]

    /// Creates a section.
    public init(id: String, title: String, note: String? = nil, blocks: [ReportBlock]) {
        self.id = id
        self.title = title
        self.note = note
        self.blocks = blocks
    }
}

/// One piece of a section.
public enum ReportBlock: Hashable, Sendable {
    /// A table of figures.
    case table(ReportTable)
    /// A chart drawn from a table's columns (HTML only; the other formats carry the table).
    case chart(ReportChart)
}
