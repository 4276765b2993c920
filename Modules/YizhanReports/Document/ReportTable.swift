public import YizhanKernel

/// A table of a report: typed columns, rows and an optional totals row.
public struct ReportTable: Hashable, Sendable {
    /// A stable id (`stations`, `months` …): the CSV `--table` option, the XLSX sheet, the JSON key.
    public var id: String
    /// The caption, also the XLSX sheet's name.
    public var title: String
    /// The columns, in order.
    public var columns: [ReportColumn]
    /// The rows; each has one value per column.
    public var rows: [[ReportValue]]
    /// The totals row, if the table has one.
    public var totals: [ReportValue]?

    /// Creates a table; rows shorter than the columns are padded with `.empty`.
    public init(
        id: String,
        title: String,
        columns: [ReportColumn],
        rows: [[ReportValue]],
        totals: [ReportValue]? = nil
    ) {
        self.id = id
        self.title = title
        self.columns = columns
        let pad = { (row: [ReportValue]) in
            row + Array(repeating: ReportValue.empty, count: max(0, columns.count - row.count))
        }
        self.rows = rows.map(pad)
        self.totals = totals.map(pad)
    }

    /// The values of column `id`, row by row (totals excluded).
    public func values(of id: String) -> [ReportValue] {
        guard let index = columns.firstIndex(where: { $0.id == id }) else { return [] }
        return rows.map { $0[index] }
    }
}

/// A column: its id, its heading and the kind of value it holds.
public struct ReportColumn: Hashable, Sendable {
    /// What a column holds, which decides alignment and number formats.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// Text, left-aligned.
        case text
        /// Whole numbers, right-aligned, thousands grouped where shown to people.
        case integer
        /// Money in fen, shown as yuan with two decimals.
        case money
        /// A number with one decimal place (evaluation points), held in tenths.
        case decimal
    }

    /// The key of this column in JSON rows, e.g. `personTimes`.
    public var id: String
    /// The heading, e.g. "服务人次".
    public var title: String
    /// The kind of value.
    public var kind: Kind

    /// Creates a column.
    public init(_ id: String, _ title: String, _ kind: Kind = .integer) {
        self.id = id
        self.title = title
        self.kind = kind
    }
}

/// One cell's value.
public enum ReportValue: Hashable, Sendable {
    /// Text.
    case text(String)
    /// A whole number.
    case integer(Int)
    /// An amount of money.
    case money(Fen)
    /// A number with one decimal place, in tenths: 948 is 94.8.
    case tenths(Int)
    /// Nothing to show.
    case empty

    /// The value as people read it: `21,934`, `¥21,116.28`, or the text.
    public var display: String {
        switch self {
        case .text(let text): text
        case .integer(let number): groupedDigits(number)
        case .money(let fen): fen.description
        case .tenths(let tenths): Self.decimal(tenths)
        case .empty: ""
        }
    }

    /// `94.8`, `-0.5`, `10.0`: tenths with their one decimal.
    static func decimal(_ tenths: Int) -> String {
        (tenths < 0 ? "-" : "") + "\(tenths.magnitude / 10).\(tenths.magnitude % 10)"
    }

    /// The value as a machine reads it: `21934`, `21116.28`, or the text (CSV and XLSX cells).
    public var plain: String {
        switch self {
        case .text(let text): text
        case .integer(let number): String(number)
        case .money(let fen): fen.yuanDecimal
        case .tenths(let tenths): Self.decimal(tenths)
        case .empty: ""
        }
    }

    /// The number, for integers (charts read this).
    public var number: Int? {
        switch self {
        case .integer(let number): number
        case .money(let fen): Int(fen.value)
        case .tenths(let tenths): tenths
        case .text, .empty: nil
        }
    }
}

extension Fen {
    /// `21116.28`, `-3.50`: yuan with two decimals and no grouping, for files machines read.
    public var yuanDecimal: String {
        let magnitude = value.magnitude
        let cents = magnitude % 100
        return (value < 0 ? "-" : "") + "\(magnitude / 100)." + (cents < 10 ? "0" : "") + "\(cents)"
    }
}
