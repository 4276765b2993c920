/// Figures the pages build from many records (the county dashboard, a station's home), kept until
/// the event log moves: every write appends an event, so a page built at the last event sequence
/// is what building it again would give. One build per key at a time — fifty sessions opening the
/// dashboard after a write wait for the same build — and everything is dropped when the log moves.
actor FigureCache {
    private var sequence: Int64 = -1
    private var builds: [String: any Sendable] = [:]
    /// The most keys kept (periods × languages × stations); past it the cache starts over.
    let capacity: Int

    init(capacity: Int = 512) { self.capacity = capacity }

    /// The value for `key` as of event `latest`, built by `build` unless it is kept or being built.
    func value<Value: Sendable>(
        _ key: String,
        at latest: Int64,
        build: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        if latest > sequence || builds.count >= capacity {
            builds = [:]
            sequence = latest
        }
        // A request that read an older sequence than the cache holds builds for itself.
        guard latest == sequence else { return try await build() }
        if let running = builds[key] as? Task<Value, any Error> { return try await running.value }
        let running = Task { try await build() }
        builds[key] = running
        do {
            return try await running.value
        } catch {
            // A failed build is not kept: the next request tries again.
            if (builds[key] as? Task<Value, any Error>) == running { builds[key] = nil }
            throw error
        }
    }
}
