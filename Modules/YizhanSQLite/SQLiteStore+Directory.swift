import Foundation
import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// The unit with `code`, if registered.
    public func orgUnit(_ code: DivisionCode) async throws -> OrgUnit? {
        try await read("org_unit") { db in
            try Row.fetchOne(db, sql: "SELECT code, name FROM org_unit WHERE code = ?", arguments: [code.rawValue])
                .map(Self.orgUnit)
        }
    }

    /// The units within `code`, itself included, ordered by code.
    public func orgUnits(within code: DivisionCode) async throws -> [OrgUnit] {
        let range = code.descendantRange
        return try await read("org_unit") { db in
            try Row.fetchAll(
                db,
                sql: "SELECT code, name FROM org_unit WHERE code BETWEEN ? AND ? ORDER BY code",
                arguments: [range.lowerBound, range.upperBound]
            ).map(Self.orgUnit)
        }
    }

    /// The stations in `scope`, ordered by township code, then id.
    public func stations(in scope: Scope) async throws -> [Station] {
        let (filter, arguments) = Self.stationFilter(scope, alias: "s")
        return try await read("station") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.name, s.kind, s.org_unit_code, s.area_m2, s.rooms, s.agency_id, s.brand_name
                    FROM station s WHERE \(filter) ORDER BY s.org_unit_code, s.id
                    """,
                arguments: arguments
            ).map(Self.station)
        }
    }

    /// The station with `id`, if any.
    public func station(_ id: StationID) async throws -> Station? {
        try await stations(in: .station(id)).first
    }

    /// The workers of `station`, ordered by role (head first), then id.
    public func workers(of station: StationID) async throws -> [Worker] {
        try await read("worker") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, station_id, name, role, birth_date, qualification, is_party_member, employer_agency_id
                    FROM worker WHERE station_id = ?
                    ORDER BY CASE role WHEN 'head' THEN 0 WHEN 'deputy' THEN 1 WHEN 'staff' THEN 2 ELSE 3 END, id
                    """,
                arguments: [station.rawValue]
            ).map(Self.worker)
        }
    }

    /// The programs of `station` with their sub-projects.
    public func programs(of station: StationID) async throws -> [ProgramWithSubProjects] {
        try await read("program") { db in
            let programs = try Row.fetchAll(
                db,
                sql: "SELECT id, station_id, name, version FROM program WHERE station_id = ? ORDER BY id",
                arguments: [station.rawValue]
            ).map(Self.program)
            let subProjects = try Row.fetchAll(
                db,
                sql: """
                    SELECT sp.id, sp.program_id, sp.name, sp.slot FROM sub_project sp
                    JOIN program p ON p.id = sp.program_id WHERE p.station_id = ?
                    ORDER BY CASE sp.slot WHEN 'core' THEN 0 WHEN 'brand' THEN 1 WHEN 'basic' THEN 2
                        WHEN 'optional' THEN 3 ELSE 4 END, sp.id
                    """,
                arguments: [station.rawValue]
            ).map(Self.subProject)
            let byProgram = Dictionary(grouping: subProjects, by: \.program)
            return programs.map { ProgramWithSubProjects(program: $0, subProjects: byProgram[$0.id] ?? []) }
        }
    }

    /// The clients among `ids` that exist.
    public func clients(_ ids: [ClientID]) async throws -> [Client] {
        guard !ids.isEmpty else { return [] }
        return try await read("client") { db in
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT id, station_id, household_id, village_code, categories FROM client WHERE id IN (\(marks))
                    """,
                arguments: StatementArguments(ids.map(\.rawValue))
            ).map(Self.client)
        }
    }

    /// A read on the pool, with errors mapped to `StoreError`.
    func read<T: Sendable>(_ location: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await mapErrors(location) { try await pool.read(body) }
    }

    /// A WHERE clause (with its arguments) that keeps the stations in `scope`; `alias` names the
    /// station table. Divisions become a range over the sorted codes, which the index serves.
    static func stationFilter(_ scope: Scope, alias: String) -> (String, StatementArguments) {
        switch scope {
        case .all:
            ("1", [])
        case .within(let code):
            ("\(alias).org_unit_code BETWEEN ? AND ?", [code.descendantRange.lowerBound, code.descendantRange.upperBound])
        case .station(let id):
            ("\(alias).id = ?", [id.rawValue])
        }
    }
}
