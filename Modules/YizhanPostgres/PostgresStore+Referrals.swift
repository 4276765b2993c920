import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// The columns a referral listing is read from (`referral f` joined to `service_record r`).
    private static let referralColumns = """
        f.record_id, f.agency_name, f.outcome, f.outcome_on, r.station_id, r.service_date::text AS service_date,
        (SELECT string_agg(client_id, ',' ORDER BY client_id) FROM service_participant p WHERE p.record_id = r.id)
            AS clients
        """

    /// The referral of service record `record`.
    public func referral(_ record: ServiceRecordID) async throws -> ReferralListing? {
        var sql = SQLBuilder(
            "SELECT \(Self.referralColumns) FROM referral f JOIN service_record r ON r.id = f.record_id WHERE NOT r.voided AND f.record_id = "
        )
        sql.append(try sql.bind(record.rawValue))
        let built = sql
        return try await read("referral") { connection, logger in
            try await connection.query(built.query, logger: logger).collect().first.map(Self.referralListing)
        }
    }

    /// Up to `limit` referrals in `scope`, newest first; only pending ones when `pendingOnly`.
    public func referrals(in scope: Scope, pendingOnly: Bool, limit: Int) async throws -> [ReferralListing] {
        var sql = SQLBuilder(
            """
            SELECT \(Self.referralColumns) FROM referral f JOIN service_record r ON r.id = f.record_id
            JOIN station s ON s.id = r.station_id WHERE NOT r.voided AND 
            """
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        if pendingOnly { sql.append(" AND f.outcome = 'pending'") }
        let limit = try sql.bind(max(0, min(limit, Int(Int32.max))))
        sql.append(" ORDER BY r.service_date DESC, f.record_id DESC LIMIT \(limit)")
        let built = sql
        return try await read("referral") { connection, logger in
            try await connection.query(built.query, logger: logger).collect().map(Self.referralListing)
        }
    }

    static func referral(_ cells: PostgresRandomAccessRow) throws -> Referral {
        Referral(
            record: try id(cells, "record_id"),
            agency: try cells["agency_name"].decode(String.self),
            outcome: try enumValue(cells, "outcome"),
            outcomeOn: try cells["outcome_on"].decode(String?.self).flatMap { try? CivilDate(parsing: $0) }
        )
    }

    private static func referralListing(_ row: PostgresRow) throws -> ReferralListing {
        let cells = row.makeRandomAccess()
        return ReferralListing(
            referral: try referral(cells),
            station: try id(cells, "station_id"),
            date: try parse(try? CivilDate(parsing: try cells["service_date"].decode(String.self)), "service_date"),
            clients: try idList(cells, "clients")
        )
    }
}
