import Foundation
public import YizhanKernel

/// The period a report covers, as `--period` writes it: a year, a half-year, a quarter, a month,
/// or a custom range of days.
///
/// ```
/// 2021                     the year
/// 2021-H1, 2021-H2         a half-year
/// 2021-Q1 … 2021-Q4        a quarter
/// 2021-11                  a month
/// 2021-03-01..2021-09-30   a custom range, both days included
/// ```
public struct ReportPeriod: Hashable, Sendable, CustomStringConvertible {
    /// The kinds of period.
    public enum Kind: Hashable, Sendable {
        /// A calendar year.
        case year
        /// Half-year 1 or 2.
        case half(Int)
        /// Quarter 1 to 4.
        case quarter(Int)
        /// A calendar month.
        case month
        /// Any range of days.
        case custom
    }

    /// What kind of period it is.
    public let kind: Kind
    /// The days it covers.
    public let range: CivilPeriod
    /// The text it was parsed from, normalised.
    public let description: String

    /// Parses `text`.
    ///
    /// - Throws: `ReportError` saying which spellings are accepted.
    public init(parsing text: String) throws(ReportError) {
        let trimmed = text.filter { !$0.isWhitespace }
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        do {
            if let dots = trimmed.range(of: "..") {
                let start = try CivilDate(parsing: String(trimmed[..<dots.lowerBound]))
                let end = try CivilDate(parsing: String(trimmed[dots.upperBound...]))
                guard start <= end else { throw ReportError.badPeriod(text) }
                self.init(kind: .custom, range: try CivilPeriod(start: start, end: end), description: trimmed)
            } else if parts.count == 1, let year = Self.year(parts[0]) {
                self.init(kind: .year, range: try CivilPeriod.year(year), description: trimmed)
            } else if parts.count == 2, let year = Self.year(parts[0]) {
                let tail = parts[1].uppercased()
                if tail.count == 2, let number = Int(tail.dropFirst()), tail.first == "H", (1...2).contains(number) {
                    let range = try Self.months(year, from: number * 6 - 5, through: number * 6)
                    self.init(kind: .half(number), range: range, description: "\(year)-H\(number)")
                } else if tail.count == 2, let number = Int(tail.dropFirst()), tail.first == "Q",
                    (1...4).contains(number)
                {
                    let range = try Self.months(year, from: number * 3 - 2, through: number * 3)
                    self.init(kind: .quarter(number), range: range, description: "\(year)-Q\(number)")
                } else if tail.count == 2, let month = Int(tail), (1...12).contains(month) {
                    self.init(
                        kind: .month,
                        range: try Self.months(year, from: month, through: month),
                        description: trimmed
                    )
                } else {
                    throw ReportError.badPeriod(text)
                }
            } else {
                throw ReportError.badPeriod(text)
            }
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError.badPeriod(text)
        }
    }

    private init(kind: Kind, range: CivilPeriod, description: String) {
        self.kind = kind
        self.range = range
        self.description = description
    }

    /// The period in words: "2021年上半年", "the first half of 2021".
    public func label(in language: Language) -> String {
        let year = range.start.year
        let zh = language == .zhHans
        switch kind {
        case .year: return zh ? "\(year)年" : "\(year)"
        case .half(let half): return zh ? "\(year)年\(half == 1 ? "上" : "下")半年" : "H\(half) \(year)"
        case .quarter(let quarter):
            return zh ? "\(year)年第\(["一", "二", "三", "四"][quarter - 1])季度" : "Q\(quarter) \(year)"
        case .month: return zh ? "\(year)年\(range.start.month)月" : range.start.monthKey
        case .custom: return zh ? "\(range.start) 至 \(range.end)" : "\(range.start) to \(range.end)"
        }
    }

    private static func year(_ text: String) -> Int? {
        guard text.count == 4, let year = Int(text), year >= 1900 else { return nil }
        return year
    }

    private static func months(_ year: Int, from first: Int, through last: Int) throws -> CivilPeriod {
        let start = try CivilDate(year: year, month: first, day: 1)
        let end = try CivilDate(year: year, month: last, day: CivilDate.daysIn(month: last, year: year))
        return try CivilPeriod(start: start, end: end)
    }
}
