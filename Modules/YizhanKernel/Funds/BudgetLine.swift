/// A budget line of a station's funds (经费): a year's amount for one purpose from one source.
/// Expenses are booked against it, and over-spending it is refused unless explicitly authorised.
public struct BudgetLine: Hashable, Sendable, Codable, Identifiable {
    /// The line's identifier.
    public var id: BudgetLineID
    /// The station whose funds it is.
    public var station: StationID
    /// The budget year.
    public var year: Int
    /// What it is for.
    public var category: BudgetCategory
    /// Where the money comes from.
    public var source: FundSource
    /// A name, e.g. 2021 年度运营经费.
    public var name: String
    /// The amount budgeted.
    public var amount: Fen

    /// Creates a line.
    public init(
        id: BudgetLineID,
        station: StationID,
        year: Int,
        category: BudgetCategory,
        source: FundSource,
        name: String,
        amount: Fen
    ) {
        self.id = id
        self.station = station
        self.year = year
        self.category = category
        self.source = source
        self.name = name
        self.amount = amount
    }
}

/// Identifies a budget line.
public typealias BudgetLineID = Identifier<BudgetLine>

/// What a budget line is for (issue 7; seed 001 §六 funds the building, running, staff and evaluation).
public enum BudgetCategory: String, CaseIterable, Sendable, Codable {
    /// 建设.
    case construction
    /// 运营.
    case operation
    /// 人员.
    case personnel
    /// 评估.
    case evaluation

    /// The category's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.construction, .zhHans): "建设"
        case (.operation, .zhHans): "运营"
        case (.personnel, .zhHans): "人员"
        case (.evaluation, .zhHans): "评估"
        case (_, .en): rawValue
        }
    }
}

/// Where a budget line's money comes from.
public enum FundSource: String, CaseIterable, Sendable, Codable {
    /// 县级财政.
    case countyFinance
    /// 乡镇(街道)自筹.
    case townshipSelfRaised
    /// 福彩公益金 — the city lottery welfare fund.
    case lotteryWelfareFund
    /// 慈善资金.
    case charity

    /// The source's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.countyFinance, .zhHans): "县级财政"
        case (.townshipSelfRaised, .zhHans): "乡镇自筹"
        case (.lotteryWelfareFund, .zhHans): "福彩公益金"
        case (.charity, .zhHans): "慈善资金"
        case (_, .en): rawValue
        }
    }
}

/// Money spent against a budget line.
public struct Expense: Hashable, Sendable, Codable, Identifiable {
    /// The expense's identifier.
    public var id: ExpenseID
    /// The line it is booked against.
    public var line: BudgetLineID
    /// The amount.
    public var amount: Fen
    /// The day it was spent.
    public var spentOn: CivilDate
    /// What it was for.
    public var purpose: String
    /// Why the line could be over-spent, when it was.
    public var overspendReason: String?

    /// Creates an expense.
    public init(
        id: ExpenseID,
        line: BudgetLineID,
        amount: Fen,
        spentOn: CivilDate,
        purpose: String,
        overspendReason: String? = nil
    ) {
        self.id = id
        self.line = line
        self.amount = amount
        self.spentOn = spentOn
        self.purpose = purpose
        self.overspendReason = overspendReason
    }
}

/// Identifies an expense.
public typealias ExpenseID = Identifier<Expense>

/// What became of an expense handed to the store.
public enum ExpenseBooking: Hashable, Sendable {
    /// It was booked; what remains of the line after it (negative when an authorised over-spend).
    case booked(remaining: Fen)
    /// It would over-spend the line and was not authorised; nothing changed.
    case overspend(remaining: Fen)
}
