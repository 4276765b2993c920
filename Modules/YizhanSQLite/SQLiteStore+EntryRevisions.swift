import Foundation
import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// Versions of expenses and gifts: the row holds the current one (or is marked voided), and
    /// each revision keeps the versions before and after it.
    static let v26EntryRevisions = """
        ALTER TABLE expense ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
        ALTER TABLE expense ADD COLUMN voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1));
        ALTER TABLE donation ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
        ALTER TABLE donation ADD COLUMN voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1));
        CREATE TABLE entry_revision (
            entry_kind TEXT NOT NULL CHECK (entry_kind IN ('expense', 'donation')),
            entry_id TEXT NOT NULL,
            version INTEGER NOT NULL CHECK (version >= 2),
            change TEXT NOT NULL CHECK (change IN ('corrected', 'voided')),
            previous TEXT NOT NULL CHECK (json_valid(previous)),
            current TEXT CHECK (current IS NULL OR json_valid(current)),
            reason TEXT NOT NULL CHECK (reason <> ''),
            revised_at_ms INTEGER NOT NULL,
            actor TEXT NOT NULL,
            PRIMARY KEY (entry_kind, entry_id, version),
            CHECK ((change = 'voided') = (current IS NULL))
        ) WITHOUT ROWID;
        """

    static let entryRevisionColumns = "entry_id, version, change, previous, current, reason, revised_at_ms, actor"

    /// The expense `id`, voided or not.
    public func expense(_ id: ExpenseID) async throws -> StoredEntry<Expense>? {
        try await read("expense") { db in try Self.storedExpense(id, in: db) }
    }

    /// The expenses of `line`, oldest first, voided ones included.
    public func expenses(of line: BudgetLineID) async throws -> [StoredEntry<Expense>] {
        try await read("expense") { db in
            try Self.rows(
                db,
                sql: """
                    SELECT \(Self.expenseColumns), version, voided FROM expense WHERE line_id = ?
                    ORDER BY spent_on, id
                    """,
                arguments: [line.rawValue]
            ).map { row in
                StoredEntry(
                    entry: try Self.expense(row),
                    version: try row.decode(forColumn: "version"),
                    isVoided: try row.decode(forColumn: "voided")
                )
            }
        }
    }

    /// The gift `id`, voided or not.
    public func donation(_ id: DonationID) async throws -> StoredEntry<Donation>? {
        try await read("donation") { db in try Self.storedDonation(id, in: db) }
    }

    /// The revisions of entry `id`, oldest first.
    public func entryRevisions<Entry: RevisableEntry>(of id: Entry.ID) async throws -> [EntryRevision<Entry>] {
        try await read("entry_revision") { db in
            try Self.rows(
                db,
                sql: """
                    SELECT \(Self.entryRevisionColumns) FROM entry_revision WHERE entry_kind = ? AND entry_id = ?
                    ORDER BY version
                    """,
                arguments: [Entry.entryKind.rawValue, id.rawValue]
            ).map(Self.entryRevision)
        }
    }

    /// Applies an expense's revision in an IMMEDIATE transaction, so that the line's sum it checks
    /// is the sum it changes.
    public func reviseExpense(
        _ revision: EntryRevision<Expense>,
        authorised: Bool,
        events: @escaping @Sendable (Fen) -> [DomainEvent]
    ) async throws -> EntryRevisionOutcome {
        try await mapErrors("expense") {
            try await pool.writeWithoutTransaction { db in
                var outcome = EntryRevisionOutcome.refused(remaining: .zero)
                try db.inTransaction(.immediate) {
                    let line = revision.previous.line.rawValue
                    let amount =
                        try Int64.fetchOne(
                            db,
                            sql: "SELECT amount_fen FROM budget_line WHERE id = ?",
                            arguments: [line]
                        )
                        ?? 0
                    let others =
                        try Int64.fetchOne(
                            db,
                            sql:
                                "SELECT COALESCE(SUM(amount_fen), 0) FROM expense WHERE line_id = ? AND voided = 0 AND id <> ?",
                            arguments: [line, revision.entry.rawValue]
                        ) ?? 0
                    let after = revision.current?.amount.value ?? 0
                    let remaining = Fen(amount - others - after)
                    let raised = after > revision.previous.amount.value
                    guard remaining.value >= 0 || !raised || authorised else {
                        outcome = .refused(remaining: Fen(amount - others))
                        return .rollback
                    }
                    _ = try Self.commit(
                        ChangeSet(writes: [.expenseRevision(revision)], events: events(remaining)),
                        in: db
                    )
                    outcome = .revised(remaining: remaining)
                    return .commit
                }
                return outcome
            }
        }
    }

    /// Applies a gift's revision in an IMMEDIATE transaction, so that the fund's balance it checks is
    /// the balance it changes.
    public func reviseDonation(
        _ revision: EntryRevision<Donation>,
        events: @escaping @Sendable (Fen?) -> [DomainEvent]
    ) async throws -> EntryRevisionOutcome {
        try await mapErrors("donation") {
            try await pool.writeWithoutTransaction { db in
                var outcome = EntryRevisionOutcome.refused(remaining: .zero)
                try db.inTransaction(.immediate) {
                    var balance: Fen?
                    if let fund = revision.previous.charityFund?.rawValue {
                        let received =
                            try Int64.fetchOne(
                                db,
                                sql: """
                                    SELECT COALESCE(SUM(amount_fen), 0) FROM donation
                                    WHERE charity_fund_id = ? AND kind = 'money' AND voided = 0 AND id <> ?
                                    """,
                                arguments: [fund, revision.entry.rawValue]
                            ) ?? 0
                        let granted =
                            try Int64.fetchOne(
                                db,
                                sql: "SELECT COALESCE(SUM(amount_fen), 0) FROM charity_grant WHERE fund_id = ?",
                                arguments: [fund]
                            ) ?? 0
                        let gift = revision.current.map { $0.kind == .money ? $0.amount.value : 0 } ?? 0
                        let after = Fen(received + gift - granted)
                        guard after.value >= 0 else {
                            let kept = revision.previous.kind == .money ? revision.previous.amount.value : 0
                            outcome = .refused(remaining: Fen(received + kept - granted))
                            return .rollback
                        }
                        balance = after
                    }
                    _ = try Self.commit(
                        ChangeSet(writes: [.donationRevision(revision)], events: events(balance)),
                        in: db
                    )
                    outcome = .revised(remaining: balance)
                    return .commit
                }
                return outcome
            }
        }
    }

    static func storedExpense(_ id: ExpenseID, in db: Database) throws -> StoredEntry<Expense>? {
        try rows(
            db,
            sql: "SELECT \(expenseColumns), version, voided FROM expense WHERE id = ?",
            arguments: [id.rawValue]
        ).first.map { row in
            StoredEntry(
                entry: try expense(row),
                version: try row.decode(forColumn: "version"),
                isVoided: try row.decode(forColumn: "voided")
            )
        }
    }

    static func storedDonation(_ id: DonationID, in db: Database) throws -> StoredEntry<Donation>? {
        try rows(
            db,
            sql: "SELECT \(donationColumns), version, voided FROM donation WHERE id = ?",
            arguments: [id.rawValue]
        ).first.map { row in
            StoredEntry(
                entry: try donation(row),
                version: try row.decode(forColumn: "version"),
                isVoided: try row.decode(forColumn: "voided")
            )
        }
    }

    static func entryRevision<Entry: RevisableEntry>(_ row: Row) throws -> EntryRevision<Entry> {
        let current: String? = try row.decode(forColumn: "current")
        return EntryRevision(
            version: try row.decode(forColumn: "version"),
            change: try enumValue(row, "change"),
            previous: try Entry(historyJSON: try row.decode(forColumn: "previous")),
            current: try current.map(Entry.init(historyJSON:)),
            reason: try row.decode(forColumn: "reason"),
            revisedAt: Date(millisecondsSince1970: try row.decode(forColumn: "revised_at_ms")),
            actor: Actor(rawValue: try row.decode(forColumn: "actor"))
        )
    }

    /// Applies an expense's revision if the store holds its previous version, not voided; else the
    /// change breaks.
    static func apply(_ revision: EntryRevision<Expense>, in db: Database) throws {
        try revision.check(against: try storedExpense(revision.entry, in: db))
        for day in Set([revision.previous.spentOn] + [revision.current?.spentOn].compactMap { $0 }) {
            try checkUnlocked(.expenses, line: revision.previous.line, day: day, in: db)
        }
        if let current = revision.current {
            try run(
                db,
                "expense",
                """
                UPDATE expense SET amount_fen = ?, spent_on = ?, purpose = ?, overspend_reason = ?, version = ?
                WHERE id = ?
                """,
                [
                    current.amount.value, current.spentOn.description, current.purpose, current.overspendReason,
                    revision.version, revision.entry.rawValue,
                ]
            )
        } else {
            try run(
                db,
                "expense",
                "UPDATE expense SET voided = 1, version = ? WHERE id = ?",
                [revision.version, revision.entry.rawValue]
            )
        }
        try insertHistory(revision, in: db)
    }

    /// Applies a gift's revision if the store holds its previous version, not voided; else the
    /// change breaks.
    static func apply(_ revision: EntryRevision<Donation>, in db: Database) throws {
        try revision.check(against: try storedDonation(revision.entry, in: db))
        for day in Set([revision.previous.receivedOn] + [revision.current?.receivedOn].compactMap { $0 }) {
            try checkUnlocked(.donations, station: revision.previous.station, day: day, in: db)
        }
        if let current = revision.current {
            try run(
                db,
                "donation",
                """
                UPDATE donation SET donor_kind = ?, donor_name = ?, kind = ?, amount_fen = ?, goods = ?, received_on = ?,
                    purpose = ?, channel = ?, is_matching = ?, version = ?
                WHERE id = ?
                """,
                [
                    current.donorKind.rawValue, current.donorName, current.kind.rawValue, current.amount.value,
                    current.goods, current.receivedOn.description, current.purpose, current.channel,
                    current.isMatching, revision.version, revision.entry.rawValue,
                ]
            )
        } else {
            try run(
                db,
                "donation",
                "UPDATE donation SET voided = 1, version = ? WHERE id = ?",
                [revision.version, revision.entry.rawValue]
            )
        }
        try insertHistory(revision, in: db)
    }

    static func insertHistory<Entry: RevisableEntry>(_ revision: EntryRevision<Entry>, in db: Database) throws {
        try run(
            db,
            "entry_revision",
            "INSERT INTO entry_revision (entry_kind, \(entryRevisionColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                Entry.entryKind.rawValue, revision.entry.rawValue, revision.version, revision.change.rawValue,
                revision.previous.historyJSON, revision.current?.historyJSON, revision.reason,
                revision.revisedAt.millisecondsSince1970, revision.actor.rawValue,
            ]
        )
    }
}
