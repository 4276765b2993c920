import Logging
import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// The budget line with `id`.
    public func budgetLine(_ id: BudgetLineID) async throws -> BudgetLine? {
        try await read("budget_line") { connection, logger in
            try await connection.query(
                "SELECT id, station_id, year, category, source, name, amount_fen FROM budget_line WHERE id = \(id.rawValue)",
                logger: logger
            ).collect().first.map { try Self.budgetLine($0.makeRandomAccess()) }
        }
    }

    /// The lines in `scope` (of `year` when given) with what has been spent on each.
    public func budgetLines(in scope: Scope, year: Int?) async throws -> [BudgetLineSpending] {
        var sql = SQLBuilder(
            """
            SELECT b.id, b.station_id, b.year, b.category, b.source, b.name, b.amount_fen,
                   (SELECT COALESCE(SUM(amount_fen), 0)::bigint FROM expense e WHERE e.line_id = b.id AND NOT e.voided)
                       AS spent_fen
            FROM budget_line b JOIN station s ON s.id = b.station_id WHERE 
            """
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        if let year { sql.append(" AND b.year = \(try sql.bind(year))") }
        sql.append(" ORDER BY b.id")
        let built = sql
        return try await read("budget_line") { connection, logger in
            try await connection.query(built.query, logger: logger).collect().map { row in
                let cells = row.makeRandomAccess()
                return BudgetLineSpending(
                    line: try Self.budgetLine(cells),
                    spent: Fen(try cells["spent_fen"].decode(Int64.self))
                )
            }
        }
    }

    /// Books `expense` in one transaction holding an advisory lock on its line.
    public func bookExpense(
        _ expense: Expense,
        authorised: Bool,
        events: @escaping @Sendable (Fen) -> [DomainEvent]
    ) async throws -> ExpenseBooking {
        struct Declined: Error { let remaining: Fen }
        do {
            return try await mapErrors("expense") {
                try await client.withTransaction(logger: logger) { connection in
                    let lock = "budget:\(expense.line.rawValue)"
                    try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(lock)))", logger: logger)
                    let rows = try await connection.query(
                        """
                        SELECT b.amount_fen,
                               (SELECT COALESCE(SUM(amount_fen), 0)::bigint FROM expense e
                                WHERE e.line_id = b.id AND NOT e.voided) AS spent_fen
                        FROM budget_line b WHERE b.id = \(expense.line.rawValue)
                        """,
                        logger: logger
                    ).collect()
                    let cells = rows.first?.makeRandomAccess()
                    let amount = try cells?["amount_fen"].decode(Int64.self) ?? 0
                    let spent = try cells?["spent_fen"].decode(Int64.self) ?? 0
                    let remaining = Fen(amount - spent - expense.amount.value)
                    guard remaining.value >= 0 || authorised else { throw Declined(remaining: Fen(amount - spent)) }
                    _ = try await Self.commit(
                        ChangeSet(writes: [.expense(expense)], events: events(remaining)),
                        on: connection,
                        logger: logger
                    )
                    return ExpenseBooking.booked(remaining: remaining)
                }
            }
        } catch let declined as Declined {
            return .overspend(remaining: declined.remaining)
        }
    }

    static func budgetLine(_ cells: PostgresRandomAccessRow) throws -> BudgetLine {
        BudgetLine(
            id: try id(cells, "id"),
            station: try id(cells, "station_id"),
            year: try cells["year"].decode(Int.self),
            category: try enumValue(cells, "category"),
            source: try enumValue(cells, "source"),
            name: try cells["name"].decode(String.self),
            amount: Fen(try cells["amount_fen"].decode(Int64.self))
        )
    }

    static func expense(_ cells: PostgresRandomAccessRow) throws -> Expense {
        Expense(
            id: try id(cells, "id"),
            line: try id(cells, "line_id"),
            amount: Fen(try cells["amount_fen"].decode(Int64.self)),
            spentOn: try parse(try? CivilDate(parsing: try cells["spent_on"].decode(String.self)), "spent_on"),
            purpose: try cells["purpose"].decode(String.self),
            overspendReason: try cells["overspend_reason"].decode(String?.self)
        )
    }
}
