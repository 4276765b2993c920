import Foundation
import Logging
import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// Versions of volunteers' attendances, and the passbook's 时长更正 entries that move their
    /// points either way, as on SQLite. The checks replaced carry PostgreSQL's generated names.
    static let v27HoursRevisions = Migration(
        name: "v27 hours revisions: versions of volunteers' hours, and passbook adjustments",
        statements: [
            "ALTER TABLE volunteer_hours ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)",
            "ALTER TABLE volunteer_hours ADD COLUMN voided BOOLEAN NOT NULL DEFAULT FALSE",
            "ALTER TABLE passbook_entry DROP CONSTRAINT passbook_entry_kind_check",
            "ALTER TABLE passbook_entry DROP CONSTRAINT passbook_entry_check",
            """
            ALTER TABLE passbook_entry ADD CONSTRAINT passbook_entry_kind_check
                CHECK (kind IN ('earned', 'redeemed', 'expired', 'adjusted'))
            """,
            """
            ALTER TABLE passbook_entry ADD CONSTRAINT passbook_entry_check
                CHECK (points <> 0 AND (kind = 'adjusted' OR (kind = 'earned') = (points > 0)))
            """,
            "CREATE INDEX passbook_by_reference ON passbook_entry(reference)",
            "ALTER TABLE entry_revision DROP CONSTRAINT entry_revision_entry_kind_check",
            """
            ALTER TABLE entry_revision ADD CONSTRAINT entry_revision_entry_kind_check
                CHECK (entry_kind IN ('expense', 'donation', 'hours'))
            """,
        ]
    )

    /// The columns an attendance is read from, its version and mark included.
    static let storedHoursColumns = """
        id AS hours_id, activity_id, volunteer_id, check_in_ms, check_out_ms, method, worker_id, minutes, version, voided
        """

    /// The attendance `id`, voided or not.
    public func attendance(_ id: VolunteerHoursID) async throws -> StoredEntry<VolunteerHours>? {
        try await read("volunteer_hours") { connection, logger in
            try await Self.storedHours(id, on: connection, logger: logger)
        }
    }

    /// Applies an attendance's revision in one transaction holding the advisory lock the
    /// volunteer's passbook bookings hold, so that the balance and the points booked that it reads
    /// are those it changes.
    public func reviseHours(
        _ revision: EntryRevision<VolunteerHours>,
        booking: @escaping @Sendable (_ booked: Int, _ balance: Int) -> HoursRevisionBooking
    ) async throws -> HoursRevisionBooking {
        try await mapErrors("volunteer_hours") {
            try await client.withTransaction(logger: logger) { connection in
                let volunteer = revision.previous.volunteer.rawValue
                let lock = "passbook:\(volunteer)"
                try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(lock)))", logger: logger)
                let entry = revision.entry.rawValue
                let rows = try await connection.query(
                    """
                    SELECT (SELECT COALESCE(SUM(points), 0)::bigint FROM passbook_entry
                            WHERE volunteer_id = \(volunteer)) AS balance,
                           (SELECT COALESCE(SUM(points), 0)::bigint FROM passbook_entry
                            WHERE reference = \(entry) AND volunteer_id = \(volunteer)
                              AND kind IN ('earned', 'adjusted')) AS booked
                    """,
                    logger: logger
                ).collect()
                let cells = rows.first?.makeRandomAccess()
                let balance = Int(try cells?["balance"].decode(Int64.self) ?? 0)
                let booked = Int(try cells?["booked"].decode(Int64.self) ?? 0)
                let result = booking(booked, balance)
                var writes = [Write.hoursRevision(revision)]
                if let made = result.entry { writes.append(.passbookEntry(made)) }
                _ = try await Self.commit(
                    ChangeSet(writes: writes, events: result.events),
                    on: connection,
                    logger: logger
                )
                return result
            }
        }
    }

    static func storedHours(
        _ id: VolunteerHoursID,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> StoredEntry<VolunteerHours>? {
        try await connection.query(
            PostgresQuery(
                unsafeSQL: "SELECT \(storedHoursColumns) FROM volunteer_hours WHERE id = $1",
                binds: bindings(id.rawValue)
            ),
            logger: logger
        ).collect().first.map { row in
            let cells = row.makeRandomAccess()
            return StoredEntry(
                entry: try volunteerHours(cells),
                version: try cells["version"].decode(Int.self),
                isVoided: try cells["voided"].decode(Bool.self)
            )
        }
    }

    /// Applies an attendance's revision if the database holds its previous version, not voided;
    /// else the change breaks. The row is locked first, so that two revisions at once cannot both
    /// apply.
    static func apply(
        _ revision: EntryRevision<VolunteerHours>,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        let id = revision.entry.rawValue
        _ = try await connection.query("SELECT 1 FROM volunteer_hours WHERE id = \(id) FOR UPDATE", logger: logger)
            .collect()
        try revision.check(against: try await storedHours(revision.entry, on: connection, logger: logger))
        if let current = revision.current {
            _ = try await connection.query(
                """
                UPDATE volunteer_hours SET check_in_ms = \(current.checkIn.millisecondsSince1970),
                    check_out_ms = \(current.checkOut.millisecondsSince1970), minutes = \(current.minutes),
                    version = \(revision.version)
                WHERE id = \(id)
                """,
                logger: logger
            ).collect()
        } else {
            _ = try await connection.query(
                "UPDATE volunteer_hours SET voided = TRUE, version = \(revision.version) WHERE id = \(id)",
                logger: logger
            ).collect()
        }
        try await insertHistory(revision, on: connection, logger: logger)
    }
}
