import Foundation
import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// The records matching `query`, newest first, with their workers and participants.
    public func serviceRecords(_ query: ServiceRecordQuery) async throws -> [ServiceRecord] {
        var (filter, arguments) = Self.recordFilter(query.scope, period: query.period)
        if let kind = query.kind {
            filter += " AND r.kind = ?"
            arguments += [kind.rawValue]
        }
        if let group = query.group {
            filter += " AND r.group_id = ?"
            arguments += [group.rawValue]
        }
        if let subProject = query.subProject {
            filter += " AND r.sub_project_id = ?"
            arguments += [subProject.rawValue]
        }
        if let worker = query.worker {
            filter += " AND EXISTS (SELECT 1 FROM service_worker w WHERE w.record_id = r.id AND w.worker_id = ?)"
            arguments += [worker.rawValue]
        }
        if let client = query.client {
            filter += " AND EXISTS (SELECT 1 FROM service_participant p WHERE p.record_id = r.id AND p.client_id = ?)"
            arguments += [client.rawValue]
        }
        arguments += [max(0, query.limit)]
        let sql = """
            SELECT r.id, r.station_id, r.kind, r.service_date, r.duration_minutes, r.village_code, r.head_count,
                   r.program_id, r.program_version, r.sub_project_id, r.ledger_key, r.group_id, r.fields, r.photos,
                   r.worker_names,
                   (SELECT group_concat(worker_id, ',') FROM service_worker w WHERE w.record_id = r.id) AS workers,
                   (SELECT group_concat(client_id, ',') FROM service_participant p WHERE p.record_id = r.id) AS clients
            FROM service_record r WHERE \(filter)
            ORDER BY r.service_date DESC, r.id DESC LIMIT ?
            """
        let bound = arguments
        return try await read("service_record") { db in
            try Self.rows(db, sql: sql, arguments: bound).map(Self.serviceRecord)
        }
    }

    /// Counts, person-times and minutes grouped by the query's dimensions, in the store.
    ///
    /// A scope that covers a tenth of the stations or more is read by one pass over the table, not
    /// through the (station, date) index: a sequential scan beats a random look-up per record once
    /// that many records qualify (docs/benchmarks.md, the province report). Smaller scopes use the index.
    public func serviceTotals(_ query: ServiceTotalsQuery) async throws -> [ServiceTotal] {
        let columns: [ServiceDimension: String] = [
            .station: "r.station_id", .kind: "r.kind", .month: "substr(r.service_date, 1, 7)",
            .program: "r.program_id", .subProject: "r.sub_project_id",
        ]
        let dimensions = ServiceDimension.allCases.filter(query.groupBy.contains)
        for id in query.fields where !ServiceTotalsQuery.isFieldID(id) {
            throw StoreError(code: .backend, location: "serviceTotals", reason: "field id '\(id)' is not plain")
        }
        // Extra fields are grouped by the record's whole field set (a text compared, never parsed
        // per record) and summed to the fields asked for in memory, over the groups.
        let byFieldSet = query.byFieldSet || !query.fields.isEmpty
        let select =
            dimensions.map { "\(columns[$0] ?? "NULL") AS \($0.rawValue)" }
            + (byFieldSet ? ["r.fields AS field_set"] : [])
        let totals = try await read("service_record") { db in
            let (scan, everyStation) = try Self.reach(of: query.scope, db)
            // `+` keeps a column from steering SQLite to the index, for the GROUP BY's order as for the filter.
            let keys =
                dimensions.compactMap { columns[$0] }.map { scan && $0 == "r.station_id" ? "+\($0)" : $0 }
                + (byFieldSet ? ["r.fields"] : [])
            let grouping =
                keys.isEmpty ? "" : "GROUP BY \(keys.joined(separator: ", ")) ORDER BY \(keys.joined(separator: ", "))"
            // A scope that holds every station needs no station filter at all.
            let (filter, arguments) = Self.recordFilter(
                everyStation ? .all : query.scope,
                period: query.period,
                recordedBy: query.recordedBy,
                scan: scan
            )
            let sql = """
                SELECT \((select + [""]).joined(separator: ", "))
                       COUNT(*) AS records,
                       COALESCE(SUM(CASE WHEN r.is_training = 0 THEN r.person_times ELSE 0 END), 0) AS person_times,
                       COALESCE(SUM(CASE WHEN r.is_training = 1 THEN r.person_times ELSE 0 END), 0) AS training_person_times,
                       COALESCE(SUM(r.duration_minutes), 0) AS duration_minutes
                FROM service_record r WHERE \(filter) \(grouping)
                """
            var fieldSets: [String: [String: String]] = [:]
            return try Self.rows(db, sql: sql, arguments: arguments).map { row in
                ServiceTotal(
                    station: try dimensions.contains(.station) ? Self.id(row, "station") : nil,
                    kind: try dimensions.contains(.kind) ? ServiceKind(rawValue: row.decode(forColumn: "kind")) : nil,
                    month: try dimensions.contains(.month) ? row.decode(forColumn: "month") : nil,
                    program: try dimensions.contains(.program) ? Self.optionalID(row, "program") : nil,
                    subProject: try dimensions.contains(.subProject) ? Self.optionalID(row, "subProject") : nil,
                    records: try row.decode(forColumn: "records"),
                    personTimes: try row.decode(forColumn: "person_times"),
                    trainingPersonTimes: try row.decode(forColumn: "training_person_times"),
                    durationMinutes: try row.decode(forColumn: "duration_minutes"),
                    fieldSet: byFieldSet
                        ? try ServiceRecord.decodeFields(
                            row.decode(String?.self, forColumn: "field_set"),
                            reusing: &fieldSets
                        ) : nil
                )
            }
        }
        return query.byFieldSet || query.fields.isEmpty
            ? totals : totals.projected(groupBy: dimensions, fields: query.fields)
    }

    /// Whether `scope` covers at least a tenth of the stations (and more than one), so that scanning
    /// the records beats looking each one up through the index; and whether it covers them all.
    static func reach(of scope: Scope, _ db: Database) throws -> (broad: Bool, everyStation: Bool) {
        switch scope {
        case .station: return (false, false)
        case .all: return (true, true)
        case .within:
            let (filter, arguments) = stationFilter(scope, alias: "s")
            let counts = try Row.fetchOne(
                db,
                sql:
                    "SELECT (SELECT COUNT(*) FROM station s WHERE \(filter)) AS inside, (SELECT COUNT(*) FROM station) AS total",
                arguments: arguments
            )
            let inside: Int = counts?["inside"] ?? 0
            let total: Int = counts?["total"] ?? 0
            return (inside > 1 && inside * 10 >= total, inside == total)
        }
    }

    /// Per station in `scope`: area, workforce and portfolio counts, computed by the database.
    public func stationTallies(in scope: Scope) async throws -> [StationTally] {
        let (filter, arguments) = Self.stationFilter(scope, alias: "s")
        let sql = """
            SELECT s.id, s.area_m2,
                   (SELECT COUNT(*) FROM worker w WHERE w.station_id = s.id) AS workers,
                   (SELECT COUNT(*) FROM worker w WHERE w.station_id = s.id AND w.qualification IS NOT NULL) AS certified,
                   (SELECT COUNT(*) FROM worker w WHERE w.station_id = s.id AND w.is_party_member = 1) AS party,
                   (SELECT COUNT(*) FROM program p WHERE p.station_id = s.id) AS programs,
                   (SELECT COUNT(*) FROM sub_project sp JOIN program p ON p.id = sp.program_id
                    WHERE p.station_id = s.id AND sp.retired = 0) AS sub_projects
            FROM station s WHERE \(filter) ORDER BY s.org_unit_code, s.id
            """
        return try await read("station") { db in
            try Self.rows(db, sql: sql, arguments: arguments).map { row in
                StationTally(
                    station: try Self.id(row, "id"),
                    areaSquareMeters: try row.decode(forColumn: "area_m2"),
                    workers: try row.decode(forColumn: "workers"),
                    certifiedWorkers: try row.decode(forColumn: "certified"),
                    partyMembers: try row.decode(forColumn: "party"),
                    programs: try row.decode(forColumn: "programs"),
                    subProjects: try row.decode(forColumn: "sub_projects")
                )
            }
        }
    }

    /// A WHERE clause over `service_record r` for a scope and an optional period.
    ///
    /// Records are always reached through their stations — `station_id IN (…)` even for every
    /// station — so that the (station_id, service_date) index serves every period query.
    /// `recordedBy` keeps the records made no later than that instant: their UUIDv7 ids sort below
    /// the first id of the next millisecond, a range over the primary key.
    ///
    /// `scan` writes `+r.station_id` and `+r.service_date`, which keep SQLite from using the
    /// (station, date) index, so that a broad scope reads the table in one sequential pass.
    static func recordFilter(
        _ scope: Scope,
        period: CivilPeriod?,
        recordedBy: Date? = nil,
        scan: Bool = false
    ) -> (String, StatementArguments) {
        // A voided record stays for its history; no report, list or total counts it.
        var clauses: [String] = ["r.voided = 0"]
        var arguments: StatementArguments = []
        let column = scan ? "+r.station_id" : "r.station_id"
        switch scope {
        case .all:
            if period != nil && !scan { clauses.append("r.station_id IN (SELECT s.id FROM station s)") }
        case .station(let id):
            clauses.append("r.station_id = ?")
            arguments += [id.rawValue]
        case .within:
            let (filter, stationArguments) = stationFilter(scope, alias: "s")
            clauses.append("\(column) IN (SELECT s.id FROM station s WHERE \(filter))")
            arguments += stationArguments
        }
        if let period {
            clauses.append(scan ? "+r.service_date BETWEEN ? AND ?" : "r.service_date BETWEEN ? AND ?")
            arguments += [period.start.description, period.end.description]
        }
        if let recordedBy {
            clauses.append("r.id < ?")
            arguments += [UUIDv7.bound(madeNoLaterThan: recordedBy)]
        }
        return (clauses.joined(separator: " AND "), arguments)
    }
}
