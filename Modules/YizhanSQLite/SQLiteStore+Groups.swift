import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// The columns a group is read from (`service_group g`), its members as a comma list.
    static let groupColumns = """
        g.id, g.station_id, g.name, g.formed_on, g.planned_sessions, g.program_id, g.sub_project_id,
        (SELECT group_concat(client_id, ',') FROM (SELECT client_id FROM group_member m WHERE m.group_id = g.id
         ORDER BY client_id)) AS members
        """

    /// The group with `id`.
    public func group(_ id: GroupID) async throws -> ServiceGroup? {
        try await read("service_group") { db in
            try Self.rows(
                db,
                sql: "SELECT \(Self.groupColumns) FROM service_group g WHERE g.id = ?",
                arguments: [id.rawValue]
            )
            .first.map(Self.serviceGroup)
        }
    }

    /// The groups in `scope`, ordered by id.
    public func groups(in scope: Scope) async throws -> [ServiceGroup] {
        let (filter, arguments) = Self.stationFilter(scope, alias: "s")
        let sql = """
            SELECT \(Self.groupColumns) FROM service_group g JOIN station s ON s.id = g.station_id
            WHERE \(filter) ORDER BY g.id
            """
        return try await read("service_group") { db in
            try Self.rows(db, sql: sql, arguments: arguments).map(Self.serviceGroup)
        }
    }

    static func serviceGroup(_ row: Row) throws -> ServiceGroup {
        ServiceGroup(
            id: try id(row, "id"),
            station: try id(row, "station_id"),
            name: try row.decode(forColumn: "name"),
            formedOn: try date(row, "formed_on"),
            plannedSessions: try row.decode(forColumn: "planned_sessions"),
            members: try idList(row, "members"),
            program: try optionalID(row, "program_id"),
            subProject: try optionalID(row, "sub_project_id")
        )
    }
}
