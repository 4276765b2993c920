import Foundation
import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// The unit with `code`, if registered.
    public func orgUnit(_ code: DivisionCode) async throws -> OrgUnit? {
        try await read("org_unit") { db in try Self.fetchOrgUnits(db, within: code).first { $0.code == code } }
    }

    /// The units within `code`, itself included, ordered by code.
    public func orgUnits(within code: DivisionCode) async throws -> [OrgUnit] {
        try await read("org_unit") { db in try Self.fetchOrgUnits(db, within: code) }
    }

    /// The agency with `id`, if registered.
    public func agency(_ id: AgencyID) async throws -> Agency? {
        try await read("agency") { db in
            try Self.rows(db, sql: "SELECT id, name FROM agency WHERE id = ?", arguments: [id.rawValue]).first.map(
                Self.agency
            )
        }
    }

    /// The stations in `scope`, ordered by township code, then id.
    public func stations(in scope: Scope) async throws -> [Station] {
        try await read("station") { db in try Self.fetchStations(db, in: scope) }
    }

    /// The station with `id`, if any.
    public func station(_ id: StationID) async throws -> Station? {
        try await stations(in: .station(id)).first
    }

    /// The workers of `station`, ordered by role (head first), then id.
    public func workers(of station: StationID) async throws -> [Worker] {
        try await read("worker") { db in try Self.fetchWorkers(db, of: station) }
    }

    /// The programs of `station` with their sub-projects.
    public func programs(of station: StationID) async throws -> [ProgramWithSubProjects] {
        try await read("program") { db in try Self.fetchPrograms(db, of: station) }
    }

    /// The station, its workers, programs and villages, in one read transaction.
    public func stationContext(_ request: ContextRequest) async throws -> StationContext? {
        try await read("station") { db in try Self.fetchStationContext(db, request) }
    }

    /// The clients among `ids` that exist.
    public func clients(_ ids: [ClientID]) async throws -> [Client] {
        guard !ids.isEmpty else { return [] }
        return try await read("client") { db in try Self.fetchClients(db, ids) }
    }

    /// A read on the pool, with errors mapped to `StoreError`.
    func read<T: Sendable>(_ location: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await mapErrors(location) { try await pool.read(body) }
    }

    // MARK: Reads inside a transaction

    static func fetchStationContext(_ db: Database, _ request: ContextRequest) throws -> StationContext? {
        guard let station = try fetchStations(db, in: .station(request.station)).first else { return nil }
        let township = station.orgUnit.ancestor(at: .township) ?? station.orgUnit
        let villages = try request.villages.filter { $0.level == .village && township.contains($0) }.sorted()
            .compactMap { code in
                try rows(db, sql: "SELECT code, name FROM org_unit WHERE code = ?", arguments: [code.rawValue])
                    .first.map(orgUnit)
            }
        return StationContext(
            station: station,
            workers: try fetchWorkers(db, of: request.station),
            programs: try fetchPrograms(db, of: request.station),
            villages: villages,
            clients: try fetchClients(db, request.clients),
            sameIDNumber: try request.idNumberDigests.flatMap { digest in
                try rows(db, sql: "SELECT \(clientColumns) FROM client WHERE id_number_digest = ?", arguments: [digest])
                    .map(client)
            },
            households: try request.households.flatMap { id in
                try rows(
                    db,
                    sql: "SELECT id, station_id, village_code FROM household WHERE id = ?",
                    arguments: [id.rawValue]
                )
                .map(household)
            },
            volunteersWithSameIDNumber: try request.idNumberDigests.flatMap { digest in
                try rows(
                    db,
                    sql: "SELECT \(volunteerColumns) FROM volunteer WHERE id_number_digest = ?",
                    arguments: [digest]
                )
                .map(volunteer)
            },
            workerDay: try request.workerDay.map { try fetchWorkerDay(db, $0) },
            takenNames: try request.takenNames.map { try fetchNames(db, $0, of: request.station) } ?? []
        )
    }

    /// The names `station` has used for `kind`; the `IMMEDIATE` write transaction they are read in
    /// keeps another writer out until the commit.
    static func fetchNames(_ db: Database, _ kind: NamedKind, of station: StationID) throws -> [String] {
        try String.fetchAll(
            db,
            sql: "SELECT name FROM \(namesTable(kind)) WHERE station_id = ? ORDER BY name",
            arguments: [station.rawValue]
        )
    }

    /// The table holding the names of `kind`.
    static func namesTable(_ kind: NamedKind) -> String {
        switch kind {
        case .organisation: "community_organisation"
        case .resource: "community_resource"
        case .team: "volunteer_team"
        }
    }

    /// A worker's minutes logged and trainings recorded on a day; the write transaction it is read in
    /// is `IMMEDIATE`, so no other process writes between this read and the commit.
    static func fetchWorkerDay(_ db: Database, _ key: WorkerDay.Key) throws -> WorkerDay {
        let arguments: StatementArguments = [key.worker.rawValue, key.day.description]
        let minutes =
            try Int.fetchOne(
                db,
                sql: "SELECT COALESCE(SUM(minutes), 0) FROM work_log WHERE worker_id = ? AND on_date = ?",
                arguments: arguments
            ) ?? 0
        let titles = try String.fetchAll(
            db,
            sql: "SELECT title FROM training_record WHERE worker_id = ? AND on_date = ? ORDER BY id",
            arguments: arguments
        )
        return WorkerDay(key: key, minutesLogged: minutes, trainingTitles: titles)
    }

    /// The client columns, sealed personal data included.
    static let clientColumnNames = [
        "id", "station_id", "household_id", "village_code", "categories", "name_sealed", "id_number_sealed",
        "id_number_digest", "phone_sealed", "phone_digest", "consent_on", "consent_scope", "risk_level",
        "consent_by",
    ]

    /// The client columns as a select list.
    static var clientColumns: String { clientColumnNames.joined(separator: ", ") }

    /// Up to `limit` clients in `scope`, ordered by id.
    public func clients(in scope: Scope, limit: Int) async throws -> [Client] {
        let (filter, arguments) = Self.stationFilter(scope, alias: "s")
        var bound = arguments
        bound += [max(0, limit)]
        let sql = """
            SELECT \(Self.clientColumnNames.map { "c.\($0)" }.joined(separator: ", "))
            FROM client c JOIN station s ON s.id = c.station_id WHERE \(filter) ORDER BY c.id LIMIT ?
            """
        let finalArguments = bound
        return try await read("client") { db in try Self.rows(db, sql: sql, arguments: finalArguments).map(Self.client)
        }
    }

    static func fetchClients(_ db: Database, _ ids: [ClientID]) throws -> [Client] {
        guard !ids.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        return try Self.rows(
            db,
            sql: "SELECT \(clientColumns) FROM client WHERE id IN (\(marks))",
            arguments: StatementArguments(ids.map(\.rawValue))
        ).map(client)
    }

    static func fetchOrgUnits(_ db: Database, within code: DivisionCode) throws -> [OrgUnit] {
        let range = code.descendantRange
        return try Self.rows(
            db,
            sql: "SELECT code, name FROM org_unit WHERE code BETWEEN ? AND ? ORDER BY code",
            arguments: [range.lowerBound, range.upperBound]
        ).map(orgUnit)
    }

    static func fetchStations(_ db: Database, in scope: Scope) throws -> [Station] {
        let (filter, arguments) = stationFilter(scope, alias: "s")
        return try Self.rows(
            db,
            sql: """
                SELECT s.id, s.name, s.kind, s.org_unit_code, s.area_m2, s.agency_id, s.brand_name, s.case_stage_days, s.client_categories, s.volunteering, s.indicators,
                       (SELECT group_concat(value, ',') FROM (SELECT value FROM json_each(s.rooms) ORDER BY key))
                           AS rooms
                FROM station s WHERE \(filter) ORDER BY s.org_unit_code, s.id
                """,
            arguments: arguments
        ).map(station)
    }

    static func fetchWorkers(_ db: Database, of station: StationID) throws -> [Worker] {
        try Self.rows(
            db,
            sql: """
                SELECT \(workerColumns) FROM worker WHERE station_id = ?
                ORDER BY CASE role WHEN 'head' THEN 0 WHEN 'deputy' THEN 1 WHEN 'staff' THEN 2 ELSE 3 END, id
                """,
            arguments: [station.rawValue]
        ).map(worker)
    }

    static func fetchPrograms(_ db: Database, of station: StationID) throws -> [ProgramWithSubProjects] {
        let programs = try Self.rows(
            db,
            sql: "SELECT id, station_id, name, version, checksum FROM program WHERE station_id = ? ORDER BY id",
            arguments: [station.rawValue]
        ).map(program)
        let subProjects = try Self.rows(
            db,
            sql: """
                SELECT sp.id, sp.program_id, sp.name, sp.slot, sp.retired FROM sub_project sp
                JOIN program p ON p.id = sp.program_id WHERE p.station_id = ?
                ORDER BY CASE sp.slot WHEN 'core' THEN 0 WHEN 'brand' THEN 1 WHEN 'basic' THEN 2
                    WHEN 'optional' THEN 3 ELSE 4 END, sp.id
                """,
            arguments: [station.rawValue]
        ).map(subProject)
        let byProgram = Dictionary(grouping: subProjects, by: \.program)
        return programs.map { ProgramWithSubProjects(program: $0, subProjects: byProgram[$0.id] ?? []) }
    }

    /// A WHERE clause (with its arguments) that keeps the stations in `scope`; `alias` names the
    /// station table. Divisions become a range over the sorted codes, which the index serves.
    static func stationFilter(_ scope: Scope, alias: String) -> (String, StatementArguments) {
        switch scope {
        case .all:
            ("1", [])
        case .within(let code):
            (
                "\(alias).org_unit_code BETWEEN ? AND ?",
                [code.descendantRange.lowerBound, code.descendantRange.upperBound]
            )
        case .station(let id):
            ("\(alias).id = ?", [id.rawValue])
        }
    }

    /// The households in `scope`, ordered by id.
    public func households(in scope: Scope) async throws -> [Household] {
        let (filter, arguments) = Self.stationFilter(scope, alias: "s")
        let sql = """
            SELECT h.id, h.station_id, h.village_code FROM household h JOIN station s ON s.id = h.station_id
            WHERE \(filter) ORDER BY h.id
            """
        return try await read("household") { db in try Self.rows(db, sql: sql, arguments: arguments).map(Self.household)
        }
    }

    /// The volunteer columns, sealed personal data included.
    static let volunteerColumns = """
        id, station_id, village_code, registered_on, name_sealed, id_number_sealed, id_number_digest, phone_sealed,
        phone_digest, check_in_code
        """

    /// Up to `limit` volunteers in `scope`, ordered by id.
    public func volunteers(in scope: Scope, limit: Int) async throws -> [Volunteer] {
        var (filter, arguments) = Self.stationFilter(scope, alias: "s")
        arguments += [max(0, limit)]
        let sql = """
            SELECT \(Self.qualified(Self.volunteerColumns, "v")) FROM volunteer v JOIN station s ON s.id = v.station_id
            WHERE \(filter) ORDER BY v.id LIMIT ?
            """
        let bound = arguments
        return try await read("volunteer") { db in try Self.rows(db, sql: sql, arguments: bound).map(Self.volunteer) }
    }

    /// `columns` (a comma-separated list) with each name prefixed by `alias`.
    static func qualified(_ columns: String, _ alias: String) -> String {
        columns.split(separator: ",").map { "\(alias)." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .joined(separator: ", ")
    }
}
