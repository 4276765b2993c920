import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// The columns a group is read from (`service_group g`), its members as a comma list.
    static let groupColumns = """
        g.id, g.station_id, g.name, g.formed_on, g.planned_sessions, g.program_id, g.sub_project_id,
        (SELECT string_agg(client_id, ',' ORDER BY client_id) FROM group_member m WHERE m.group_id = g.id) AS members
        """

    /// The group with `id`.
    public func group(_ id: GroupID) async throws -> ServiceGroup? {
        var sql = SQLBuilder("SELECT \(Self.groupColumns) FROM service_group g WHERE g.id = ")
        sql.append(try sql.bind(id.rawValue))
        let built = sql
        return try await read("service_group") { connection, logger in
            try await connection.query(built.query, logger: logger).collect().first.map(Self.serviceGroup)
        }
    }

    /// The groups in `scope`, ordered by id.
    public func groups(in scope: Scope) async throws -> [ServiceGroup] {
        var sql = SQLBuilder(
            "SELECT \(Self.groupColumns) FROM service_group g JOIN station s ON s.id = g.station_id WHERE "
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        sql.append(" ORDER BY g.id")
        let built = sql
        return try await read("service_group") { connection, logger in
            try await connection.query(built.query, logger: logger).collect().map(Self.serviceGroup)
        }
    }

    static func serviceGroup(_ row: PostgresRow) throws -> ServiceGroup {
        let cells = row.makeRandomAccess()
        return ServiceGroup(
            id: try id(cells, "id"),
            station: try id(cells, "station_id"),
            name: try cells["name"].decode(String.self),
            formedOn: try parse(try? CivilDate(parsing: try cells["formed_on"].decode(String.self)), "formed_on"),
            plannedSessions: try cells["planned_sessions"].decode(Int?.self),
            members: try idList(cells, "members"),
            program: try optionalID(cells, "program_id"),
            subProject: try optionalID(cells, "sub_project_id")
        )
    }
}
