import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// When each client and volunteer in `scope` whose personal data is still kept was last
    /// active: one pass over each activity table, grouped, rather than a look-up per person.
    public func personalDataActivity(in scope: Scope) async throws -> [PersonActivity] {
        let (filter, arguments) = Self.stationFilter(scope, alias: "s")
        let clients = """
            WITH activity(client_id, day) AS (
                SELECT p.client_id, r.service_date FROM service_participant p JOIN service_record r ON r.id = p.record_id
                UNION ALL SELECT f.client_id, cs.since FROM case_file f JOIN case_stage cs ON cs.case_id = f.id
                UNION ALL SELECT id, consent_on FROM client WHERE consent_on IS NOT NULL
            ),
            latest AS (SELECT client_id, MAX(day) AS day FROM activity GROUP BY client_id),
            open_case AS (
                SELECT DISTINCT client_id FROM case_file WHERE stage NOT IN ('closed', 'referred', 'ended')
            )
            SELECT c.id, c.station_id, latest.day, open_case.client_id IS NOT NULL AS open
            FROM client c JOIN station s ON s.id = c.station_id
            LEFT JOIN latest ON latest.client_id = c.id LEFT JOIN open_case ON open_case.client_id = c.id
            WHERE c.name_sealed IS NOT NULL AND \(filter) ORDER BY c.id
            """
        let volunteers = """
            WITH activity(volunteer_id, day) AS (
                SELECT h.volunteer_id, a.held_on FROM volunteer_hours h JOIN volunteer_activity a ON a.id = h.activity_id
                UNION ALL SELECT volunteer_id, on_date FROM passbook_entry WHERE kind <> 'expired'
                UNION ALL SELECT id, registered_on FROM volunteer
            ),
            latest AS (SELECT volunteer_id, MAX(day) AS day FROM activity GROUP BY volunteer_id)
            SELECT v.id, v.station_id, latest.day
            FROM volunteer v JOIN station s ON s.id = v.station_id LEFT JOIN latest ON latest.volunteer_id = v.id
            WHERE v.name_sealed IS NOT NULL AND \(filter) ORDER BY v.id
            """
        return try await read("personal_data_activity") { db in
            let people = try Self.rows(db, sql: clients, arguments: arguments).map { row in
                PersonActivity(
                    person: .client(try Self.id(row, "id")),
                    station: try Self.id(row, "station_id"),
                    lastActive: try Self.optionalDate(row, "day"),
                    hasOpenCase: try row.decode(forColumn: "open") as Bool
                )
            }
            return try people
                + Self.rows(db, sql: volunteers, arguments: arguments).map { row in
                    PersonActivity(
                        person: .volunteer(try Self.id(row, "id")),
                        station: try Self.id(row, "station_id"),
                        lastActive: try Self.optionalDate(row, "day")
                    )
                }
        }
    }
}
