/// The kind of period a workflow approves by.
public enum ApprovalPeriodType: String, CaseIterable, Hashable, Sendable, Codable {
    /// A calendar month: `2026-11`.
    case month
    /// A half-year: `2026-H1` (January–June), `2026-H2` (July–December).
    case halfYear
    /// A calendar year: `2026`.
    case year

    /// Its name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.month, .zhHans): "月度"
        case (.halfYear, .zhHans): "半年度"
        case (.year, .zhHans): "年度"
        case (.month, .en): "monthly"
        case (.halfYear, .en): "half-yearly"
        case (.year, .en): "yearly"
        }
    }

    /// How its periods are written, for error messages.
    var example: String {
        switch self {
        case .month: "2026-11"
        case .halfYear: "2026-H2"
        case .year: "2026"
        }
    }
}

/// One period of a workflow: a month, a half-year or a year, written `2026-11`, `2026-H2`, `2026`.
public struct ApprovalPeriod: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The kind of period.
    public let type: ApprovalPeriodType
    /// The year.
    public let year: Int
    /// The month (1–12) or the half (1–2); 1 for a year.
    public let index: Int

    /// Reads a period of `type` as written (`2026-11`, `2026-H2`, `2026`).
    ///
    /// - Throws: `InputError` naming `field` when the text is not a period of that type.
    public init(parsing text: String, type: ApprovalPeriodType, field: String = "period") throws(InputError) {
        let trimmed = text.trimmingWhitespace()
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        var parsed: (year: Int, index: Int)?
        switch (type, parts.count) {
        case (.year, 1):
            if let year = Int(parts[0]) { parsed = (year, 1) }
        case (.month, 2):
            if let year = Int(parts[0]), parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) {
                parsed = (year, month)
            }
        case (.halfYear, 2):
            if let year = Int(parts[0]), parts[1] == "H1" || parts[1] == "H2" {
                parsed = (year, parts[1] == "H1" ? 1 : 2)
            }
        default:
            break
        }
        guard let parsed, parts[0].count == 4, (2000...2100).contains(parsed.year) else {
            throw InputError(issues: [
                InputIssue(
                    code: .invalidFormat,
                    field: field,
                    found: text,
                    expected: LocalizedText(
                        "\(type.label(in: .zhHans))期间,如 \(type.example)",
                        en: "a \(type.label(in: .en)) period such as \(type.example)"
                    )
                )
            ])
        }
        self.type = type
        self.year = parsed.year
        self.index = parsed.index
    }

    /// The period of `type` that holds `day`.
    public init(containing day: CivilDate, type: ApprovalPeriodType) {
        self.type = type
        year = day.year
        switch type {
        case .month: index = day.month
        case .halfYear: index = day.month <= 6 ? 1 : 2
        case .year: index = 1
        }
    }

    /// The days it covers.
    public var days: CivilPeriod {
        let (first, last): (Int, Int) =
            switch type {
            case .month: (index, index)
            case .halfYear: index == 1 ? (1, 6) : (7, 12)
            case .year: (1, 12)
            }
        let start = CivilDate(daysSinceEpoch: Self.daysSinceEpoch(year: year, month: first))
        let end = CivilDate(daysSinceEpoch: Self.daysSinceEpoch(year: year, month: last + 1) - 1)
        return CivilPeriod(uncheckedStart: start, end: end)
    }

    /// Days since 1970-01-01 of the first of `month` in `year` (month 13 is January of the next year).
    private static func daysSinceEpoch(year: Int, month: Int) -> Int {
        let (y, m) = month > 12 ? (year + 1, month - 12) : (year, month)
        return ((try? CivilDate(year: y, month: m, day: 1)) ?? CivilDate(daysSinceEpoch: 0)).daysSinceEpoch
    }

    /// The period before this one.
    public var previous: ApprovalPeriod {
        ApprovalPeriod(containing: days.start.adding(days: -1), type: type)
    }

    /// `2026-11`, `2026-H2`, `2026`: the key stores and commands use.
    public var description: String {
        switch type {
        case .month: "\(year)-\(index < 10 ? "0" : "")\(index)"
        case .halfYear: "\(year)-H\(index)"
        case .year: "\(year)"
        }
    }

    /// `2026 年 11 月`, `2026 年下半年`, `2026 年`.
    public func label(in language: Language) -> String {
        switch (type, language) {
        case (.month, .zhHans): "\(year) 年 \(index) 月"
        case (.halfYear, .zhHans): "\(year) 年\(index == 1 ? "上" : "下")半年"
        case (.year, .zhHans): "\(year) 年"
        case (_, .en): description
        }
    }

    public static func < (lhs: ApprovalPeriod, rhs: ApprovalPeriod) -> Bool {
        lhs.days.start < rhs.days.start
    }
}

extension ApprovalPeriod {
    /// The period of `type` whose days are exactly `days`, if there is one (a report of
    /// `2021-11` is the month workflow's November; of `2021`, the year workflow's 2021).
    public static func exactly(_ days: CivilPeriod, type: ApprovalPeriodType) -> ApprovalPeriod? {
        let period = ApprovalPeriod(containing: days.start, type: type)
        return period.days == days ? period : nil
    }
}
