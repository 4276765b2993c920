/// An inclusive range of civil dates — a report's year, quarter or custom period.
public struct CivilPeriod: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The first day in the period.
    public let start: CivilDate
    /// The last day in the period.
    public let end: CivilDate

    /// Creates a period; `end` before `start` is refused.
    public init(start: CivilDate, end: CivilDate) throws(CivilPeriodError) {
        guard start <= end else { throw CivilPeriodError(start: start, end: end) }
        self.start = start
        self.end = end
    }

    /// The calendar year `year`, 1 January through 31 December.
    public static func year(_ year: Int) throws(CivilDateError) -> CivilPeriod {
        let start = try CivilDate(year: year, month: 1, day: 1)
        let end = try CivilDate(year: year, month: 12, day: 31)
        return CivilPeriod(uncheckedStart: start, end: end)
    }

    init(uncheckedStart start: CivilDate, end: CivilDate) {
        self.start = start
        self.end = end
    }

    /// Whether `date` falls within the period.
    public func contains(_ date: CivilDate) -> Bool { start <= date && date <= end }

    /// The number of days in the period.
    public var dayCount: Int { end.daysSinceEpoch - start.daysSinceEpoch + 1 }

    /// The calendar months the period touches, as `YYYY-MM`, in order.
    public var months: [String] {
        var result: [String] = []
        var year = start.year
        var month = start.month
        while (year, month) <= (end.year, end.month) {
            result.append("\(year)-\(month < 10 ? "0" : "")\(month)")
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
        return result
    }

    /// `2021-01-01…2021-12-31`.
    public var description: String { "\(start)…\(end)" }
}

/// A period whose end comes before its start.
public struct CivilPeriodError: Error, Hashable, Sendable, UserFacingError {
    /// The start that was given.
    public let start: CivilDate
    /// The end that was given.
    public let end: CivilDate

    /// The message in the reader's language.
    public func message(in language: Language) -> String {
        switch language {
        case .zhHans: "时间段的结束日期 \(end) 早于开始日期 \(start)"
        case .en: "the period ends (\(end)) before it starts (\(start))"
        }
    }
}
