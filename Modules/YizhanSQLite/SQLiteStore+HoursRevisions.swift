import Foundation
import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// Versions of volunteers' attendances, and the passbook's 时长更正 entries that move their
    /// points either way. SQLite cannot change a CHECK, so the passbook and the revisions' table
    /// are copied into tables with the wider checks (GRDB's migrator defers foreign keys meanwhile).
    static let v27HoursRevisions = """
        ALTER TABLE volunteer_hours ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
        ALTER TABLE volunteer_hours ADD COLUMN voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1));
        CREATE TABLE passbook_entry_v27 (
            sequence INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE CHECK (key <> ''),
            volunteer_id TEXT NOT NULL REFERENCES volunteer(id),
            station_id TEXT NOT NULL REFERENCES station(id),
            kind TEXT NOT NULL CHECK (kind IN ('earned', 'redeemed', 'expired', 'adjusted')),
            points INTEGER NOT NULL CHECK (points <> 0 AND (kind = 'adjusted' OR (kind = 'earned') = (points > 0))),
            on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            reference TEXT
        );
        INSERT INTO passbook_entry_v27 (sequence, key, volunteer_id, station_id, kind, points, on_date, reference)
            SELECT sequence, key, volunteer_id, station_id, kind, points, on_date, reference FROM passbook_entry;
        DROP TABLE passbook_entry;
        ALTER TABLE passbook_entry_v27 RENAME TO passbook_entry;
        CREATE INDEX passbook_by_volunteer ON passbook_entry(volunteer_id, sequence);
        CREATE INDEX passbook_by_reference ON passbook_entry(reference);
        CREATE TRIGGER passbook_is_append_only_update BEFORE UPDATE ON passbook_entry
        BEGIN SELECT RAISE(ABORT, 'the passbook is append-only'); END;
        CREATE TRIGGER passbook_is_append_only_delete BEFORE DELETE ON passbook_entry
        BEGIN SELECT RAISE(ABORT, 'the passbook is append-only'); END;
        CREATE TABLE entry_revision_v27 (
            entry_kind TEXT NOT NULL CHECK (entry_kind IN ('expense', 'donation', 'hours')),
            entry_id TEXT NOT NULL,
            version INTEGER NOT NULL CHECK (version >= 2),
            change TEXT NOT NULL CHECK (change IN ('corrected', 'voided')),
            previous TEXT NOT NULL CHECK (json_valid(previous)),
            current TEXT CHECK (current IS NULL OR json_valid(current)),
            reason TEXT NOT NULL CHECK (reason <> ''),
            revised_at_ms INTEGER NOT NULL,
            actor TEXT NOT NULL,
            PRIMARY KEY (entry_kind, entry_id, version),
            CHECK ((change = 'voided') = (current IS NULL))
        ) WITHOUT ROWID;
        INSERT INTO entry_revision_v27 SELECT * FROM entry_revision;
        DROP TABLE entry_revision;
        ALTER TABLE entry_revision_v27 RENAME TO entry_revision;
        """

    /// The columns an attendance is read from, its version and mark included.
    static let storedHoursColumns = """
        id AS hours_id, activity_id, volunteer_id, check_in_ms, check_out_ms, method, worker_id, minutes, version, voided
        """

    /// The attendance `id`, voided or not.
    public func attendance(_ id: VolunteerHoursID) async throws -> StoredEntry<VolunteerHours>? {
        try await read("volunteer_hours") { db in try Self.storedHours(id, in: db) }
    }

    /// Applies an attendance's revision in an IMMEDIATE transaction, so that the balance and the
    /// points booked that it reads are those it changes.
    public func reviseHours(
        _ revision: EntryRevision<VolunteerHours>,
        booking: @escaping @Sendable (_ booked: Int, _ balance: Int) -> HoursRevisionBooking
    ) async throws -> HoursRevisionBooking {
        try await mapErrors("volunteer_hours") {
            try await pool.writeWithoutTransaction { db in
                var made: HoursRevisionBooking?
                try db.inTransaction(.immediate) {
                    let volunteer = revision.previous.volunteer.rawValue
                    let balance =
                        try Int.fetchOne(
                            db,
                            sql: "SELECT COALESCE(SUM(points), 0) FROM passbook_entry WHERE volunteer_id = ?",
                            arguments: [volunteer]
                        ) ?? 0
                    let booked =
                        try Int.fetchOne(
                            db,
                            sql: """
                                SELECT COALESCE(SUM(points), 0) FROM passbook_entry
                                WHERE reference = ? AND volunteer_id = ? AND kind IN ('earned', 'adjusted')
                                """,
                            arguments: [revision.entry.rawValue, volunteer]
                        ) ?? 0
                    let result = booking(booked, balance)
                    var writes = [Write.hoursRevision(revision)]
                    if let entry = result.entry { writes.append(.passbookEntry(entry)) }
                    _ = try Self.commit(ChangeSet(writes: writes, events: result.events), in: db)
                    made = result
                    return .commit
                }
                guard let made else {
                    throw StoreError(code: .constraintViolation, location: "volunteer_hours", reason: "not revised")
                }
                return made
            }
        }
    }

    static func storedHours(_ id: VolunteerHoursID, in db: Database) throws -> StoredEntry<VolunteerHours>? {
        try rows(
            db,
            sql: "SELECT \(storedHoursColumns) FROM volunteer_hours WHERE id = ?",
            arguments: [id.rawValue]
        ).first.map { row in
            StoredEntry(
                entry: try volunteerHours(row),
                version: try row.decode(forColumn: "version"),
                isVoided: try row.decode(forColumn: "voided")
            )
        }
    }

    /// Applies an attendance's revision if the store holds its previous version, not voided; else
    /// the change breaks.
    static func apply(_ revision: EntryRevision<VolunteerHours>, in db: Database) throws {
        try revision.check(against: try storedHours(revision.entry, in: db))
        if let current = revision.current {
            try run(
                db,
                "volunteer_hours",
                "UPDATE volunteer_hours SET check_in_ms = ?, check_out_ms = ?, minutes = ?, version = ? WHERE id = ?",
                [
                    current.checkIn.millisecondsSince1970, current.checkOut.millisecondsSince1970, current.minutes,
                    revision.version, revision.entry.rawValue,
                ]
            )
        } else {
            try run(
                db,
                "volunteer_hours",
                "UPDATE volunteer_hours SET voided = 1, version = ? WHERE id = ?",
                [revision.version, revision.entry.rawValue]
            )
        }
        try insertHistory(revision, in: db)
    }
}
