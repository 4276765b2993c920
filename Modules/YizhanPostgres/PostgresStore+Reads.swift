import Logging
import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// The unit with `code`, if registered.
    public func orgUnit(_ code: DivisionCode) async throws -> OrgUnit? {
        try await read("org_unit") { connection, logger in
            try await connection.query("SELECT code, name FROM org_unit WHERE code = \(code.rawValue)", logger: logger)
                .collect().first.map(Self.orgUnit)
        }
    }

    /// The units within `code`, itself included, ordered by code.
    public func orgUnits(within code: DivisionCode) async throws -> [OrgUnit] {
        try await read("org_unit") { connection, logger in
            try await Self.fetchOrgUnits(within: code, on: connection, logger: logger)
        }
    }

    /// The agency with `id`, if registered.
    public func agency(_ id: AgencyID) async throws -> Agency? {
        try await read("agency") { connection, logger in
            try await connection.query("SELECT id, name FROM agency WHERE id = \(id.rawValue)", logger: logger)
                .collect().first.map(Self.agency)
        }
    }

    /// The stations in `scope`, ordered by township code, then id.
    public func stations(in scope: Scope) async throws -> [Station] {
        try await read("station") { connection, logger in
            try await Self.fetchStations(in: scope, on: connection, logger: logger)
        }
    }

    /// The station with `id`, if any.
    public func station(_ id: StationID) async throws -> Station? {
        try await stations(in: .station(id)).first
    }

    /// The workers of `station`, ordered by role (head first), then id.
    public func workers(of station: StationID) async throws -> [Worker] {
        try await read("worker") { connection, logger in
            try await Self.fetchWorkers(of: station, on: connection, logger: logger)
        }
    }

    /// The programs of `station` with their sub-projects.
    public func programs(of station: StationID) async throws -> [ProgramWithSubProjects] {
        try await read("program") { connection, logger in
            try await Self.fetchPrograms(of: station, on: connection, logger: logger)
        }
    }

    /// The station, its workers, programs and the requested clients and villages, in one transaction.
    public func stationContext(_ request: ContextRequest) async throws -> StationContext? {
        try await mapErrors("station") {
            try await client.withTransaction(logger: logger) { connection in
                try await Self.fetchStationContext(request, on: connection, logger: logger)
            }
        }
    }

    /// The clients among `ids` that exist.
    public func clients(_ ids: [ClientID]) async throws -> [Client] {
        try await read("client") { connection, logger in
            try await Self.fetchClients(ids, on: connection, logger: logger)
        }
    }

    // MARK: Reads on a connection

    static func fetchStationContext(
        _ request: ContextRequest,
        on connection: PostgresConnection,
        logger: Logger
    )
        async throws -> StationContext?
    {
        guard let station = try await fetchStations(in: .station(request.station), on: connection, logger: logger).first
        else { return nil }
        var workerDay: WorkerDay?
        if let key = request.workerDay { workerDay = try await fetchWorkerDay(key, on: connection, logger: logger) }
        var takenNames: [String] = []
        if let kind = request.takenNames {
            takenNames = try await fetchNames(kind, of: request.station, on: connection, logger: logger)
        }
        // Two registrations of one ID number at once: the second waits for the first to commit,
        // then finds it (SQLite's write transactions are serial already). Digests share 16 locks,
        // taken in order, so a ledger naming thousands takes at most 16 and no two deadlock.
        let buckets = Set(request.idNumberDigests.map { Int($0.unicodeScalars.last?.value ?? 0) % 16 }).sorted()
        for bucket in buckets {
            let lock = "id-number:\(bucket)"
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(lock)))", logger: logger)
        }
        let township = station.orgUnit.ancestor(at: .township) ?? station.orgUnit
        let wanted = request.villages.filter { $0.level == .village && township.contains($0) }.map(\.rawValue)
        let villages =
            wanted.isEmpty
            ? []
            : try await connection.query(
                "SELECT code, name FROM org_unit WHERE code = ANY(\(wanted)::text[]) ORDER BY code",
                logger: logger
            ).collect().map(orgUnit)
        return StationContext(
            station: station,
            workers: try await fetchWorkers(of: request.station, on: connection, logger: logger),
            programs: try await fetchPrograms(of: request.station, on: connection, logger: logger),
            villages: villages,
            clients: try await fetchClients(request.clients, on: connection, logger: logger),
            sameIDNumber: request.idNumberDigests.isEmpty
                ? []
                : try await connection.query(
                    "SELECT \(unescaped: clientColumns) FROM client WHERE id_number_digest = ANY(\(request.idNumberDigests)::text[])",
                    logger: logger
                ).collect().map(client),
            households: request.households.isEmpty
                ? []
                : try await connection.query(
                    "SELECT id, station_id, village_code FROM household WHERE id = ANY(\(request.households.map(\.rawValue))::text[])",
                    logger: logger
                ).collect().map(household),
            volunteersWithSameIDNumber: request.idNumberDigests.isEmpty
                ? []
                : try await connection.query(
                    "SELECT \(unescaped: volunteerColumns) FROM volunteer WHERE id_number_digest = ANY(\(request.idNumberDigests)::text[])",
                    logger: logger
                ).collect().map(volunteer),
            workerDay: workerDay,
            takenNames: takenNames
        )
    }

    /// The names `station` has used for `kind`, after taking a transaction-scoped advisory lock on
    /// them: a second writer of the same kind at the station waits until this one commits, then
    /// reads the name it wrote.
    static func fetchNames(
        _ kind: NamedKind,
        of station: StationID,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> [String] {
        let lock = "names:\(kind.rawValue):\(station.rawValue)"
        try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(lock)))", logger: logger)
        let table =
            switch kind {
            case .organisation: "community_organisation"
            case .resource: "community_resource"
            case .team: "volunteer_team"
            }
        return try await connection.query(
            "SELECT name FROM \(unescaped: table) WHERE station_id = \(station.rawValue) ORDER BY name",
            logger: logger
        ).collect().map { try $0.decode(String.self) }
    }

    /// A worker's minutes logged and trainings recorded on a day, after taking a transaction-scoped
    /// advisory lock on that worker's day: a second writer of the same day waits until this
    /// transaction ends, and then reads what it wrote.
    static func fetchWorkerDay(
        _ key: WorkerDay.Key,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> WorkerDay {
        let lock = "worker-day:\(key.worker.rawValue):\(key.day)"
        let worker = key.worker.rawValue
        let day = key.day.description
        try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(lock)))", logger: logger)
        let minutes =
            try await connection.query(
                "SELECT COALESCE(SUM(minutes), 0)::bigint FROM work_log WHERE worker_id = \(worker) AND on_date = \(day)",
                logger: logger
            ).collect().first?.decode(Int64.self) ?? 0
        let titles = try await connection.query(
            "SELECT title FROM training_record WHERE worker_id = \(worker) AND on_date = \(day) ORDER BY id",
            logger: logger
        ).collect().map { try $0.decode(String.self) }
        return WorkerDay(key: key, minutesLogged: Int(minutes), trainingTitles: titles)
    }

    static func fetchOrgUnits(
        within code: DivisionCode,
        on connection: PostgresConnection,
        logger: Logger
    )
        async throws -> [OrgUnit]
    {
        let range = code.descendantRange
        return try await connection.query(
            """
            SELECT code, name FROM org_unit WHERE code BETWEEN \(range.lowerBound) AND \(range.upperBound) ORDER BY code
            """,
            logger: logger
        ).collect().map(orgUnit)
    }

    static func fetchStations(
        in scope: Scope,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws
        -> [Station]
    {
        var sql = SQLBuilder(
            "SELECT id, name, kind, org_unit_code, area_m2, rooms, agency_id, brand_name, case_stage_days, client_categories, "
                + "volunteering, indicators "
                + "FROM station s WHERE "
        )
        let filter = try stationFilter(scope, into: &sql)
        sql.append(filter)
        sql.append(" ORDER BY org_unit_code, id")
        return try await connection.query(sql.query, logger: logger).collect().map(station)
    }

    static func fetchWorkers(
        of station: StationID,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws
        -> [Worker]
    {
        try await connection.query(
            """
            SELECT \(unescaped: Self.workerColumns) FROM worker WHERE station_id = \(station.rawValue)
            ORDER BY CASE role WHEN 'head' THEN 0 WHEN 'deputy' THEN 1 WHEN 'staff' THEN 2 ELSE 3 END, id
            """,
            logger: logger
        ).collect().map(worker)
    }

    static func fetchPrograms(
        of station: StationID,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws
        -> [ProgramWithSubProjects]
    {
        let programs = try await connection.query(
            "SELECT id, station_id, name, version, checksum FROM program WHERE station_id = \(station.rawValue) ORDER BY id",
            logger: logger
        ).collect().map(program)
        let subProjects = try await connection.query(
            """
            SELECT sp.id, sp.program_id, sp.name, sp.slot, sp.retired FROM sub_project sp
            JOIN program p ON p.id = sp.program_id WHERE p.station_id = \(station.rawValue)
            ORDER BY CASE sp.slot WHEN 'core' THEN 0 WHEN 'brand' THEN 1 WHEN 'basic' THEN 2
                WHEN 'optional' THEN 3 ELSE 4 END, sp.id
            """,
            logger: logger
        ).collect().map(subProject)
        let byProgram = Dictionary(grouping: subProjects, by: \.program)
        return programs.map { ProgramWithSubProjects(program: $0, subProjects: byProgram[$0.id] ?? []) }
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
        var sql = SQLBuilder("SELECT ")
        sql.append(Self.clientColumnNames.map { "c.\($0)" }.joined(separator: ", "))
        sql.append(" FROM client c JOIN station s ON s.id = c.station_id WHERE ")
        let filter = try Self.stationFilter(scope, into: &sql)
        sql.append(filter)
        let limit = try sql.bind(max(0, limit))
        sql.append(" ORDER BY c.id LIMIT \(limit)")
        let built = sql
        return try await read("client") { connection, logger in
            try await connection.query(built.query, logger: logger).collect().map(Self.client)
        }
    }

    static func fetchClients(
        _ ids: [ClientID],
        on connection: PostgresConnection,
        logger: Logger
    ) async throws
        -> [Client]
    {
        guard !ids.isEmpty else { return [] }
        return try await connection.query(
            """
            SELECT \(unescaped: clientColumns) FROM client WHERE id = ANY(\(ids.map(\.rawValue))::text[])
            """,
            logger: logger
        ).collect().map(client)
    }

    /// A condition keeping the stations (`station s`) in `scope`, its values bound into `sql`.
    static func stationFilter(_ scope: Scope, into sql: inout SQLBuilder) throws -> String {
        switch scope {
        case .all:
            return "TRUE"
        case .within(let code):
            let range = code.descendantRange
            return "s.org_unit_code BETWEEN \(try sql.bind(range.lowerBound)) AND \(try sql.bind(range.upperBound))"
        case .station(let id):
            return "s.id = \(try sql.bind(id.rawValue))"
        }
    }

    /// The households in `scope`, ordered by id.
    public func households(in scope: Scope) async throws -> [Household] {
        var sql = SQLBuilder(
            "SELECT h.id, h.station_id, h.village_code FROM household h JOIN station s ON s.id = h.station_id WHERE "
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        sql.append(" ORDER BY h.id")
        let built = sql
        return try await read("household") { connection, logger in
            try await connection.query(built.query, logger: logger).collect().map(Self.household)
        }
    }

    /// The volunteer columns, sealed personal data included.
    static let volunteerColumns = """
        id, station_id, village_code, registered_on::text AS registered_on, name_sealed, id_number_sealed,
        id_number_digest, phone_sealed, phone_digest, check_in_code
        """

    /// Up to `limit` volunteers in `scope`, ordered by id.
    public func volunteers(in scope: Scope, limit: Int) async throws -> [Volunteer] {
        var sql = SQLBuilder(
            """
            SELECT v.id, v.station_id, v.village_code, v.registered_on::text AS registered_on, v.name_sealed,
                   v.id_number_sealed, v.id_number_digest, v.phone_sealed, v.phone_digest, v.check_in_code
            FROM volunteer v JOIN station s ON s.id = v.station_id WHERE 
            """
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        let limit = try sql.bind(max(0, min(limit, Int(Int32.max))))
        sql.append(" ORDER BY v.id LIMIT \(limit)")
        let built = sql
        return try await read("volunteer") { connection, logger in
            try await connection.query(built.query, logger: logger).collect().map(Self.volunteer)
        }
    }
}
