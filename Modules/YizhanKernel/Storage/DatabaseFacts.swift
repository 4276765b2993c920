/// What a database holds at one moment, as a backup records it and a restore checks it: its
/// schema version, the extent of its event log and the key its personal data is sealed with.
public struct DatabaseFacts: Hashable, Sendable, Codable {
    /// How many migrations the database has applied.
    public var schemaVersion: Int
    /// How many of those this build does not know (a database from a newer Yizhan).
    public var unknownMigrations: Int
    /// The engine's own integrity check's first complaints, or `nil` when it says ok (or has none).
    public var integrity: String?
    /// How many events the log holds.
    public var events: Int
    /// The first event's sequence (0 when there is none).
    public var firstSequence: Int64
    /// The last event's sequence (0 when there is none).
    public var lastSequence: Int64
    /// The bound personal-data key's check value, if any.
    public var dataKeyCheck: String?

    /// Creates the facts.
    public init(
        schemaVersion: Int,
        unknownMigrations: Int,
        integrity: String?,
        events: Int,
        firstSequence: Int64,
        lastSequence: Int64,
        dataKeyCheck: String?
    ) {
        self.schemaVersion = schemaVersion
        self.unknownMigrations = unknownMigrations
        self.integrity = integrity
        self.events = events
        self.firstSequence = firstSequence
        self.lastSequence = lastSequence
        self.dataKeyCheck = dataKeyCheck
    }

    /// Sequences missing between the first event and the last.
    public var sequenceGaps: Int64 { events == 0 ? 0 : lastSequence - firstSequence + 1 - Int64(events) }
}
