import Logging
import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// Imports a whole export in one transaction (`yizhan db copy`): service records, their
    /// workers and participants, and the events go in with COPY, the other rows as `commit` writes
    /// them. A failure anywhere, in the source or here, leaves the target as empty as it was.
    public func importSnapshot(
        from export: (_ sink: (SnapshotBatch) async throws -> Void) async throws -> Void
    ) async throws {
        try await mapErrors("import") {
            try await client.withTransaction(logger: logger) { connection in
                try await export { batch in try await Self.importBatch(batch, on: connection, logger: logger) }
            }
        }
    }

    /// Writes one exported batch on `connection`, inside its open transaction.
    static func importBatch(_ batch: SnapshotBatch, on connection: PostgresConnection, logger: Logger) async throws {
        switch batch {
        case .events(let events):
            try await copy(events, on: connection, logger: logger)
        case .rows(let writes):
            let records = writes.compactMap { write -> ServiceRecord? in
                if case .serviceRecord(let record) = write { record } else { nil }
            }
            if !records.isEmpty, records.count == writes.count {
                try await copy(records, on: connection, logger: logger)
            } else {
                try await write(writes, on: connection, logger: logger)
            }
        }
    }

    /// COPYs `records` and their worker and participant rows. No period lock is checked: these are
    /// records the source already holds, locked periods included.
    private static func copy(_ records: [ServiceRecord], on connection: PostgresConnection, logger: Logger) async throws
    {
        var rows = CopyText(capacity: records.count * 200)
        var workers = CopyText()
        var participants = CopyText()
        for record in records {
            rows.text(record.id.rawValue)
            rows.text(record.station.rawValue)
            rows.text(record.kind.rawValue)
            rows.text(record.date.description)
            rows.integer(record.durationMinutes)
            rows.text(record.village?.rawValue)
            if case .headCount(let count) = record.participants { rows.integer(count) } else { rows.integer(Int?.none) }
            rows.integer(record.personTimes)
            rows.boolean(record.isTraining)
            rows.text(record.program?.rawValue)
            rows.integer(record.programVersion)
            rows.text(record.subProject?.rawValue)
            rows.integer(record.ledgerKey?.rawValue)
            rows.text(record.group?.rawValue)
            rows.text(record.encodedFields)
            rows.integer(record.photos)
            rows.text(record.encodedWorkerNames)
            rows.endRow()
            for worker in record.workers {
                workers.text(record.id.rawValue)
                workers.text(worker.rawValue)
                workers.endRow()
            }
            for client in record.participants.clients {
                participants.text(record.id.rawValue)
                participants.text(client.rawValue)
                participants.endRow()
            }
        }
        try await connection.copyFrom(table: "service_record", columns: Self.recordCopyColumns, logger: logger) {
            try await $0.write(rows.buffer)
        }
        if workers.buffer.readableBytes > 0 {
            try await connection.copyFrom(table: "service_worker", columns: ["record_id", "worker_id"], logger: logger)
            {
                try await $0.write(workers.buffer)
            }
        }
        if participants.buffer.readableBytes > 0 {
            try await connection.copyFrom(
                table: "service_participant",
                columns: ["record_id", "client_id"],
                logger: logger
            ) { try await $0.write(participants.buffer) }
        }
    }

    /// The columns COPY fills, in the order `copy(_ records:)` writes them.
    static let recordCopyColumns = [
        "id", "station_id", "kind", "service_date", "duration_minutes", "village_code", "head_count", "person_times",
        "is_training", "program_id", "program_version", "sub_project_id", "ledger_key", "group_id", "fields", "photos",
        "worker_names",
    ]

    /// COPYs events that keep their sequences and moves the counter past them.
    private static func copy(_ events: [StoredEvent], on connection: PostgresConnection, logger: Logger) async throws {
        guard let last = events.map(\.sequence.rawValue).max() else { return }
        try await connection.query(
            "UPDATE event_counter SET last_sequence = GREATEST(last_sequence, \(last))",
            logger: logger
        )
        var rows = CopyText(capacity: events.count * 400)
        for stored in events {
            let event = stored.event
            rows.integer(stored.sequence.rawValue)
            rows.text(event.id.rawValue)
            rows.text(event.type.rawValue)
            rows.integer(event.occurredAt.millisecondsSince1970)
            rows.text(event.orgUnit.rawValue)
            rows.text(event.station?.rawValue)
            rows.text(event.actor.rawValue)
            rows.integer(event.schemaVersion)
            rows.text(event.payload)
            rows.endRow()
        }
        try await connection.copyFrom(
            table: "event",
            columns: [
                "sequence", "id", "type", "occurred_at_ms", "org_unit_code", "station_id", "actor", "schema_version",
                "payload",
            ],
            logger: logger
        ) { try await $0.write(rows.buffer) }
    }
}
