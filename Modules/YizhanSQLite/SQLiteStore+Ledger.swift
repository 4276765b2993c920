import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// Runs `build` in one write transaction, its rows written as it hands them over, then its events.
    ///
    /// Rows go straight to SQLite through cached statements, so an import of a million rows holds
    /// one row at a time in memory; a throw from `build` rolls every one of them back.
    public func importLedger<Output: Sendable>(
        checking request: ContextRequest,
        _ build: @escaping @Sendable (StationContext?, any LedgerSink) throws -> (events: [DomainEvent], output: Output)
    ) async throws -> (sequence: EventSequence?, output: Output) {
        try await mapErrors("import") {
            try await pool.write { db in
                // A large import touches pages of three B-trees at random: 64 MB of page cache
                // instead of 2 MB keeps them in memory (docs/benchmarks.md, LedgerImport).
                try db.execute(sql: "PRAGMA cache_size = -65536")
                defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
                let context = try Self.fetchStationContext(db, request)
                let sink = Sink(db: db)
                let (events, output) = try build(context, sink)
                if sink.rowsWritten > 0, events.isEmpty {
                    throw StoreError(
                        code: .invalidChange,
                        location: "import",
                        reason: "\(sink.rowsWritten) rows, no event"
                    )
                }
                var last: EventSequence?
                for event in events { last = try Self.append(event, in: db) }
                return (last, output)
            }
        }
    }

    /// Writes an import's rows into the open transaction.
    private final class Sink: LedgerSink {
        let db: Database
        private(set) var rowsWritten = 0

        init(db: Database) { self.db = db }

        func insert(_ record: ServiceRecord) throws -> Bool {
            let inserted = try SQLiteStore.insert(record, in: db)
            if inserted { rowsWritten += 1 }
            return inserted
        }

        func insert(_ donation: Donation) throws -> Bool {
            let inserted = try SQLiteStore.insert(donation, in: db)
            if inserted { rowsWritten += 1 }
            return inserted
        }

        func recordExists(_ id: ServiceRecordID) throws -> Bool {
            try Bool.fetchOne(db, sql: "SELECT 1 FROM service_record WHERE id = ?", arguments: [id.rawValue]) ?? false
        }

        func write(_ write: Write) throws {
            try SQLiteStore.apply(write, in: db)
            rowsWritten += 1
        }

        func record(_ event: DomainEvent) throws { _ = try SQLiteStore.append(event, in: db) }
    }
}
