import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// The donation columns.
    static let donationColumns = """
        id, station_id, donor_kind, donor_name, kind, amount_fen, goods, received_on, purpose, channel, is_matching,
        charity_fund_id, ledger_key
        """

    /// The gifts in `scope` (received in `period` when given), oldest first.
    public func donations(in scope: Scope, period: CivilPeriod?) async throws -> [Donation] {
        var sql = SQLBuilder(
            """
            SELECT d.id, d.station_id, d.donor_kind, d.donor_name, d.kind, d.amount_fen, d.goods, d.received_on, d.purpose,
                   d.channel, d.is_matching, d.charity_fund_id, d.ledger_key
            FROM donation d JOIN station s ON s.id = d.station_id WHERE NOT d.voided AND 
            """
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        if let period {
            sql.append(
                " AND d.received_on BETWEEN \(try sql.bind(period.start.description)) AND \(try sql.bind(period.end.description))"
            )
        }
        sql.append(" ORDER BY d.received_on, d.id")
        let built = sql
        return try await read("donation") { connection, logger in
            try await connection.query(built.query, logger: logger).collect().map {
                try Self.donation($0.makeRandomAccess())
            }
        }
    }

    static func donation(_ cells: PostgresRandomAccessRow) throws -> Donation {
        Donation(
            id: try id(cells, "id"),
            station: try id(cells, "station_id"),
            donorKind: try enumValue(cells, "donor_kind"),
            donorName: try cells["donor_name"].decode(String?.self),
            kind: try enumValue(cells, "kind"),
            amount: Fen(try cells["amount_fen"].decode(Int64.self)),
            goods: try cells["goods"].decode(String?.self),
            receivedOn: try parse(try? CivilDate(parsing: try cells["received_on"].decode(String.self)), "received_on"),
            purpose: try cells["purpose"].decode(String?.self),
            channel: try cells["channel"].decode(String?.self),
            isMatching: try cells["is_matching"].decode(Bool.self),
            charityFund: try optionalID(cells, "charity_fund_id"),
            ledgerKey: try cells["ledger_key"].decode(Int64?.self).map(LedgerRowKey.init)
        )
    }
}
