import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// Gifts grouped by station, donor kind, kind, channel, purpose and matching.
    public func donationTotals(_ query: DonationTotalsQuery) async throws -> [DonationTotal] {
        var (filter, arguments) = Self.stationFilter(query.scope, alias: "s")
        filter += " AND d.voided = 0"
        if let period = query.period {
            filter += " AND d.received_on BETWEEN ? AND ?"
            arguments += [period.start.description, period.end.description]
        }
        if let recordedBy = query.recordedBy {
            filter += " AND d.id < ?"
            arguments += [UUIDv7.bound(madeNoLaterThan: recordedBy)]
        }
        let keys = "d.station_id, d.donor_kind, d.kind, d.channel, d.purpose, d.is_matching"
        let sql = """
            SELECT \(keys), COUNT(*) AS gifts, SUM(d.amount_fen) AS amount_fen
            FROM donation d JOIN station s ON s.id = d.station_id
            WHERE \(filter) GROUP BY \(keys) ORDER BY \(keys)
            """
        let bound = arguments
        return try await read("donation") { db in
            try Self.rows(db, sql: sql, arguments: bound).map { row in
                DonationTotal(
                    station: try Self.id(row, "station_id"),
                    donorKind: try Self.enumValue(row, "donor_kind"),
                    kind: try Self.enumValue(row, "kind"),
                    channel: try row.decode(forColumn: "channel"),
                    purpose: try row.decode(forColumn: "purpose"),
                    isMatching: try row.decode(forColumn: "is_matching"),
                    gifts: try row.decode(forColumn: "gifts"),
                    amount: Fen(try row.decode(Int64.self, forColumn: "amount_fen"))
                )
            }
        }
    }

    /// Per station: volunteers, teams, and the period's activities, attendances, minutes and points.
    public func volunteerTotals(in scope: Scope, period: CivilPeriod) async throws -> [VolunteerTotal] {
        let (filter, stationArguments) = Self.stationFilter(scope, alias: "s")
        let start = period.start.description
        let end = period.end.description
        let sql = """
            SELECT s.id,
                (SELECT COUNT(*) FROM volunteer v WHERE v.station_id = s.id AND v.registered_on <= ?) AS volunteers,
                (SELECT COUNT(*) FROM volunteer_team t WHERE t.station_id = s.id) AS teams,
                (SELECT COUNT(*) FROM volunteer_activity a WHERE a.station_id = s.id AND a.held_on BETWEEN ? AND ?)
                    AS activities,
                (SELECT COUNT(*) FROM volunteer_hours h JOIN volunteer_activity a ON a.id = h.activity_id
                    WHERE a.station_id = s.id AND h.voided = 0 AND a.held_on BETWEEN ? AND ?) AS attendances,
                (SELECT COALESCE(SUM(h.minutes), 0) FROM volunteer_hours h JOIN volunteer_activity a ON a.id = h.activity_id
                    WHERE a.station_id = s.id AND h.voided = 0 AND a.held_on BETWEEN ? AND ?) AS minutes,
                \(Self.points("'earned', 'adjusted'", sign: "")) AS earned,
                \(Self.points("'redeemed'", sign: "-")) AS redeemed,
                \(Self.points("'expired'", sign: "-")) AS expired
            FROM station s WHERE \(filter) ORDER BY s.id
            """
        // The registration bound, then a (start, end) pair for each of the six period sums.
        let arguments: StatementArguments =
            [end, start, end, start, end, start, end, start, end, start, end, start, end] + stationArguments
        return try await read("volunteer") { db in
            try Self.rows(db, sql: sql, arguments: arguments).map { row in
                VolunteerTotal(
                    station: try Self.id(row, "id"),
                    volunteers: try row.decode(forColumn: "volunteers"),
                    teams: try row.decode(forColumn: "teams"),
                    activities: try row.decode(forColumn: "activities"),
                    attendances: try row.decode(forColumn: "attendances"),
                    minutes: try row.decode(forColumn: "minutes"),
                    pointsEarned: try row.decode(forColumn: "earned"),
                    pointsRedeemed: try row.decode(forColumn: "redeemed"),
                    pointsExpired: try row.decode(forColumn: "expired")
                )
            }
        }
    }

    /// The sum of a station's passbook entries of `kinds` (a quoted SQL list) dated in the period
    /// (two arguments), signed. The points earned count the hours' corrections with them.
    private static func points(_ kinds: String, sign: String) -> String {
        """
        (SELECT \(sign)COALESCE(SUM(e.points), 0) FROM passbook_entry e
            WHERE e.station_id = s.id AND e.kind IN (\(kinds)) AND e.on_date BETWEEN ? AND ?)
        """
    }

    /// Per station and stage: cases open at the period's end by their stage then, and those that
    /// reached a final stage within the period.
    public func caseStageCounts(in scope: Scope, period: CivilPeriod) async throws -> [CaseStageCount] {
        let (filter, stationArguments) = Self.stationFilter(scope, alias: "s")
        let sql = """
            SELECT c.station_id, cs.stage, COUNT(*) AS cases
            FROM case_file c JOIN station s ON s.id = c.station_id
            JOIN case_stage cs ON cs.case_id = c.id AND cs.position =
                (SELECT MAX(x.position) FROM case_stage x WHERE x.case_id = c.id AND x.since <= ?)
            WHERE \(filter) AND (cs.stage NOT IN ('closed', 'referred', 'ended') OR cs.since >= ?)
            GROUP BY c.station_id, cs.stage ORDER BY c.station_id, cs.stage
            """
        let arguments: StatementArguments =
            [period.end.description] + stationArguments + [period.start.description]
        return try await read("case_file") { db in
            try Self.rows(db, sql: sql, arguments: arguments).map { row in
                CaseStageCount(
                    station: try Self.id(row, "station_id"),
                    stage: try Self.enumValue(row, "stage"),
                    cases: try row.decode(forColumn: "cases")
                )
            }
        }
    }

    /// Service person-times by the categories of the named clients served, then the named clients
    /// with no category, then the records with none named.
    public func clientCategoryTotals(_ query: ServiceTotalsQuery) async throws -> [ClientCategoryTotal] {
        let (filter, arguments) = Self.recordFilter(query.scope, period: query.period, recordedBy: query.recordedBy)
        let sql = """
            SELECT 0 AS grouping, je.value AS category, COUNT(DISTINCT r.id) AS records, COUNT(*) AS person_times,
                   COUNT(DISTINCT c.id) AS clients
            FROM service_record r JOIN service_participant p ON p.record_id = r.id
            JOIN client c ON c.id = p.client_id JOIN json_each(c.categories) je
            WHERE \(filter) AND r.is_training = 0 GROUP BY je.value
            UNION ALL
            SELECT 1, NULL, COUNT(DISTINCT r.id), COUNT(*), COUNT(DISTINCT c.id)
            FROM service_record r JOIN service_participant p ON p.record_id = r.id
            JOIN client c ON c.id = p.client_id
            WHERE \(filter) AND r.is_training = 0 AND json_array_length(c.categories) = 0
            UNION ALL
            SELECT 2, NULL, COUNT(*), COALESCE(SUM(r.person_times), 0), 0
            FROM service_record r
            WHERE \(filter) AND r.is_training = 0
              AND NOT EXISTS (SELECT 1 FROM service_participant p WHERE p.record_id = r.id)
            ORDER BY 1, 2
            """
        let bound = arguments + arguments + arguments
        return try await read("service_record") { db in
            try Self.rows(db, sql: sql, arguments: bound).compactMap { row in
                let group: ClientCategoryTotal.Group
                switch try row.decode(Int.self, forColumn: "grouping") {
                case 0: group = .category(ClientCategory(rawValue: try row.decode(forColumn: "category")))
                case 1: group = .uncategorised
                default: group = .unnamed
                }
                let total = ClientCategoryTotal(
                    group: group,
                    records: try row.decode(forColumn: "records"),
                    personTimes: try row.decode(forColumn: "person_times"),
                    clients: try row.decode(forColumn: "clients")
                )
                return total.records == 0 ? nil : total
            }
        }
    }
}
