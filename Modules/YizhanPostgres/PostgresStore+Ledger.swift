import Logging
import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// Runs `build` in one transaction: the keys and ids of the station's records are read first,
    /// so that the sink answers at once whether a row is new; the rows it keeps are written in
    /// batches of 5,000 after `build` returns, then the rows' own events and the import's.
    public func importLedger<Output: Sendable>(
        checking request: ContextRequest,
        _ build: @escaping @Sendable (StationContext?, any LedgerSink) throws -> (events: [DomainEvent], output: Output)
    ) async throws -> (sequence: EventSequence?, output: Output) {
        try await mapErrors("import") {
            try await client.withTransaction(logger: logger) { connection in
                let context = try await Self.fetchStationContext(request, on: connection, logger: logger)
                let keys = try await connection.query(
                    """
                    SELECT ledger_key FROM service_record
                    WHERE station_id = \(request.station.rawValue) AND ledger_key IS NOT NULL
                    """,
                    logger: logger
                ).collect().map { try $0.decode(Int64.self) }
                let ids = try await connection.query(
                    "SELECT id FROM service_record WHERE station_id = \(request.station.rawValue)",
                    logger: logger
                ).collect().map { try $0.decode(String.self) }
                let donationKeys = try await connection.query(
                    """
                    SELECT ledger_key FROM donation
                    WHERE station_id = \(request.station.rawValue) AND ledger_key IS NOT NULL
                    """,
                    logger: logger
                ).collect().map { try $0.decode(Int64.self) }
                let sink = BufferedSink(existing: Set(keys), donationKeys: Set(donationKeys), records: Set(ids))
                let (events, output) = try build(context, sink)
                let change = ChangeSet(writes: sink.writes, events: sink.events + events)
                return (try await Self.commit(change, on: connection, logger: logger), output)
            }
        }
    }

    /// Keeps an import's rows until `build` returns (PostgresNIO writes are asynchronous; `build` is not).
    private final class BufferedSink: LedgerSink {
        private var existing: Set<Int64>
        private var records: Set<String>
        private var donationKeys: Set<Int64>
        private(set) var writes: [Write] = []
        /// The written rows' own events, before the import's.
        private(set) var events: [DomainEvent] = []

        init(existing: Set<Int64>, donationKeys: Set<Int64>, records: Set<String>) {
            self.existing = existing
            self.donationKeys = donationKeys
            self.records = records
        }

        func insert(_ donation: Donation) throws -> Bool {
            if let key = donation.ledgerKey, !donationKeys.insert(key.rawValue).inserted { return false }
            writes.append(.donation(donation))
            return true
        }

        /// Only the station's own records are read: an export names no other station's.
        func recordExists(_ id: ServiceRecordID) throws -> Bool { records.contains(id.rawValue) }

        var rowsWritten: Int { writes.count }

        func insert(_ record: ServiceRecord) throws -> Bool {
            if let key = record.ledgerKey, !existing.insert(key.rawValue).inserted { return false }
            writes.append(.serviceRecord(record))
            records.insert(record.id.rawValue)
            return true
        }

        func write(_ write: Write) throws { writes.append(write) }

        func record(_ event: DomainEvent) throws { events.append(event) }
    }
}
