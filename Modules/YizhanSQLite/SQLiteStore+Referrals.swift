import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// The columns a referral listing is read from (`referral f` joined to `service_record r`).
    private static let referralColumns = """
        f.record_id, f.agency_name, f.outcome, f.outcome_on, r.station_id, r.service_date,
        (SELECT group_concat(client_id, ',') FROM service_participant p WHERE p.record_id = r.id) AS clients
        """

    /// The referral of service record `record`.
    public func referral(_ record: ServiceRecordID) async throws -> ReferralListing? {
        try await read("referral") { db in
            try Self.rows(
                db,
                sql: """
                    SELECT \(Self.referralColumns) FROM referral f JOIN service_record r ON r.id = f.record_id
                    WHERE f.record_id = ? AND r.voided = 0
                    """,
                arguments: [record.rawValue]
            ).first.map(Self.referralListing)
        }
    }

    /// Up to `limit` referrals in `scope`, newest first; only pending ones when `pendingOnly`.
    public func referrals(in scope: Scope, pendingOnly: Bool, limit: Int) async throws -> [ReferralListing] {
        var (filter, arguments) = Self.stationFilter(scope, alias: "s")
        if pendingOnly { filter += " AND f.outcome = 'pending'" }
        arguments += [max(0, limit)]
        let sql = """
            SELECT \(Self.referralColumns) FROM referral f JOIN service_record r ON r.id = f.record_id
            JOIN station s ON s.id = r.station_id WHERE r.voided = 0 AND \(filter) ORDER BY r.service_date DESC, f.record_id DESC LIMIT ?
            """
        let bound = arguments
        return try await read("referral") { db in
            try Self.rows(db, sql: sql, arguments: bound).map(Self.referralListing)
        }
    }

    static func referral(_ row: Row) throws -> Referral {
        Referral(
            record: try id(row, "record_id"),
            agency: try row.decode(forColumn: "agency_name"),
            outcome: try enumValue(row, "outcome"),
            outcomeOn: try row.decode(String?.self, forColumn: "outcome_on").flatMap { try? CivilDate(parsing: $0) }
        )
    }

    private static func referralListing(_ row: Row) throws -> ReferralListing {
        ReferralListing(
            referral: try referral(row),
            station: try id(row, "station_id"),
            date: try date(row, "service_date"),
            clients: try idList(row, "clients")
        )
    }
}
