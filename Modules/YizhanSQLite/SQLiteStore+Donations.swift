import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// The donation columns.
    static let donationColumns = """
        id, station_id, donor_kind, donor_name, kind, amount_fen, goods, received_on, purpose, channel, is_matching,
        charity_fund_id, ledger_key
        """

    /// The gifts in `scope` (received in `period` when given), oldest first.
    public func donations(in scope: Scope, period: CivilPeriod?) async throws -> [Donation] {
        var (filter, arguments) = Self.stationFilter(scope, alias: "s")
        filter += " AND d.voided = 0"
        if let period {
            filter += " AND d.received_on BETWEEN ? AND ?"
            arguments += [period.start.description, period.end.description]
        }
        let sql = """
            SELECT \(Self.qualified(Self.donationColumns, "d")) FROM donation d JOIN station s ON s.id = d.station_id
            WHERE \(filter) ORDER BY d.received_on, d.id
            """
        let bound = arguments
        return try await read("donation") { db in try Self.rows(db, sql: sql, arguments: bound).map(Self.donation) }
    }

    static func donation(_ row: Row) throws -> Donation {
        Donation(
            id: try id(row, "id"),
            station: try id(row, "station_id"),
            donorKind: try enumValue(row, "donor_kind"),
            donorName: try row.decode(forColumn: "donor_name"),
            kind: try enumValue(row, "kind"),
            amount: Fen(try row.decode(forColumn: "amount_fen")),
            goods: try row.decode(forColumn: "goods"),
            receivedOn: try date(row, "received_on"),
            purpose: try row.decode(forColumn: "purpose"),
            channel: try row.decode(forColumn: "channel"),
            isMatching: try row.decode(forColumn: "is_matching"),
            charityFund: try optionalID(row, "charity_fund_id"),
            ledgerKey: (try row.decode(Int64?.self, forColumn: "ledger_key")).map(LedgerRowKey.init)
        )
    }
}
