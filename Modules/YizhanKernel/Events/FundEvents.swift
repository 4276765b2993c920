public import Foundation

/// `budget.set`: a budget line was set or changed.
public struct BudgetSet: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.budgetSet
    public static let schemaVersion = 1
    /// The line.
    public var line: BudgetLineID
    /// The station.
    public var station: StationID
    /// The year.
    public var year: Int
    /// The category.
    public var category: BudgetCategory
    /// The source.
    public var source: FundSource
    /// The amount, in fen.
    public var amount: Fen
}

/// `expense.recorded`: money spent against a line, and what remains of it.
public struct ExpenseRecorded: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.expenseRecorded
    public static let schemaVersion = 1
    /// The expense.
    public var expense: ExpenseID
    /// The line.
    public var line: BudgetLineID
    /// The station.
    public var station: StationID
    /// The amount, in fen.
    public var amount: Fen
    /// What remains of the line after it.
    public var remaining: Fen

    /// Describes a booked expense.
    public init(expense: ExpenseID, line: BudgetLineID, station: StationID, amount: Fen, remaining: Fen) {
        self.expense = expense
        self.line = line
        self.station = station
        self.amount = amount
        self.remaining = remaining
    }
}

/// `budget.overspendauthorised`: an expense was let past its line's amount, and by whom — the audit
/// trail of `--authorise`. The reason is free text that may name a person, so it stays with the
/// expense (`Expense.overspendReason`) and out of the event, which every subscriber receives.
public struct OverspendAuthorised: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.overspendAuthorised
    /// Version 2: no `reason` (free text stays out of events, issue 21.8).
    public static let schemaVersion = 2
    /// The expense.
    public var expense: ExpenseID
    /// The line.
    public var line: BudgetLineID
    /// The station.
    public var station: StationID
    /// By how much the line is over-spent after it.
    public var over: Fen
    /// Who authorised it.
    public var authorisedBy: Actor
}

extension EventType {
    /// A budget line was set.
    public static let budgetSet = EventType(rawValue: "budget.set")
    /// An expense was booked.
    public static let expenseRecorded = EventType(rawValue: "expense.recorded")
    /// An over-spend of a budget line was authorised.
    public static let overspendAuthorised = EventType(rawValue: "budget.overspendauthorised")
}

extension ChangeSet {
    /// Upserts `line` at `station`, with `budget.set`.
    public mutating func set(_ line: BudgetLine, at station: Station, by actor: Actor, at instant: Date) {
        writes.append(.budgetLine(line))
        let payload = BudgetSet(
            line: line.id,
            station: station.id,
            year: line.year,
            category: line.category,
            source: line.source,
            amount: line.amount
        )
        events.append(DomainEvent(payload, orgUnit: station.orgUnit, station: station.id, actor: actor, at: instant))
    }
}
