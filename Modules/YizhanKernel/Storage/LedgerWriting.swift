/// Writes a whole ledger (thousands to millions of rows) in one transaction, row by row, without
/// holding it in memory: every row and the import's events, or nothing.
public protocol LedgerWriting: Sendable {
    /// Reads the context `request` names, then runs `build` inside one write transaction with a sink
    /// for its rows, and appends the events `build` returns after them.
    ///
    /// - Parameter build: runs inside the transaction; it must not block on other work. Throwing
    ///   (an `InputError` for bad rows, say) rolls back every row it wrote.
    /// - Returns: the sequence of the last event appended, and `build`'s value.
    /// - Throws: `StoreError` `.invalidChange` when `build` wrote rows but returned no event.
    func importLedger<Output: Sendable>(
        checking request: ContextRequest,
        _ build: @escaping @Sendable (StationContext?, any LedgerSink) throws -> (events: [DomainEvent], output: Output)
    ) async throws -> (sequence: EventSequence?, output: Output)
}

/// Where an import writes its rows, inside the import's transaction. Used only within `build`.
public protocol LedgerSink: AnyObject {
    /// Inserts `record` unless a record with the same `ledgerKey` is stored already.
    ///
    /// - Returns: whether the record was inserted (`false`: an earlier import wrote that row).
    func insert(_ record: ServiceRecord) throws -> Bool
    /// Inserts `donation` unless a gift with the same `ledgerKey` is stored already.
    ///
    /// - Returns: whether the gift was inserted.
    func insert(_ donation: Donation) throws -> Bool
    /// Whether a service record with `id` is stored (a re-imported export names its records so).
    func recordExists(_ id: ServiceRecordID) throws -> Bool
    /// Writes one reference row (a client, a household), as a change set would.
    func write(_ write: Write) throws
    /// Appends a written row's own event (`service.recorded`, `donation.received`) in the import's
    /// transaction, so that a subscriber sees every record however it came in; the events keep
    /// the order they are given in, before the import's closing `ledger.imported`.
    func record(_ event: DomainEvent) throws
    /// How many rows the sink has written so far.
    var rowsWritten: Int { get }
}

/// The identity of a ledger row, made from its content by the ledger importer: the same
/// row imported twice has the same key, and the store keeps one record per key.
public struct LedgerRowKey: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The first 64 bits of the row's SHA-256, as a signed integer the databases index natively.
    public let rawValue: Int64

    /// Wraps a key.
    public init(rawValue: Int64) { self.rawValue = rawValue }

    public var description: String { String(rawValue) }
}
