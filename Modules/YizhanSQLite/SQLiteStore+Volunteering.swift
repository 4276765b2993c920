import Foundation
import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// The volunteer with `id`.
    public func volunteer(_ id: VolunteerID) async throws -> Volunteer? {
        try await read("volunteer") { db in
            try Self.rows(
                db,
                sql: "SELECT \(Self.volunteerColumns) FROM volunteer WHERE id = ?",
                arguments: [id.rawValue]
            )
            .first.map(Self.volunteer)
        }
    }

    /// The columns a team is read from (`volunteer_team t`), its members as a comma list.
    static let teamColumns = """
        t.id, t.station_id, t.name,
        (SELECT group_concat(volunteer_id, ',') FROM (SELECT volunteer_id FROM team_member m WHERE m.team_id = t.id
         ORDER BY volunteer_id)) AS members
        """

    /// The teams in `scope`, ordered by id.
    public func volunteerTeams(in scope: Scope) async throws -> [VolunteerTeam] {
        let (filter, arguments) = Self.stationFilter(scope, alias: "s")
        let sql = """
            SELECT \(Self.teamColumns) FROM volunteer_team t JOIN station s ON s.id = t.station_id
            WHERE \(filter) ORDER BY t.id
            """
        return try await read("volunteer_team") { db in
            try Self.rows(db, sql: sql, arguments: arguments).map(Self.volunteerTeam)
        }
    }

    static func volunteerTeam(_ row: Row) throws -> VolunteerTeam {
        VolunteerTeam(
            id: try id(row, "id"),
            station: try id(row, "station_id"),
            name: try row.decode(forColumn: "name"),
            members: try idList(row, "members")
        )
    }

    /// The activity with `id`.
    public func volunteerActivity(_ id: VolunteerActivityID) async throws -> VolunteerActivity? {
        try await read("volunteer_activity") { db in
            try Self.rows(
                db,
                sql: "SELECT id, station_id, name, held_on, cap_minutes FROM volunteer_activity WHERE id = ?",
                arguments: [id.rawValue]
            ).first.map(Self.volunteerActivity)
        }
    }

    /// `station`'s activities, the latest held first.
    public func volunteerActivities(of station: StationID, limit: Int) async throws -> [VolunteerActivity] {
        try await read("volunteer_activity") { db in
            try Self.rows(
                db,
                sql: """
                    SELECT id, station_id, name, held_on, cap_minutes FROM volunteer_activity WHERE station_id = ?
                    ORDER BY held_on DESC, id DESC LIMIT ?
                    """,
                arguments: [station.rawValue, max(0, limit)]
            ).map(Self.volunteerActivity)
        }
    }

    /// The attendances at `activity`, voided ones left out, in check-in order.
    public func attendances(at activity: VolunteerActivityID) async throws -> [VolunteerHours] {
        try await read("volunteer_hours") { db in
            try Self.rows(
                db,
                sql: """
                    SELECT id AS hours_id, activity_id, volunteer_id, check_in_ms, check_out_ms, method, worker_id, minutes
                    FROM volunteer_hours WHERE activity_id = ? AND voided = 0 ORDER BY check_in_ms, id
                    """,
                arguments: [activity.rawValue]
            ).map(Self.volunteerHours)
        }
    }

    /// The volunteer's attendances with their activities, oldest first, voided ones left out.
    public func volunteerHours(
        of volunteer: VolunteerID,
        at station: StationID?,
        in period: CivilPeriod?
    ) async throws -> [VolunteerAttendance] {
        var sql = """
            SELECT h.id AS hours_id, h.activity_id, h.volunteer_id, h.check_in_ms, h.check_out_ms, h.method, h.worker_id,
                   h.minutes, a.id, a.station_id, a.name, a.held_on, a.cap_minutes
            FROM volunteer_hours h JOIN volunteer_activity a ON a.id = h.activity_id
            WHERE h.volunteer_id = ? AND h.voided = 0
            """
        var arguments: StatementArguments = [volunteer.rawValue]
        if let station {
            sql += " AND a.station_id = ?"
            arguments += [station.rawValue]
        }
        if let period {
            sql += " AND a.held_on BETWEEN ? AND ?"
            arguments += [period.start.description, period.end.description]
        }
        sql += " ORDER BY h.check_in_ms, h.id"
        let (text, bound) = (sql, arguments)
        return try await read("volunteer_hours") { db in
            try Self.rows(db, sql: text, arguments: bound).map { row in
                VolunteerAttendance(hours: try Self.volunteerHours(row), activity: try Self.volunteerActivity(row))
            }
        }
    }

    /// The volunteer's passbook in booking order.
    public func passbook(of volunteer: VolunteerID) async throws -> [PassbookEntry] {
        try await read("passbook_entry") { db in
            try Self.rows(
                db,
                sql: """
                    SELECT key, volunteer_id, station_id, kind, points, on_date, reference FROM passbook_entry
                    WHERE volunteer_id = ? ORDER BY sequence
                    """,
                arguments: [volunteer.rawValue]
            ).map(Self.passbookEntry)
        }
    }

    /// Books `entry` with `change` in one IMMEDIATE transaction: it takes the write lock before it
    /// reads the balance, so a second process waits and then sees the first one's entry.
    public func appendPassbook(
        _ entry: PassbookEntry,
        alongside change: ChangeSet,
        event: @escaping @Sendable (Int) -> DomainEvent
    ) async throws -> PassbookAppend {
        try await mapErrors("passbook") {
            try await pool.writeWithoutTransaction { db in
                var outcome = PassbookAppend.insufficient(balance: 0)
                try db.inTransaction(.immediate) {
                    if let existing = try Self.rows(
                        db,
                        sql: """
                            SELECT key, volunteer_id, station_id, kind, points, on_date, reference FROM passbook_entry
                            WHERE key = ?
                            """,
                        arguments: [entry.key]
                    ).first {
                        outcome = .alreadyBooked(try Self.passbookEntry(existing))
                        return .rollback
                    }
                    let balance =
                        try Int.fetchOne(
                            db,
                            sql: "SELECT COALESCE(SUM(points), 0) FROM passbook_entry WHERE volunteer_id = ?",
                            arguments: [entry.volunteer.rawValue]
                        ) ?? 0
                    guard balance + entry.points >= 0 else {
                        outcome = .insufficient(balance: balance)
                        return .rollback
                    }
                    var booking = change
                    booking.writes.append(.passbookEntry(entry))
                    booking.events.append(event(balance + entry.points))
                    _ = try Self.commit(booking, in: db)
                    outcome = .booked(balance: balance + entry.points)
                    return .commit
                }
                return outcome
            }
        }
    }

    static func volunteerActivity(_ row: Row) throws -> VolunteerActivity {
        VolunteerActivity(
            id: try id(row, "id"),
            station: try id(row, "station_id"),
            name: try row.decode(forColumn: "name"),
            heldOn: try date(row, "held_on"),
            capMinutes: try row.decode(forColumn: "cap_minutes")
        )
    }

    static func volunteerHours(_ row: Row) throws -> VolunteerHours {
        let method: String = try row.decode(forColumn: "method")
        let worker: WorkerID? = try optionalID(row, "worker_id")
        return VolunteerHours(
            id: try id(row, "hours_id"),
            activity: try id(row, "activity_id"),
            volunteer: try id(row, "volunteer_id"),
            checkIn: Date(millisecondsSince1970: try row.decode(forColumn: "check_in_ms")),
            checkOut: Date(millisecondsSince1970: try row.decode(forColumn: "check_out_ms")),
            method: method == "staff" ? worker.map(CheckInMethod.staffEntry) ?? .selfCheckIn : .selfCheckIn,
            minutes: try row.decode(forColumn: "minutes")
        )
    }

    static func passbookEntry(_ row: Row) throws -> PassbookEntry {
        PassbookEntry(
            key: try row.decode(forColumn: "key"),
            volunteer: try id(row, "volunteer_id"),
            station: try id(row, "station_id"),
            kind: try enumValue(row, "kind"),
            points: try row.decode(forColumn: "points"),
            on: try date(row, "on_date"),
            reference: try row.decode(forColumn: "reference")
        )
    }
}
