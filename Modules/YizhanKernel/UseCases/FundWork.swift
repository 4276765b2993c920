import Foundation

/// A station's funds: budget lines by category and source, and expenses against them; an expense
/// that would over-spend its line is refused unless authorised with a reason, and the
/// authorisation is an event (`budget.overspendauthorised`).
public struct FundWork: Sendable {
    let store: any StationStore
    let clock: WorkClock

    /// Creates the use case over `store`; `clock` gives the instant and the working day.
    public init(store: any StationStore, clock: WorkClock = .system) {
        self.store = store
        self.clock = clock
    }

    /// Sets a budget line of `station`; `amount` in yuan as people write it (`120000`, `¥1,200.50`).
    @discardableResult
    public func setLine(
        station: String,
        year: Int,
        category: String,
        source: String,
        name: String,
        amount: String,
        actor: Actor
    ) async throws -> BudgetLine {
        let instant = clock.now()
        guard let stationID = try? StationID(station) else {
            throw Self.issue("station", station, "已登记的社工站标识", "the id of a registered station")
        }
        let (_, line) = try await store.commit(checking: ContextRequest(station: stationID)) {
            context -> (ChangeSet, BudgetLine) in
            guard let context else {
                throw Self.issue("station", station, "已登记的社工站标识", "the id of a registered station")
            }
            var check = FieldCheck()
            let kind = BudgetCategory.allCases.first { $0.rawValue == category || $0.label(in: .zhHans) == category }
            if kind == nil {
                check.refuse(
                    .invalidFormat,
                    "category",
                    category,
                    "建设、运营、人员、评估之一",
                    "construction, operation, personnel or evaluation"
                )
            }
            let origin = FundSource.allCases.first { $0.rawValue == source || $0.label(in: .zhHans) == source }
            if origin == nil {
                check.refuse(
                    .invalidFormat,
                    "source",
                    source,
                    "县级财政、乡镇自筹、福彩公益金、慈善资金之一",
                    "countyFinance, townshipSelfRaised, lotteryWelfareFund or charity"
                )
            }
            let money = Self.money(amount, &check)
            if !(2000...2100).contains(year) {
                check.refuse(.outOfRange, "year", String(year), "2000 至 2100 年", "2000 to 2100")
            }
            let title = name.trimmingWhitespace()
            if title.isEmpty { check.refuse(.missing, "name", "", "预算科目名称", "a name for the line") }
            guard check.issues.isEmpty, let kind, let origin, let money else { throw InputError(issues: check.issues) }
            let line = BudgetLine(
                id: .generate(),
                station: context.station.id,
                year: year,
                category: kind,
                source: origin,
                name: title,
                amount: money
            )
            var change = ChangeSet()
            change.set(line, at: context.station, by: actor, at: instant)
            return (change, line)
        }
        return line
    }

    /// Spends `amount` (yuan) against `line` on `date`; `authorise` gives the reason an over-spend is
    /// allowed, recorded as an event.
    ///
    /// - Returns: the expense, and `.overspend` (nothing written) when the line would be over-spent
    ///   without authorisation.
    @discardableResult
    public func spend(
        line text: String,
        amount: String,
        date: String,
        purpose: String,
        authorise reason: String?,
        actor: Actor
    ) async throws -> (Expense, ExpenseBooking) {
        guard let id = try? BudgetLineID(text), let line = try await store.budgetLine(id),
            let station = try await store.station(line.station)
        else { throw Self.issue("line", text, "已设立的预算科目标识", "the id of a budget line") }
        let instant = clock.now()
        var check = FieldCheck()
        let money = Self.money(amount, &check)
        let day = check.date(date, today: clock.day(at: instant))
        if let day, day.year != line.year {
            check.refuse(
                .outOfRange,
                "date",
                date,
                "\(line.year) 年内的日期(预算科目“\(line.name)”属于该年)",
                "a day in \(line.year), the year of the line '\(line.name)'"
            )
        }
        let what = purpose.trimmingWhitespace()
        if what.isEmpty { check.refuse(.missing, "purpose", "", "支出用途", "what it was for") }
        let why = reason?.trimmingWhitespace()
        if let why, why.isEmpty { check.refuse(.missing, "authorise", "", "超支的理由", "the reason for the over-spend") }
        check.freeText(what, field: "purpose")
        check.freeText(why, field: "authorise")
        guard check.issues.isEmpty, let money, let day else { throw InputError(issues: check.issues) }
        let expense = Expense(
            id: .generate(),
            line: line.id,
            amount: money,
            spentOn: day,
            purpose: what,
            overspendReason: why
        )
        let booking = try await store.bookExpense(expense, authorised: why != nil) { remaining in
            var events = [
                DomainEvent(
                    ExpenseRecorded(
                        expense: expense.id,
                        line: line.id,
                        station: station.id,
                        amount: money,
                        remaining: remaining
                    ),
                    orgUnit: station.orgUnit,
                    station: station.id,
                    actor: actor,
                    at: instant
                )
            ]
            if remaining.value < 0, why != nil {
                events.append(
                    DomainEvent(
                        OverspendAuthorised(
                            expense: expense.id,
                            line: line.id,
                            station: station.id,
                            over: Fen(-remaining.value),
                            authorisedBy: actor
                        ),
                        orgUnit: station.orgUnit,
                        station: station.id,
                        actor: actor,
                        at: instant
                    )
                )
            }
            return events
        }
        return (expense, booking)
    }

    private static func issue(_ field: String, _ found: String, _ zh: String, _ en: String) -> InputError {
        InputError(issues: [
            InputIssue(code: .unknownReference, field: field, found: found, expected: LocalizedText(zh, en: en))
        ])
    }

    /// The most one line or expense may be: ¥100,000,000 (一亿元). A station's yearly budget is in
    /// the hundreds of thousands (seed 000 §一); a figure past this is a typo, not a budget.
    public static let largestAmount = Fen(10_000_000_000)

    /// `text` as an amount above 0 and no larger than `largestAmount`, or a refusal of `amount`.
    static func money(_ text: String, _ check: inout FieldCheck) -> Fen? {
        guard let money = try? Fen(parsing: text), money.value > 0 else {
            check.refuse(.invalidFormat, "amount", text, "大于 0 的金额(元,最多两位小数)", "an amount above 0 in yuan")
            return nil
        }
        guard money <= largestAmount else {
            check.refuse(.outOfRange, "amount", text, "不超过 1 亿元的金额", "an amount of at most ¥100,000,000")
            return nil
        }
        return money
    }
}
