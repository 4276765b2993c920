import Foundation
import Logging
import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// The volunteer with `id`.
    public func volunteer(_ id: VolunteerID) async throws -> Volunteer? {
        var sql = SQLBuilder("SELECT \(Self.volunteerColumns) FROM volunteer WHERE id = ")
        sql.append(try sql.bind(id.rawValue))
        let built = sql
        return try await read("volunteer") { connection, logger in
            try await connection.query(built.query, logger: logger).collect().first.map(Self.volunteer)
        }
    }

    /// The columns a team is read from (`volunteer_team t`), its members as a comma list.
    static let teamColumns = """
        t.id, t.station_id, t.name,
        (SELECT string_agg(volunteer_id, ',' ORDER BY volunteer_id) FROM team_member m WHERE m.team_id = t.id) AS members
        """

    /// The teams in `scope`, ordered by id.
    public func volunteerTeams(in scope: Scope) async throws -> [VolunteerTeam] {
        var sql = SQLBuilder(
            "SELECT \(Self.teamColumns) FROM volunteer_team t JOIN station s ON s.id = t.station_id WHERE "
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        sql.append(" ORDER BY t.id")
        let built = sql
        return try await read("volunteer_team") { connection, logger in
            try await connection.query(built.query, logger: logger).collect().map {
                try Self.volunteerTeam($0.makeRandomAccess())
            }
        }
    }

    static func volunteerTeam(_ cells: PostgresRandomAccessRow) throws -> VolunteerTeam {
        VolunteerTeam(
            id: try id(cells, "id"),
            station: try id(cells, "station_id"),
            name: try cells["name"].decode(String.self),
            members: try idList(cells, "members")
        )
    }

    /// The activity with `id`.
    public func volunteerActivity(_ id: VolunteerActivityID) async throws -> VolunteerActivity? {
        try await read("volunteer_activity") { connection, logger in
            try await connection.query(
                "SELECT id, station_id, name, held_on, cap_minutes FROM volunteer_activity WHERE id = \(id.rawValue)",
                logger: logger
            ).collect().first.map { try Self.volunteerActivity($0.makeRandomAccess()) }
        }
    }

    /// `station`'s activities, the latest held first.
    public func volunteerActivities(of station: StationID, limit: Int) async throws -> [VolunteerActivity] {
        let limit = max(0, limit)
        return try await read("volunteer_activity") { connection, logger in
            try await connection.query(
                """
                SELECT id, station_id, name, held_on, cap_minutes FROM volunteer_activity
                WHERE station_id = \(station.rawValue) ORDER BY held_on DESC, id DESC LIMIT \(limit)
                """,
                logger: logger
            ).collect().map { try Self.volunteerActivity($0.makeRandomAccess()) }
        }
    }

    /// The attendances at `activity`, voided ones left out, in check-in order.
    public func attendances(at activity: VolunteerActivityID) async throws -> [VolunteerHours] {
        try await read("volunteer_hours") { connection, logger in
            try await connection.query(
                """
                SELECT id AS hours_id, activity_id, volunteer_id, check_in_ms, check_out_ms, method, worker_id, minutes
                FROM volunteer_hours WHERE activity_id = \(activity.rawValue) AND NOT voided ORDER BY check_in_ms, id
                """,
                logger: logger
            ).collect().map { try Self.volunteerHours($0.makeRandomAccess()) }
        }
    }

    /// The volunteer's attendances with their activities, oldest first, voided ones left out.
    public func volunteerHours(
        of volunteer: VolunteerID,
        at station: StationID?,
        in period: CivilPeriod?
    ) async throws -> [VolunteerAttendance] {
        var sql = SQLBuilder(
            """
            SELECT h.id AS hours_id, h.activity_id, h.volunteer_id, h.check_in_ms, h.check_out_ms, h.method, h.worker_id,
                   h.minutes, a.id, a.station_id, a.name, a.held_on, a.cap_minutes
            FROM volunteer_hours h JOIN volunteer_activity a ON a.id = h.activity_id WHERE h.volunteer_id = 
            """
        )
        sql.append(try sql.bind(volunteer.rawValue))
        sql.append(" AND NOT h.voided")
        if let station { sql.append(" AND a.station_id = \(try sql.bind(station.rawValue))") }
        if let period {
            sql.append(
                " AND a.held_on BETWEEN \(try sql.bind(period.start.description)) AND \(try sql.bind(period.end.description))"
            )
        }
        sql.append(" ORDER BY h.check_in_ms, h.id")
        let built = sql
        return try await read("volunteer_hours") { connection, logger in
            try await connection.query(built.query, logger: logger).collect().map { row in
                let cells = row.makeRandomAccess()
                return VolunteerAttendance(
                    hours: try Self.volunteerHours(cells),
                    activity: try Self.volunteerActivity(cells)
                )
            }
        }
    }

    /// The volunteer's passbook in booking order.
    public func passbook(of volunteer: VolunteerID) async throws -> [PassbookEntry] {
        try await read("passbook_entry") { connection, logger in
            try await connection.query(
                """
                SELECT key, volunteer_id, station_id, kind, points, on_date, reference FROM passbook_entry
                WHERE volunteer_id = \(volunteer.rawValue) ORDER BY sequence
                """,
                logger: logger
            ).collect().map { try Self.passbookEntry($0.makeRandomAccess()) }
        }
    }

    /// Books `entry` with `change` in one transaction, holding a transaction-scoped advisory lock on
    /// the volunteer so that concurrent bookings for them run one after the other.
    public func appendPassbook(
        _ entry: PassbookEntry,
        alongside change: ChangeSet,
        event: @escaping @Sendable (Int) -> DomainEvent
    ) async throws -> PassbookAppend {
        struct Declined: Error { let outcome: PassbookAppend }
        do {
            return try await mapErrors("passbook") {
                try await client.withTransaction(logger: logger) { connection in
                    let lock = "passbook:\(entry.volunteer.rawValue)"
                    try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(lock)))", logger: logger)
                    let existing = try await connection.query(
                        """
                        SELECT key, volunteer_id, station_id, kind, points, on_date, reference FROM passbook_entry
                        WHERE key = \(entry.key)
                        """,
                        logger: logger
                    ).collect()
                    if let row = existing.first {
                        throw Declined(outcome: .alreadyBooked(try Self.passbookEntry(row.makeRandomAccess())))
                    }
                    let sums = try await connection.query(
                        "SELECT COALESCE(SUM(points), 0)::bigint FROM passbook_entry WHERE volunteer_id = \(entry.volunteer.rawValue)",
                        logger: logger
                    ).collect()
                    let balance = Int(try sums.first?.decode(Int64.self) ?? 0)
                    guard balance + entry.points >= 0 else { throw Declined(outcome: .insufficient(balance: balance)) }
                    var booking = change
                    booking.writes.append(.passbookEntry(entry))
                    booking.events.append(event(balance + entry.points))
                    _ = try await Self.commit(booking, on: connection, logger: logger)
                    return PassbookAppend.booked(balance: balance + entry.points)
                }
            }
        } catch let declined as Declined {
            return declined.outcome
        }
    }

    static func volunteerActivity(_ cells: PostgresRandomAccessRow) throws -> VolunteerActivity {
        VolunteerActivity(
            id: try id(cells, "id"),
            station: try id(cells, "station_id"),
            name: try cells["name"].decode(String.self),
            heldOn: try parse(try? CivilDate(parsing: try cells["held_on"].decode(String.self)), "held_on"),
            capMinutes: try cells["cap_minutes"].decode(Int?.self)
        )
    }

    static func volunteerHours(_ cells: PostgresRandomAccessRow) throws -> VolunteerHours {
        let worker: WorkerID? = try optionalID(cells, "worker_id")
        let method = try cells["method"].decode(String.self)
        return VolunteerHours(
            id: try id(cells, "hours_id"),
            activity: try id(cells, "activity_id"),
            volunteer: try id(cells, "volunteer_id"),
            checkIn: Date(millisecondsSince1970: try cells["check_in_ms"].decode(Int64.self)),
            checkOut: Date(millisecondsSince1970: try cells["check_out_ms"].decode(Int64.self)),
            method: method == "staff" ? worker.map(CheckInMethod.staffEntry) ?? .selfCheckIn : .selfCheckIn,
            minutes: try cells["minutes"].decode(Int.self)
        )
    }

    static func passbookEntry(_ cells: PostgresRandomAccessRow) throws -> PassbookEntry {
        PassbookEntry(
            key: try cells["key"].decode(String.self),
            volunteer: try id(cells, "volunteer_id"),
            station: try id(cells, "station_id"),
            kind: try enumValue(cells, "kind"),
            points: try cells["points"].decode(Int.self),
            on: try parse(try? CivilDate(parsing: try cells["on_date"].decode(String.self)), "on_date"),
            reference: try cells["reference"].decode(String?.self)
        )
    }
}
