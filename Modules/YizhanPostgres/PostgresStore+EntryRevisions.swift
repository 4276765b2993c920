import Foundation
import Logging
import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// Versions of expenses and gifts, as on SQLite: the row holds the current one (or is marked
    /// voided), and each revision keeps the versions before and after it.
    static let v26EntryRevisions = Migration(
        name: "v26 entry revisions: versions of expenses and gifts, corrected or voided",
        statements: [
            "ALTER TABLE expense ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)",
            "ALTER TABLE expense ADD COLUMN voided BOOLEAN NOT NULL DEFAULT FALSE",
            "ALTER TABLE donation ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)",
            "ALTER TABLE donation ADD COLUMN voided BOOLEAN NOT NULL DEFAULT FALSE",
            """
            CREATE TABLE entry_revision (
                entry_kind TEXT NOT NULL CHECK (entry_kind IN ('expense', 'donation')),
                entry_id TEXT COLLATE "C" NOT NULL,
                version INTEGER NOT NULL CHECK (version >= 2),
                change TEXT NOT NULL CHECK (change IN ('corrected', 'voided')),
                previous JSONB NOT NULL,
                current JSONB,
                reason TEXT NOT NULL CHECK (reason <> ''),
                revised_at_ms BIGINT NOT NULL,
                actor TEXT NOT NULL,
                PRIMARY KEY (entry_kind, entry_id, version),
                CHECK ((change = 'voided') = (current IS NULL))
            )
            """,
        ]
    )

    /// The expense columns.
    static let expenseColumns = "id, line_id, amount_fen, spent_on, purpose, overspend_reason"

    /// The revision columns, JSON read as text.
    static let entryRevisionColumns = """
        entry_id, version, change, previous::text AS previous, current::text AS current, reason, revised_at_ms, actor
        """

    /// The expense `id`, voided or not.
    public func expense(_ id: ExpenseID) async throws -> StoredEntry<Expense>? {
        try await read("expense") { connection, logger in
            try await Self.storedExpense(id, on: connection, logger: logger)
        }
    }

    /// The expenses of `line`, oldest first, voided ones included.
    public func expenses(of line: BudgetLineID) async throws -> [StoredEntry<Expense>] {
        try await read("expense") { connection, logger in
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT \(Self.expenseColumns), version, voided FROM expense WHERE line_id = $1
                        ORDER BY spent_on, id
                        """,
                    binds: Self.bindings(line.rawValue)
                ),
                logger: logger
            ).collect().map { try Self.storedExpense($0.makeRandomAccess()) }
        }
    }

    /// The gift `id`, voided or not.
    public func donation(_ id: DonationID) async throws -> StoredEntry<Donation>? {
        try await read("donation") { connection, logger in
            try await Self.storedDonation(id, on: connection, logger: logger)
        }
    }

    /// The revisions of entry `id`, oldest first.
    public func entryRevisions<Entry: RevisableEntry>(of id: Entry.ID) async throws -> [EntryRevision<Entry>] {
        try await read("entry_revision") { connection, logger in
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT \(Self.entryRevisionColumns) FROM entry_revision WHERE entry_kind = $1 AND entry_id = $2
                        ORDER BY version
                        """,
                    binds: Self.bindings(Entry.entryKind.rawValue, id.rawValue)
                ),
                logger: logger
            ).collect().map { try Self.entryRevision($0.makeRandomAccess()) }
        }
    }

    /// Applies an expense's revision in one transaction holding the advisory lock its line's
    /// bookings hold, so that the sum it checks is the sum it changes.
    public func reviseExpense(
        _ revision: EntryRevision<Expense>,
        authorised: Bool,
        events: @escaping @Sendable (Fen) -> [DomainEvent]
    ) async throws -> EntryRevisionOutcome {
        struct Declined: Error { let remaining: Fen }
        do {
            return try await mapErrors("expense") {
                try await client.withTransaction(logger: logger) { connection in
                    let line = revision.previous.line.rawValue
                    let lock = "budget:\(line)"
                    try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(lock)))", logger: logger)
                    let entry = revision.entry.rawValue
                    let rows = try await connection.query(
                        """
                        SELECT b.amount_fen,
                               (SELECT COALESCE(SUM(amount_fen), 0)::bigint FROM expense e
                                WHERE e.line_id = b.id AND NOT e.voided AND e.id <> \(entry)) AS others_fen
                        FROM budget_line b WHERE b.id = \(line)
                        """,
                        logger: logger
                    ).collect()
                    let cells = rows.first?.makeRandomAccess()
                    let amount = try cells?["amount_fen"].decode(Int64.self) ?? 0
                    let others = try cells?["others_fen"].decode(Int64.self) ?? 0
                    let after = revision.current?.amount.value ?? 0
                    let remaining = Fen(amount - others - after)
                    let raised = after > revision.previous.amount.value
                    guard remaining.value >= 0 || !raised || authorised else {
                        throw Declined(remaining: Fen(amount - others))
                    }
                    _ = try await Self.commit(
                        ChangeSet(writes: [.expenseRevision(revision)], events: events(remaining)),
                        on: connection,
                        logger: logger
                    )
                    return EntryRevisionOutcome.revised(remaining: remaining)
                }
            }
        } catch let declined as Declined {
            return .refused(remaining: declined.remaining)
        }
    }

    /// Applies a gift's revision in one transaction holding the advisory lock its fund's grants
    /// hold, so that the balance it checks is the balance it changes.
    public func reviseDonation(
        _ revision: EntryRevision<Donation>,
        events: @escaping @Sendable (Fen?) -> [DomainEvent]
    ) async throws -> EntryRevisionOutcome {
        struct Declined: Error { let balance: Fen }
        do {
            return try await mapErrors("donation") {
                try await client.withTransaction(logger: logger) { connection in
                    var balance: Fen?
                    if let fund = revision.previous.charityFund?.rawValue {
                        let lock = "charityfund:\(fund)"
                        try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(lock)))", logger: logger)
                        let entry = revision.entry.rawValue
                        let rows = try await connection.query(
                            """
                            SELECT (SELECT COALESCE(SUM(amount_fen), 0)::bigint FROM donation
                                    WHERE charity_fund_id = \(fund) AND kind = 'money' AND NOT voided AND id <> \(entry))
                                 - (SELECT COALESCE(SUM(amount_fen), 0)::bigint FROM charity_grant
                                    WHERE fund_id = \(fund)) AS others_fen
                            """,
                            logger: logger
                        ).collect()
                        let others = try rows.first?.makeRandomAccess()["others_fen"].decode(Int64.self) ?? 0
                        let gift = revision.current.map { $0.kind == .money ? $0.amount.value : 0 } ?? 0
                        guard others + gift >= 0 else {
                            let kept = revision.previous.kind == .money ? revision.previous.amount.value : 0
                            throw Declined(balance: Fen(others + kept))
                        }
                        balance = Fen(others + gift)
                    }
                    _ = try await Self.commit(
                        ChangeSet(writes: [.donationRevision(revision)], events: events(balance)),
                        on: connection,
                        logger: logger
                    )
                    return EntryRevisionOutcome.revised(remaining: balance)
                }
            }
        } catch let declined as Declined {
            return .refused(remaining: declined.balance)
        }
    }

    static func storedExpense(
        _ id: ExpenseID,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> StoredEntry<Expense>? {
        try await connection.query(
            PostgresQuery(
                unsafeSQL: "SELECT \(expenseColumns), version, voided FROM expense WHERE id = $1",
                binds: bindings(id.rawValue)
            ),
            logger: logger
        ).collect().first.map { try storedExpense($0.makeRandomAccess()) }
    }

    static func storedExpense(_ cells: PostgresRandomAccessRow) throws -> StoredEntry<Expense> {
        StoredEntry(
            entry: try expense(cells),
            version: try cells["version"].decode(Int.self),
            isVoided: try cells["voided"].decode(Bool.self)
        )
    }

    static func storedDonation(
        _ id: DonationID,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> StoredEntry<Donation>? {
        try await connection.query(
            PostgresQuery(
                unsafeSQL: "SELECT \(donationColumns), version, voided FROM donation WHERE id = $1",
                binds: bindings(id.rawValue)
            ),
            logger: logger
        ).collect().first.map { row in
            let cells = row.makeRandomAccess()
            return StoredEntry(
                entry: try donation(cells),
                version: try cells["version"].decode(Int.self),
                isVoided: try cells["voided"].decode(Bool.self)
            )
        }
    }

    static func entryRevision<Entry: RevisableEntry>(_ cells: PostgresRandomAccessRow) throws -> EntryRevision<Entry> {
        EntryRevision(
            version: try cells["version"].decode(Int.self),
            change: try enumValue(cells, "change"),
            previous: try Entry(historyJSON: try cells["previous"].decode(String.self)),
            current: try cells["current"].decode(String?.self).map(Entry.init(historyJSON:)),
            reason: try cells["reason"].decode(String.self),
            revisedAt: Date(millisecondsSince1970: try cells["revised_at_ms"].decode(Int64.self)),
            actor: Actor(rawValue: try cells["actor"].decode(String.self))
        )
    }

    /// Applies an expense's revision if the database holds its previous version, not voided; else
    /// the change breaks. The row is locked first, so that two revisions at once cannot both apply.
    static func apply(
        _ revision: EntryRevision<Expense>,
        on connection: PostgresConnection,
        logger: Logger
    )
        async throws
    {
        let id = revision.entry.rawValue
        _ = try await connection.query("SELECT 1 FROM expense WHERE id = \(id) FOR UPDATE", logger: logger).collect()
        try revision.check(against: try await storedExpense(revision.entry, on: connection, logger: logger))
        if let current = revision.current {
            _ = try await connection.query(
                """
                UPDATE expense SET amount_fen = \(current.amount.value), spent_on = \(current.spentOn.description),
                    purpose = \(current.purpose), overspend_reason = \(current.overspendReason),
                    version = \(revision.version)
                WHERE id = \(id)
                """,
                logger: logger
            ).collect()
        } else {
            _ = try await connection.query(
                "UPDATE expense SET voided = TRUE, version = \(revision.version) WHERE id = \(id)",
                logger: logger
            ).collect()
        }
        try await insertHistory(revision, on: connection, logger: logger)
    }

    /// Applies a gift's revision if the database holds its previous version, not voided; else the
    /// change breaks. The row is locked first, so that two revisions at once cannot both apply.
    static func apply(
        _ revision: EntryRevision<Donation>,
        on connection: PostgresConnection,
        logger: Logger
    )
        async throws
    {
        let id = revision.entry.rawValue
        _ = try await connection.query("SELECT 1 FROM donation WHERE id = \(id) FOR UPDATE", logger: logger).collect()
        try revision.check(against: try await storedDonation(revision.entry, on: connection, logger: logger))
        if let current = revision.current {
            _ = try await connection.query(
                """
                UPDATE donation SET donor_kind = \(current.donorKind.rawValue), donor_name = \(current.donorName),
                    kind = \(current.kind.rawValue), amount_fen = \(current.amount.value), goods = \(current.goods),
                    received_on = \(current.receivedOn.description), purpose = \(current.purpose),
                    channel = \(current.channel), is_matching = \(current.isMatching), version = \(revision.version)
                WHERE id = \(id)
                """,
                logger: logger
            ).collect()
        } else {
            _ = try await connection.query(
                "UPDATE donation SET voided = TRUE, version = \(revision.version) WHERE id = \(id)",
                logger: logger
            ).collect()
        }
        try await insertHistory(revision, on: connection, logger: logger)
    }

    static func insertHistory<Entry: RevisableEntry>(
        _ revision: EntryRevision<Entry>,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        _ = try await connection.query(
            """
            INSERT INTO entry_revision (entry_kind, entry_id, version, change, previous, current, reason, revised_at_ms,
                actor)
            VALUES (\(Entry.entryKind.rawValue), \(revision.entry.rawValue), \(revision.version),
                    \(revision.change.rawValue), \(revision.previous.historyJSON)::jsonb,
                    \(revision.current?.historyJSON)::jsonb, \(revision.reason),
                    \(revision.revisedAt.millisecondsSince1970), \(revision.actor.rawValue))
            """,
            logger: logger
        ).collect()
    }
}
