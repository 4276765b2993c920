import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// The expense columns.
    static let expenseColumns = "id, line_id, amount_fen, spent_on, purpose, overspend_reason"

    /// The budget line with `id`.
    public func budgetLine(_ id: BudgetLineID) async throws -> BudgetLine? {
        try await read("budget_line") { db in
            try Self.rows(
                db,
                sql: "SELECT id, station_id, year, category, source, name, amount_fen FROM budget_line WHERE id = ?",
                arguments: [id.rawValue]
            ).first.map(Self.budgetLine)
        }
    }

    /// The lines in `scope` (of `year` when given) with what has been spent on each.
    public func budgetLines(in scope: Scope, year: Int?) async throws -> [BudgetLineSpending] {
        var (filter, arguments) = Self.stationFilter(scope, alias: "s")
        if let year {
            filter += " AND b.year = ?"
            arguments += [year]
        }
        let sql = """
            SELECT b.id, b.station_id, b.year, b.category, b.source, b.name, b.amount_fen,
                   (SELECT COALESCE(SUM(amount_fen), 0) FROM expense e WHERE e.line_id = b.id AND e.voided = 0) AS spent_fen
            FROM budget_line b JOIN station s ON s.id = b.station_id WHERE \(filter) ORDER BY b.id
            """
        let bound = arguments
        return try await read("budget_line") { db in
            try Self.rows(db, sql: sql, arguments: bound).map { row in
                BudgetLineSpending(line: try Self.budgetLine(row), spent: Fen(try row.decode(forColumn: "spent_fen")))
            }
        }
    }

    /// Books `expense` in an IMMEDIATE transaction, so that the line's sum it checks is the sum it adds to.
    public func bookExpense(
        _ expense: Expense,
        authorised: Bool,
        events: @escaping @Sendable (Fen) -> [DomainEvent]
    ) async throws -> ExpenseBooking {
        try await mapErrors("expense") {
            try await pool.writeWithoutTransaction { db in
                var outcome = ExpenseBooking.overspend(remaining: .zero)
                try db.inTransaction(.immediate) {
                    let amount =
                        try Int64.fetchOne(
                            db,
                            sql: "SELECT amount_fen FROM budget_line WHERE id = ?",
                            arguments: [expense.line.rawValue]
                        )
                        ?? 0
                    let spent =
                        try Int64.fetchOne(
                            db,
                            sql: "SELECT COALESCE(SUM(amount_fen), 0) FROM expense WHERE line_id = ? AND voided = 0",
                            arguments: [expense.line.rawValue]
                        ) ?? 0
                    let remaining = Fen(amount - spent - expense.amount.value)
                    guard remaining.value >= 0 || authorised else {
                        outcome = .overspend(remaining: Fen(amount - spent))
                        return .rollback
                    }
                    _ = try Self.commit(ChangeSet(writes: [.expense(expense)], events: events(remaining)), in: db)
                    outcome = .booked(remaining: remaining)
                    return .commit
                }
                return outcome
            }
        }
    }

    static func budgetLine(_ row: Row) throws -> BudgetLine {
        BudgetLine(
            id: try id(row, "id"),
            station: try id(row, "station_id"),
            year: try row.decode(forColumn: "year"),
            category: try enumValue(row, "category"),
            source: try enumValue(row, "source"),
            name: try row.decode(forColumn: "name"),
            amount: Fen(try row.decode(forColumn: "amount_fen"))
        )
    }

    static func expense(_ row: Row) throws -> Expense {
        Expense(
            id: try id(row, "id"),
            line: try id(row, "line_id"),
            amount: Fen(try row.decode(forColumn: "amount_fen")),
            spentOn: try date(row, "spent_on"),
            purpose: try row.decode(forColumn: "purpose"),
            overspendReason: try row.decode(forColumn: "overspend_reason")
        )
    }
}
