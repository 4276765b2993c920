import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// Gifts grouped by station, donor kind, kind, channel, purpose and matching.
    public func donationTotals(_ query: DonationTotalsQuery) async throws -> [DonationTotal] {
        let keys = "d.station_id, d.donor_kind, d.kind, d.channel, d.purpose, d.is_matching"
        var sql = SQLBuilder(
            """
            SELECT \(keys), COUNT(*) AS gifts, SUM(d.amount_fen)::bigint AS amount_fen
            FROM donation d JOIN station s ON s.id = d.station_id WHERE NOT d.voided AND 
            """
        )
        sql.append(try Self.stationFilter(query.scope, into: &sql))
        if let period = query.period {
            sql.append(
                " AND d.received_on BETWEEN \(try sql.bind(period.start.description)) AND \(try sql.bind(period.end.description))"
            )
        }
        if let recordedBy = query.recordedBy {
            let bound = UUIDv7.bound(madeNoLaterThan: recordedBy)
            sql.append(" AND d.id < \(try sql.bind(bound))")
        }
        // Byte order with NULLs first, as SQLite orders the same groups.
        sql.append(
            """
             GROUP BY \(keys) ORDER BY d.station_id, d.donor_kind COLLATE "C", d.kind COLLATE "C",
                d.channel COLLATE "C" NULLS FIRST, d.purpose COLLATE "C" NULLS FIRST, d.is_matching
            """
        )
        return try await rows("donation", sql) { cells in
            DonationTotal(
                station: try Self.id(cells, "station_id"),
                donorKind: try Self.enumValue(cells, "donor_kind"),
                kind: try Self.enumValue(cells, "kind"),
                channel: try cells["channel"].decode(String?.self),
                purpose: try cells["purpose"].decode(String?.self),
                isMatching: try cells["is_matching"].decode(Bool.self),
                gifts: try cells["gifts"].decode(Int.self),
                amount: Fen(try cells["amount_fen"].decode(Int64.self))
            )
        }
    }

    /// Per station: volunteers, teams, and the period's activities, attendances, minutes and points.
    public func volunteerTotals(in scope: Scope, period: CivilPeriod) async throws -> [VolunteerTotal] {
        var sql = SQLBuilder("")
        let start = try sql.bind(period.start.description)
        let end = try sql.bind(period.end.description)
        // The points earned count the hours' corrections with them.
        func points(_ kinds: String, sign: String) -> String {
            """
            (SELECT \(sign)COALESCE(SUM(e.points), 0)::bigint FROM passbook_entry e
                WHERE e.station_id = s.id AND e.kind IN (\(kinds)) AND e.on_date BETWEEN \(start) AND \(end))
            """
        }
        sql.append(
            """
            SELECT s.id,
                (SELECT COUNT(*) FROM volunteer v WHERE v.station_id = s.id AND v.registered_on <= \(end)::date)
                    AS volunteers,
                (SELECT COUNT(*) FROM volunteer_team t WHERE t.station_id = s.id) AS teams,
                (SELECT COUNT(*) FROM volunteer_activity a
                    WHERE a.station_id = s.id AND a.held_on BETWEEN \(start) AND \(end)) AS activities,
                (SELECT COUNT(*) FROM volunteer_hours h JOIN volunteer_activity a ON a.id = h.activity_id
                    WHERE a.station_id = s.id AND NOT h.voided AND a.held_on BETWEEN \(start) AND \(end))
                    AS attendances,
                (SELECT COALESCE(SUM(h.minutes), 0)::bigint FROM volunteer_hours h
                    JOIN volunteer_activity a ON a.id = h.activity_id
                    WHERE a.station_id = s.id AND NOT h.voided AND a.held_on BETWEEN \(start) AND \(end)) AS minutes,
                \(points("'earned', 'adjusted'", sign: "")) AS earned,
                \(points("'redeemed'", sign: "-")) AS redeemed,
                \(points("'expired'", sign: "-")) AS expired
            FROM station s WHERE 
            """
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        sql.append(" ORDER BY s.id")
        return try await rows("volunteer", sql) { cells in
            VolunteerTotal(
                station: try Self.id(cells, "id"),
                volunteers: try cells["volunteers"].decode(Int.self),
                teams: try cells["teams"].decode(Int.self),
                activities: try cells["activities"].decode(Int.self),
                attendances: try cells["attendances"].decode(Int.self),
                minutes: try cells["minutes"].decode(Int.self),
                pointsEarned: try cells["earned"].decode(Int.self),
                pointsRedeemed: try cells["redeemed"].decode(Int.self),
                pointsExpired: try cells["expired"].decode(Int.self)
            )
        }
    }

    /// Per station and stage: cases open at the period's end by their stage then, and those that
    /// reached a final stage within the period.
    public func caseStageCounts(in scope: Scope, period: CivilPeriod) async throws -> [CaseStageCount] {
        var sql = SQLBuilder("")
        let start = try sql.bind(period.start.description)
        let end = try sql.bind(period.end.description)
        sql.append(
            """
            SELECT c.station_id, cs.stage, COUNT(*) AS cases
            FROM case_file c JOIN station s ON s.id = c.station_id
            JOIN case_stage cs ON cs.case_id = c.id AND cs.position =
                (SELECT MAX(x.position) FROM case_stage x WHERE x.case_id = c.id AND x.since <= \(end)::date)
            WHERE (cs.stage NOT IN ('closed', 'referred', 'ended') OR cs.since >= \(start)::date) AND 
            """
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        sql.append(" GROUP BY c.station_id, cs.stage ORDER BY c.station_id, cs.stage COLLATE \"C\"")
        return try await rows("case_file", sql) { cells in
            CaseStageCount(
                station: try Self.id(cells, "station_id"),
                stage: try Self.enumValue(cells, "stage"),
                cases: try cells["cases"].decode(Int.self)
            )
        }
    }

    /// Service person-times by the categories of the named clients served, then the named clients
    /// with no category, then the records with none named.
    public func clientCategoryTotals(_ query: ServiceTotalsQuery) async throws -> [ClientCategoryTotal] {
        var sql = SQLBuilder(
            """
            SELECT 0 AS grouping, category COLLATE "C" AS category, COUNT(DISTINCT r.id) AS records, COUNT(*) AS person_times,
                   COUNT(DISTINCT c.id) AS clients
            FROM service_record r JOIN service_participant p ON p.record_id = r.id
            JOIN client c ON c.id = p.client_id CROSS JOIN LATERAL unnest(c.categories) AS category
            WHERE NOT r.is_training AND 
            """
        )
        sql.append(try Self.recordFilter(query.scope, period: query.period, recordedBy: query.recordedBy, into: &sql))
        sql.append(
            """
             GROUP BY category
            UNION ALL
            SELECT 1, NULL, COUNT(DISTINCT r.id), COUNT(*), COUNT(DISTINCT c.id)
            FROM service_record r JOIN service_participant p ON p.record_id = r.id
            JOIN client c ON c.id = p.client_id
            WHERE NOT r.is_training AND cardinality(c.categories) = 0 AND 
            """
        )
        sql.append(try Self.recordFilter(query.scope, period: query.period, recordedBy: query.recordedBy, into: &sql))
        sql.append(
            """

            UNION ALL
            SELECT 2, NULL, COUNT(*), COALESCE(SUM(r.person_times), 0)::bigint, 0
            FROM service_record r
            WHERE NOT r.is_training AND NOT EXISTS (SELECT 1 FROM service_participant p WHERE p.record_id = r.id) AND 
            """
        )
        sql.append(try Self.recordFilter(query.scope, period: query.period, recordedBy: query.recordedBy, into: &sql))
        sql.append(" ORDER BY 1, 2")
        let totals = try await rows("service_record", sql) { cells in
            let group: ClientCategoryTotal.Group =
                switch try cells["grouping"].decode(Int.self) {
                case 0: .category(ClientCategory(rawValue: try cells["category"].decode(String.self)))
                case 1: .uncategorised
                default: .unnamed
                }
            return ClientCategoryTotal(
                group: group,
                records: try cells["records"].decode(Int.self),
                personTimes: try cells["person_times"].decode(Int.self),
                clients: try cells["clients"].decode(Int.self)
            )
        }
        return totals.filter { $0.records > 0 }
    }
}
