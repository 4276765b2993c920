import Foundation
import Logging
import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// The records matching `query`, newest first, with their workers and participants.
    public func serviceRecords(_ query: ServiceRecordQuery) async throws -> [ServiceRecord] {
        var sql = SQLBuilder(
            """
            SELECT r.id, r.station_id, r.kind, r.service_date::text AS service_date, r.duration_minutes, r.village_code,
                   r.head_count, r.program_id, r.program_version, r.sub_project_id, r.ledger_key, r.group_id,
                   r.fields::text AS fields, r.photos, r.worker_names::text AS worker_names,
                   (SELECT string_agg(worker_id, ',' ORDER BY worker_id) FROM service_worker w WHERE w.record_id = r.id)
                       AS workers,
                   (SELECT string_agg(client_id, ',' ORDER BY client_id) FROM service_participant p
                    WHERE p.record_id = r.id) AS clients
            FROM service_record r WHERE 
            """
        )
        let filter = try Self.recordFilter(query.scope, period: query.period, into: &sql)
        sql.append(filter)
        if let kind = query.kind {
            let placeholder = try sql.bind(kind.rawValue)
            sql.append(" AND r.kind = \(placeholder)")
        }
        if let group = query.group {
            let placeholder = try sql.bind(group.rawValue)
            sql.append(" AND r.group_id = \(placeholder)")
        }
        if let subProject = query.subProject {
            let placeholder = try sql.bind(subProject.rawValue)
            sql.append(" AND r.sub_project_id = \(placeholder)")
        }
        if let worker = query.worker {
            let placeholder = try sql.bind(worker.rawValue)
            sql.append(
                " AND EXISTS (SELECT 1 FROM service_worker w WHERE w.record_id = r.id AND w.worker_id = \(placeholder))"
            )
        }
        if let client = query.client {
            let placeholder = try sql.bind(client.rawValue)
            sql.append(
                " AND EXISTS (SELECT 1 FROM service_participant p WHERE p.record_id = r.id AND p.client_id = \(placeholder))"
            )
        }
        let limit = try sql.bind(max(0, query.limit))
        sql.append(" ORDER BY r.service_date DESC, r.id DESC LIMIT \(limit)")
        let built = sql
        return try await read("service_record") { connection, logger in
            try await connection.query(built.query, logger: logger).collect().map(Self.serviceRecord)
        }
    }

    /// Counts, person-times and minutes grouped by the query's dimensions, in the database.
    public func serviceTotals(_ query: ServiceTotalsQuery) async throws -> [ServiceTotal] {
        let columns: [ServiceDimension: String] = [
            .station: "r.station_id", .kind: "r.kind", .month: "to_char(r.service_date, 'YYYY-MM')",
            .program: "r.program_id", .subProject: "r.sub_project_id",
        ]
        let dimensions = ServiceDimension.allCases.filter(query.groupBy.contains)
        for id in query.fields where !ServiceTotalsQuery.isFieldID(id) {
            throw StoreError(code: .backend, location: "serviceTotals", reason: "field id '\(id)' is not plain")
        }
        // Extra fields are grouped by the record's whole field set and summed to the fields asked
        // for in memory, over the groups: the same projection as SQLite's, so both order alike.
        let byFieldSet = query.byFieldSet || !query.fields.isEmpty
        let keys = dimensions.compactMap { columns[$0] } + (byFieldSet ? ["r.fields"] : [])
        var sql = SQLBuilder("SELECT ")
        for dimension in dimensions { sql.append("\(columns[dimension] ?? "NULL") AS \"\(dimension.rawValue)\", ") }
        if byFieldSet { sql.append("r.fields::text AS field_set, ") }
        sql.append(
            """
            COUNT(*) AS records,
            COALESCE(SUM(CASE WHEN NOT r.is_training THEN r.person_times ELSE 0 END), 0) AS person_times,
            COALESCE(SUM(CASE WHEN r.is_training THEN r.person_times ELSE 0 END), 0) AS training_person_times,
            COALESCE(SUM(r.duration_minutes), 0) AS duration_minutes
            FROM service_record r WHERE 
            """
        )
        let filter = try Self.recordFilter(query.scope, period: query.period, recordedBy: query.recordedBy, into: &sql)
        sql.append(filter)
        if !keys.isEmpty {
            // NULLS FIRST: records under no program group first, as SQLite orders them.
            let order = keys.map { "\($0) NULLS FIRST" }.joined(separator: ", ")
            sql.append(" GROUP BY \(keys.joined(separator: ", ")) ORDER BY \(order)")
        }
        let built = sql
        let totals = try await read("service_record") { connection, logger in
            var fieldSets: [String: [String: String]] = [:]
            return try await connection.query(built.query, logger: logger).collect().map { row in
                let cells = row.makeRandomAccess()
                return ServiceTotal(
                    station: dimensions.contains(.station) ? try Self.id(cells, "station") : nil,
                    kind: dimensions.contains(.kind)
                        ? ServiceKind(rawValue: try cells["kind"].decode(String.self)) : nil,
                    month: dimensions.contains(.month) ? try cells["month"].decode(String.self) : nil,
                    program: dimensions.contains(.program) ? try Self.optionalID(cells, "program") : nil,
                    subProject: dimensions.contains(.subProject) ? try Self.optionalID(cells, "subProject") : nil,
                    records: try cells["records"].decode(Int.self),
                    personTimes: try cells["person_times"].decode(Int.self),
                    trainingPersonTimes: try cells["training_person_times"].decode(Int.self),
                    durationMinutes: try cells["duration_minutes"].decode(Int.self),
                    fieldSet: byFieldSet
                        ? try ServiceRecord.decodeFields(cells["field_set"].decode(String?.self), reusing: &fieldSets)
                        : nil
                )
            }
        }
        return query.byFieldSet || query.fields.isEmpty
            ? totals : totals.projected(groupBy: dimensions, fields: query.fields)
    }

    /// Per station in `scope`: area, workforce and portfolio counts, computed by the database.
    public func stationTallies(in scope: Scope) async throws -> [StationTally] {
        var sql = SQLBuilder(
            """
            SELECT s.id, s.area_m2,
                   (SELECT COUNT(*) FROM worker w WHERE w.station_id = s.id) AS workers,
                   (SELECT COUNT(*) FROM worker w WHERE w.station_id = s.id AND w.qualification IS NOT NULL) AS certified,
                   (SELECT COUNT(*) FROM worker w WHERE w.station_id = s.id AND w.is_party_member) AS party,
                   (SELECT COUNT(*) FROM program p WHERE p.station_id = s.id) AS programs,
                   (SELECT COUNT(*) FROM sub_project sp JOIN program p ON p.id = sp.program_id
                    WHERE p.station_id = s.id AND NOT sp.retired) AS sub_projects
            FROM station s WHERE 
            """
        )
        let filter = try Self.stationFilter(scope, into: &sql)
        sql.append(filter)
        sql.append(" ORDER BY s.org_unit_code, s.id")
        let built = sql
        return try await read("station") { connection, logger in
            try await connection.query(built.query, logger: logger).collect().map { row in
                let cells = row.makeRandomAccess()
                return StationTally(
                    station: try Self.id(cells, "id"),
                    areaSquareMeters: try cells["area_m2"].decode(Int.self),
                    workers: try cells["workers"].decode(Int.self),
                    certifiedWorkers: try cells["certified"].decode(Int.self),
                    partyMembers: try cells["party"].decode(Int.self),
                    programs: try cells["programs"].decode(Int.self),
                    subProjects: try cells["sub_projects"].decode(Int.self)
                )
            }
        }
    }

    /// A condition over `service_record r` for a scope and an optional period, reaching records
    /// through their stations so that the (station_id, service_date) index serves it.
    /// `recordedBy` keeps the records made no later than that instant (their UUIDv7 ids sort below
    /// the first id of the next millisecond).
    static func recordFilter(
        _ scope: Scope,
        period: CivilPeriod?,
        recordedBy: Date? = nil,
        into sql: inout SQLBuilder
    ) throws -> String {
        // A voided record stays for its history; no report, list or total counts it.
        var clauses: [String] = ["NOT r.voided"]
        switch scope {
        case .all:
            if period != nil { clauses.append("r.station_id IN (SELECT s.id FROM station s)") }
        case .station(let id):
            clauses.append("r.station_id = \(try sql.bind(id.rawValue))")
        case .within:
            clauses.append("r.station_id IN (SELECT s.id FROM station s WHERE \(try stationFilter(scope, into: &sql)))")
        }
        if let period {
            let start = try sql.bind(period.start.description)
            let end = try sql.bind(period.end.description)
            clauses.append("r.service_date BETWEEN \(start)::date AND \(end)::date")
        }
        if let recordedBy {
            let bound = UUIDv7.bound(madeNoLaterThan: recordedBy)
            clauses.append("r.id < \(try sql.bind(bound))")
        }
        return clauses.joined(separator: " AND ")
    }
}
