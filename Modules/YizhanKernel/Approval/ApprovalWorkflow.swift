/// What a county approves of its stations and how (DHIS2's data approval workflow): the data it
/// covers, the period it is approved by, the levels it rises through and its deadline.
///
/// Workflows are configuration (`approvals:` in a template): Haiyan's stations send a month's
/// ledgers by the 5th of the next, and the year's report by 30 November (seed 001 §八).
public struct ApprovalWorkflow: Hashable, Sendable, Codable, Identifiable {
    /// The workflow's id, e.g. `haiyan-month`.
    public var id: String
    /// Its name, e.g. 月度台账.
    public var name: String
    /// What it approves (and so what a submission locks).
    public var covers: Set<ApprovedData>
    /// The period it approves by.
    public var periodType: ApprovalPeriodType
    /// The levels it rises through, from the station up (`station, county` or `station, county, city`).
    public var levels: [ApprovalLevel]
    /// When a period's submission is due.
    public var deadline: ApprovalDeadline
    /// Days a submission may wait for the county's approval before a reminder, if reminded.
    public var approveWithinDays: Int?
    /// Where it comes from (seed and section).
    public var source: String?

    /// Creates a workflow.
    public init(
        id: String,
        name: String,
        covers: Set<ApprovedData>,
        periodType: ApprovalPeriodType,
        levels: [ApprovalLevel],
        deadline: ApprovalDeadline,
        approveWithinDays: Int? = nil,
        source: String? = nil
    ) {
        self.id = id
        self.name = name
        self.covers = covers
        self.periodType = periodType
        self.levels = levels
        self.deadline = deadline
        self.approveWithinDays = approveWithinDays
        self.source = source
    }

    /// The highest level: the one that accepts (or, without a city, approves last).
    public var topLevel: ApprovalLevel { levels.max() ?? .county }

    /// Whether the workflow rises to the city, so that an approval waits to be accepted.
    public var hasCity: Bool { levels.contains(.city) }

    /// The day `period`'s submission is due.
    public func dueDay(of period: ApprovalPeriod) -> CivilDate {
        deadline.dueDay(after: period)
    }
}

/// What a workflow approves.
public enum ApprovedData: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
    /// Service records (服务记录), by the day of service.
    case services
    /// Gifts (捐赠), by the day received.
    case donations
    /// Expenses (支出), by the day spent.
    case expenses

    /// Its name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.services, .zhHans): "服务记录"
        case (.donations, .zhHans): "捐赠"
        case (.expenses, .zhHans): "支出"
        case (.services, .en): "service records"
        case (.donations, .en): "gifts"
        case (.expenses, .en): "expenses"
        }
    }

    public static func < (lhs: ApprovedData, rhs: ApprovedData) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// A level of the hierarchy an approval rises through.
public enum ApprovalLevel: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
    /// The station (its head submits).
    case station
    /// The county (its administrator approves, returns, unapproves).
    case county
    /// The city (a city grant accepts, returns, reopens).
    case city

    /// The level a grant's scope acts at: a station or a township acts as a station, a county as a
    /// county, a city, a province or everything as a city.
    public static func of(_ scope: Scope) -> ApprovalLevel {
        switch scope {
        case .station: .station
        case .all: .city
        case .within(let code):
            switch code.level {
            case .province, .city: .city
            case .county: .county
            case .township, .village: .station
            }
        }
    }

    /// Its name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.station, .zhHans): "社工站"
        case (.county, .zhHans): "县级"
        case (.city, .zhHans): "市级"
        case (.station, .en): "station"
        case (.county, .en): "county"
        case (.city, .en): "city"
        }
    }

    public static func < (lhs: ApprovalLevel, rhs: ApprovalLevel) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// When a period's submission is due: a day of the month after the period ends (a month's
/// ledgers by the 5th of the next), or a fixed day of the period's last year (the year's report
/// by 30 November, seed 001 §八).
public struct ApprovalDeadline: Hashable, Sendable, Codable {
    /// The month of the fixed day (1–12), or `nil` for a day of the month after the period.
    public var month: Int?
    /// The day (1–28 for the month after; a valid day of `month` otherwise).
    public var day: Int

    /// Creates a deadline.
    public init(month: Int? = nil, day: Int) {
        self.month = month
        self.day = day
    }

    /// The due day of `period`.
    public func dueDay(after period: ApprovalPeriod) -> CivilDate {
        let end = period.days.end
        if let month, let due = try? CivilDate(year: end.year, month: month, day: day) { return due }
        let (year, month) = end.month == 12 ? (end.year + 1, 1) : (end.year, end.month + 1)
        return (try? CivilDate(year: year, month: month, day: min(day, 28))) ?? end
    }

    /// `每期结束后次月 5 日` / `11 月 30 日`.
    public func label(in language: Language) -> String {
        switch (month, language) {
        case (nil, .zhHans): "次月 \(day) 日前"
        case (let month?, .zhHans): "\(month) 月 \(day) 日前"
        case (nil, .en): "by day \(day) of the next month"
        case (let month?, .en): "by \(month)/\(day)"
        }
    }
}
