/// Figures the pages build from many records (the county dashboard, a station's home), kept until
/// the event log moves: every write appends an event, so a page built at the last event sequence
/// is what building it again would give. One entry per key; a few dozen keys at most (periods ×
/// languages × scopes), dropped together when the log moves.
actor FigureCache {
    private var sequence: Int64 = -1
    private var entries: [String: any Sendable] = [:]
    /// The most entries kept; past it the cache starts over.
    let capacity: Int

    init(capacity: Int = 256) { self.capacity = capacity }

    /// The value for `key` as of event `latest`, built by `build` when not kept.
    func value<Value: Sendable>(
        _ key: String,
        at latest: Int64,
        build: @Sendable () async throws -> Value
    ) async throws -> Value {
        if latest != sequence || entries.count >= capacity {
            entries = [:]
            sequence = latest
        }
        if let kept = entries[key] as? Value { return kept }
        let built = try await build()
        // Another build may have finished meanwhile; the log decides which is current.
        if latest == sequence { entries[key] = built }
        return built
    }
}
