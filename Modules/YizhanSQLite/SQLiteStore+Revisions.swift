import Foundation
import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// Versions of service records: the row holds the current one (or is marked voided), and each
    /// revision keeps the versions before and after it.
    static let v22Revisions = """
        ALTER TABLE service_record ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
        ALTER TABLE service_record ADD COLUMN voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1));
        CREATE TABLE service_revision (
            record_id TEXT NOT NULL REFERENCES service_record(id),
            version INTEGER NOT NULL CHECK (version >= 2),
            change TEXT NOT NULL CHECK (change IN ('corrected', 'voided')),
            previous TEXT NOT NULL CHECK (json_valid(previous)),
            current TEXT CHECK (current IS NULL OR json_valid(current)),
            reason TEXT NOT NULL CHECK (reason <> ''),
            revised_at_ms INTEGER NOT NULL,
            actor TEXT NOT NULL,
            PRIMARY KEY (record_id, version),
            CHECK ((change = 'voided') = (current IS NULL))
        ) WITHOUT ROWID;
        """

    /// The columns of a record read with its workers and clients (`service_record r`).
    static let storedRecordColumns = """
        r.id, r.station_id, r.kind, r.service_date, r.duration_minutes, r.village_code, r.head_count,
        r.program_id, r.program_version, r.sub_project_id, r.ledger_key, r.group_id, r.fields, r.photos, r.version,
        r.voided, r.worker_names,
        (SELECT group_concat(worker_id, ',') FROM service_worker w WHERE w.record_id = r.id) AS workers,
        (SELECT group_concat(client_id, ',') FROM service_participant p WHERE p.record_id = r.id) AS clients
        """

    /// The record `id`, voided or not.
    public func serviceRecord(_ id: ServiceRecordID) async throws -> StoredServiceRecord? {
        try await read("service_record") { db in try Self.storedRecord(id, in: db) }
    }

    /// The revisions of record `id`, oldest first.
    public func serviceRevisions(of id: ServiceRecordID) async throws -> [ServiceRevision] {
        try await read("service_revision") { db in
            try Self.rows(
                db,
                sql: "SELECT \(Self.revisionColumns) FROM service_revision WHERE record_id = ? ORDER BY version",
                arguments: [id.rawValue]
            ).map(Self.revision)
        }
    }

    static let revisionColumns = "record_id, version, change, previous, current, reason, revised_at_ms, actor"

    static func storedRecord(_ id: ServiceRecordID, in db: Database) throws -> StoredServiceRecord? {
        guard
            let row = try rows(
                db,
                sql: "SELECT \(storedRecordColumns) FROM service_record r WHERE r.id = ?",
                arguments: [id.rawValue]
            ).first
        else { return nil }
        return StoredServiceRecord(
            record: try serviceRecord(row),
            version: try row.decode(forColumn: "version"),
            isVoided: try row.decode(forColumn: "voided")
        )
    }

    static func revision(_ row: Row) throws -> ServiceRevision {
        let current: String? = try row.decode(forColumn: "current")
        return ServiceRevision(
            record: try id(row, "record_id"),
            version: try row.decode(forColumn: "version"),
            change: try enumValue(row, "change"),
            previous: try ServiceRecord(historyJSON: try row.decode(forColumn: "previous")),
            current: try current.map(ServiceRecord.init(historyJSON:)),
            reason: try row.decode(forColumn: "reason"),
            revisedAt: Date(millisecondsSince1970: try row.decode(forColumn: "revised_at_ms")),
            actor: Actor(rawValue: try row.decode(forColumn: "actor"))
        )
    }

    /// Applies `revision` if the store holds its previous version, not voided; else the change breaks.
    static func apply(_ revision: ServiceRevision, in db: Database) throws {
        try revision.check(against: try storedRecord(revision.record, in: db))
        for day in Set([revision.previous.date] + [revision.current?.date].compactMap { $0 }) {
            try checkUnlocked(.services, station: revision.previous.station, day: day, in: db)
        }
        if let current = revision.current {
            let headCount: Int? = if case .headCount(let count) = current.participants { count } else { nil }
            try run(
                db,
                "service_record",
                """
                UPDATE service_record SET kind = ?, service_date = ?, duration_minutes = ?, village_code = ?,
                    head_count = ?, person_times = ?, is_training = ?, program_id = ?, program_version = ?,
                    sub_project_id = ?, fields = ?, photos = ?, worker_names = ?, version = ?
                WHERE id = ?
                """,
                [
                    current.kind.rawValue, current.date.description, current.durationMinutes, current.village?.rawValue,
                    headCount, current.personTimes, current.isTraining, current.program?.rawValue,
                    current.programVersion, current.subProject?.rawValue, current.encodedFields, current.photos,
                    current.encodedWorkerNames,
                    revision.version,
                    revision.record.rawValue,
                ]
            )
            try run(db, "service_worker", "DELETE FROM service_worker WHERE record_id = ?", [revision.record.rawValue])
            try run(
                db,
                "service_participant",
                "DELETE FROM service_participant WHERE record_id = ?",
                [revision.record.rawValue]
            )
            for worker in current.workers {
                try run(
                    db,
                    "service_worker",
                    "INSERT INTO service_worker (record_id, worker_id) VALUES (?, ?)",
                    [revision.record.rawValue, worker.rawValue]
                )
            }
            for client in current.participants.clients {
                try run(
                    db,
                    "service_participant",
                    "INSERT INTO service_participant (record_id, client_id) VALUES (?, ?)",
                    [revision.record.rawValue, client.rawValue]
                )
            }
        } else {
            try run(
                db,
                "service_record",
                "UPDATE service_record SET voided = 1, version = ? WHERE id = ?",
                [revision.version, revision.record.rawValue]
            )
        }
        try run(
            db,
            "service_revision",
            "INSERT INTO service_revision (\(revisionColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                revision.record.rawValue, revision.version, revision.change.rawValue, revision.previous.historyJSON,
                revision.current?.historyJSON, revision.reason, revision.revisedAt.millisecondsSince1970,
                revision.actor.rawValue,
            ]
        )
    }
}
