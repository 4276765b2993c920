import Foundation

/// The facts a correction of an expense changes; what it leaves `nil` stays as booked.
public struct ExpenseCorrection: Hashable, Sendable {
    /// The amount in yuan, as people write it.
    public var amount: String?
    /// The day it was spent.
    public var date: String?
    /// What it was for.
    public var purpose: String?
    /// Why the line may be over-spent, when the corrected amount takes it past its amount.
    public var authorise: String?

    /// A correction of the facts given.
    public init(amount: String? = nil, date: String? = nil, purpose: String? = nil, authorise: String? = nil) {
        self.amount = amount
        self.date = date
        self.purpose = purpose
        self.authorise = authorise
    }
}

/// Corrects or voids a booked expense (支出更正、作废): a new version with its event
/// (`expense.corrected`, `expense.voided`) naming what changed, never why; the reason stays in
/// the store, the versions before in the expense's history, and a line's spending counts only the
/// current versions (issue 21.3). A correction passes every check a new expense does, the
/// over-spend of its line included.
public struct ReviseExpense: Sendable {
    let store: any StationStore
    let clock: WorkClock

    /// Creates the use case over `store`; `clock` gives the instant and the working day.
    public init(store: any StationStore, clock: WorkClock = .system) {
        self.store = store
        self.clock = clock
    }

    /// Applies `correction` to expense `id` of `station`, for `reason`.
    ///
    /// - Throws: `InputError` for an unknown or voided expense, a correction that changes nothing,
    ///   a missing reason, any field a new expense would be refused for, or an amount that would
    ///   over-spend the line without `authorise`; nothing is written then.
    @discardableResult
    public func correct(
        _ id: String,
        station: String,
        with correction: ExpenseCorrection,
        reason: String,
        actor: Actor
    ) async throws -> EntryRevision<Expense> {
        let (stored, line, found, why) = try await revisable(id, station: station, reason: reason)
        let previous = stored.entry
        let instant = clock.now()
        var check = FieldCheck()
        let amount = correction.amount.map { FundWork.money($0, &check) } ?? previous.amount
        let day = correction.date.map { check.date($0, today: clock.day(at: instant)) } ?? previous.spentOn
        if let day, let text = correction.date, day.year != line.year {
            check.refuse(
                .outOfRange,
                "date",
                text,
                "\(line.year) 年内的日期(预算科目“\(line.name)”属于该年)",
                "a day in \(line.year), the year of the line '\(line.name)'"
            )
        }
        let purpose = correction.purpose.map { $0.trimmingWhitespace() } ?? previous.purpose
        if purpose.isEmpty { check.refuse(.missing, "purpose", "", "支出用途", "what it was for") }
        let authorise = correction.authorise?.trimmingWhitespace()
        if let authorise, authorise.isEmpty {
            check.refuse(.missing, "authorise", "", "超支的理由", "the reason for the over-spend")
        }
        if correction.purpose != nil { check.freeText(purpose, field: "purpose") }
        check.freeText(authorise, field: "authorise")
        guard check.issues.isEmpty, let amount, let day else { throw InputError(issues: check.issues) }
        let current = Expense(
            id: previous.id,
            line: previous.line,
            amount: amount,
            spentOn: day,
            purpose: purpose,
            overspendReason: authorise ?? previous.overspendReason
        )
        let revision = EntryRevision(
            version: stored.version + 1,
            change: .corrected,
            previous: previous,
            current: current,
            reason: why,
            revisedAt: instant,
            actor: actor
        )
        guard !revision.changedFields.isEmpty else { throw InputError.nothingToCorrect("expense", id) }
        let outcome = try await store.reviseExpense(revision, authorised: current.overspendReason != nil) {
            remaining in
            var events = [
                DomainEvent(
                    ExpenseCorrected(revision, station: found.id),
                    orgUnit: found.orgUnit,
                    station: found.id,
                    actor: actor,
                    at: instant
                )
            ]
            if remaining.value < 0, authorise != nil {
                events.append(
                    DomainEvent(
                        OverspendAuthorised(
                            expense: previous.id,
                            line: line.id,
                            station: found.id,
                            over: Fen(-remaining.value),
                            authorisedBy: actor
                        ),
                        orgUnit: found.orgUnit,
                        station: found.id,
                        actor: actor,
                        at: instant
                    )
                )
            }
            return events
        }
        if case .refused(let remaining) = outcome {
            throw InputError.single(
                .outOfRange,
                "amount",
                correction.amount ?? "\(amount)",
                "不超过预算科目“\(line.name)”可用的 \(remaining)(超支须用 --authorise 写明理由)",
                "at most the \(remaining) the line '\(line.name)' has for it (or --authorise an over-spend)"
            )
        }
        return revision
    }

    /// Voids expense `id` of `station`, for `reason`: it stays in the history and no longer counts
    /// against its line.
    ///
    /// - Throws: `InputError` for an unknown or voided expense or a missing reason.
    @discardableResult
    public func void(
        _ id: String,
        station: String,
        reason: String,
        actor: Actor
    ) async throws
        -> EntryRevision<Expense>
    {
        let (stored, _, found, why) = try await revisable(id, station: station, reason: reason)
        let revision = EntryRevision(
            version: stored.version + 1,
            change: .voided,
            previous: stored.entry,
            current: nil,
            reason: why,
            revisedAt: clock.now(),
            actor: actor
        )
        _ = try await store.reviseExpense(revision, authorised: true) { _ in
            [
                DomainEvent(
                    ExpenseVoided(revision, station: found.id),
                    orgUnit: found.orgUnit,
                    station: found.id,
                    actor: actor,
                    at: revision.revisedAt
                )
            ]
        }
        return revision
    }

    /// The stored expense `id` of `station`, voided or not, with its line and station: what
    /// `fund expense show` shows and a revision starts from. An expense of another station is not
    /// found.
    ///
    /// - Throws: `InputError` on the `expense` field when the station has no such expense.
    public func find(_ id: String, station: String) async throws -> (StoredEntry<Expense>, BudgetLine, Station) {
        let stationID = try InputError.stationID(station)
        guard let expenseID = try? ExpenseID(id), let stored = try await store.expense(expenseID),
            let line = try await store.budgetLine(stored.entry.line), line.station == stationID,
            let found = try await store.station(stationID)
        else {
            throw InputError.single(
                .unknownReference,
                "expense",
                id,
                "本站已记录的支出编号(yizhan fund expense list 可查)",
                "the id of an expense of the station (see yizhan fund expense list)"
            )
        }
        return (stored, line, found)
    }

    /// The stored expense `id` of `station`, not voided, with its line and station, and the reason
    /// checked.
    private func revisable(
        _ id: String,
        station: String,
        reason: String
    ) async throws -> (StoredEntry<Expense>, BudgetLine, Station, String) {
        let (stored, line, found) = try await find(id, station: station)
        guard !stored.isVoided else { throw InputError.alreadyVoided("expense", id) }
        return (stored, line, found, try ReviseService.reason(reason))
    }
}

extension InputError {
    /// A correction of `field` `id` that would change nothing; `option` is one it could give.
    static func nothingToCorrect(_ field: String, _ id: String, option: String = "--amount") -> InputError {
        .single(
            .conflict,
            field,
            id,
            "与现有版本不同的更正(给出要改的项,如 \(option))",
            "a correction that changes something (give what to change, e.g. \(option))"
        )
    }

    /// A revision of `field` `id`, which was voided already.
    static func alreadyVoided(_ field: String, _ id: String) -> InputError {
        .single(.conflict, field, id, "未作废的条目(该条已作废)", "an entry that is not voided (this one is)")
    }
}
