import Foundation
import Logging
import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// Versions of service records, as on SQLite: the row holds the current one (or is marked
    /// voided), and each revision keeps the versions before and after it.
    static let v22Revisions = Migration(
        name: "v22 revisions: versions of service records, corrected or voided",
        statements: [
            "ALTER TABLE service_record ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)",
            "ALTER TABLE service_record ADD COLUMN voided BOOLEAN NOT NULL DEFAULT FALSE",
            """
            CREATE TABLE service_revision (
                record_id TEXT COLLATE "C" NOT NULL REFERENCES service_record(id),
                version INTEGER NOT NULL CHECK (version >= 2),
                change TEXT NOT NULL CHECK (change IN ('corrected', 'voided')),
                previous JSONB NOT NULL,
                current JSONB,
                reason TEXT NOT NULL CHECK (reason <> ''),
                revised_at_ms BIGINT NOT NULL,
                actor TEXT NOT NULL,
                PRIMARY KEY (record_id, version),
                CHECK ((change = 'voided') = (current IS NULL))
            )
            """,
        ]
    )

    /// The columns of a record read with its workers and clients (`service_record r`).
    static let storedRecordColumns = """
        r.id, r.station_id, r.kind, r.service_date::text AS service_date, r.duration_minutes, r.village_code,
        r.head_count, r.program_id, r.program_version, r.sub_project_id, r.ledger_key, r.group_id,
        r.fields::text AS fields, r.photos, r.version, r.voided, r.worker_names::text AS worker_names,
        (SELECT string_agg(worker_id, ',' ORDER BY worker_id) FROM service_worker w WHERE w.record_id = r.id)
            AS workers,
        (SELECT string_agg(client_id, ',' ORDER BY client_id) FROM service_participant p WHERE p.record_id = r.id)
            AS clients
        """

    /// The revision columns, JSON read as text.
    static let revisionColumns = """
        record_id, version, change, previous::text AS previous, current::text AS current, reason, revised_at_ms, actor
        """

    /// The record `id`, voided or not.
    public func serviceRecord(_ id: ServiceRecordID) async throws -> StoredServiceRecord? {
        try await read("service_record") { connection, logger in
            try await Self.storedRecord(id, on: connection, logger: logger)
        }
    }

    /// The revisions of record `id`, oldest first.
    public func serviceRevisions(of id: ServiceRecordID) async throws -> [ServiceRevision] {
        try await read("service_revision") { connection, logger in
            try await connection.query(
                PostgresQuery(
                    unsafeSQL:
                        "SELECT \(Self.revisionColumns) FROM service_revision WHERE record_id = $1 ORDER BY version",
                    binds: Self.bindings(id.rawValue)
                ),
                logger: logger
            ).collect().map { try Self.revision($0.makeRandomAccess()) }
        }
    }

    static func bindings(_ values: String...) -> PostgresBindings {
        var binds = PostgresBindings()
        for value in values { binds.append(value) }
        return binds
    }

    static func storedRecord(
        _ id: ServiceRecordID,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> StoredServiceRecord? {
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: "SELECT \(storedRecordColumns) FROM service_record r WHERE r.id = $1",
                binds: bindings(id.rawValue)
            ),
            logger: logger
        ).collect()
        guard let row = rows.first else { return nil }
        let cells = row.makeRandomAccess()
        return StoredServiceRecord(
            record: try serviceRecord(row),
            version: try cells["version"].decode(Int.self),
            isVoided: try cells["voided"].decode(Bool.self)
        )
    }

    static func revision(_ cells: PostgresRandomAccessRow) throws -> ServiceRevision {
        ServiceRevision(
            record: try id(cells, "record_id"),
            version: try cells["version"].decode(Int.self),
            change: try enumValue(cells, "change"),
            previous: try ServiceRecord(historyJSON: try cells["previous"].decode(String.self)),
            current: try cells["current"].decode(String?.self).map(ServiceRecord.init(historyJSON:)),
            reason: try cells["reason"].decode(String.self),
            revisedAt: Date(millisecondsSince1970: try cells["revised_at_ms"].decode(Int64.self)),
            actor: Actor(rawValue: try cells["actor"].decode(String.self))
        )
    }

    /// Applies `revision` if the database holds its previous version, not voided; else the change
    /// breaks. The record's row is locked first, so that two corrections at once cannot both apply.
    static func apply(_ revision: ServiceRevision, on connection: PostgresConnection, logger: Logger) async throws {
        let id = revision.record.rawValue
        _ = try await connection.query("SELECT 1 FROM service_record WHERE id = \(id) FOR UPDATE", logger: logger)
            .collect()
        try revision.check(against: try await storedRecord(revision.record, on: connection, logger: logger))
        if let current = revision.current {
            let headCount: Int? = if case .headCount(let count) = current.participants { count } else { nil }
            _ = try await connection.query(
                """
                UPDATE service_record SET kind = \(current.kind.rawValue), service_date = \(current.date.description)::date,
                    duration_minutes = \(current.durationMinutes), village_code = \(current.village?.rawValue),
                    head_count = \(headCount), person_times = \(current.personTimes), is_training = \(current.isTraining),
                    program_id = \(current.program?.rawValue), program_version = \(current.programVersion),
                    sub_project_id = \(current.subProject?.rawValue), fields = \(current.encodedFields)::jsonb,
                    photos = \(current.photos), worker_names = \(current.encodedWorkerNames)::jsonb,
                    version = \(revision.version)
                WHERE id = \(id)
                """,
                logger: logger
            ).collect()
            _ = try await connection.query("DELETE FROM service_worker WHERE record_id = \(id)", logger: logger)
                .collect()
            _ = try await connection.query("DELETE FROM service_participant WHERE record_id = \(id)", logger: logger)
                .collect()
            for worker in current.workers {
                _ = try await connection.query(
                    "INSERT INTO service_worker (record_id, worker_id) VALUES (\(id), \(worker.rawValue))",
                    logger: logger
                ).collect()
            }
            for client in current.participants.clients {
                _ = try await connection.query(
                    "INSERT INTO service_participant (record_id, client_id) VALUES (\(id), \(client.rawValue))",
                    logger: logger
                ).collect()
            }
        } else {
            _ = try await connection.query(
                "UPDATE service_record SET voided = TRUE, version = \(revision.version) WHERE id = \(id)",
                logger: logger
            ).collect()
        }
        _ = try await connection.query(
            """
            INSERT INTO service_revision (record_id, version, change, previous, current, reason, revised_at_ms, actor)
            VALUES (\(id), \(revision.version), \(revision.change.rawValue), \(revision.previous.historyJSON)::jsonb,
                    \(revision.current?.historyJSON)::jsonb, \(revision.reason),
                    \(revision.revisedAt.millisecondsSince1970), \(revision.actor.rawValue))
            """,
            logger: logger
        ).collect()
    }
}
