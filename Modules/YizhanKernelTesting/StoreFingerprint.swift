public import YizhanKernel

/// What a store holds, reduced to what a refused request must leave unchanged: the rows per kind,
/// the last event's sequence, and a hash of every exported row and event.
///
/// The hash is Swift's own (seeded per process): compare fingerprints taken in one test run only.
public struct StoreFingerprint: Hashable, Sendable, CustomStringConvertible {
    /// Rows per kind (`serviceRecord`, `evaluationScore` …) and `event`.
    public var counts: [String: Int]
    /// The newest event's sequence.
    public var lastSequence: EventSequence
    /// A hash of the whole snapshot, in export order.
    public var contents: Int

    /// Takes `store`'s fingerprint by exporting its whole snapshot.
    public static func of(_ store: any StationStore) async throws -> StoreFingerprint {
        var hasher = Hasher()
        var counts: [String: Int] = [:]
        try await store.exportSnapshot(batchSize: 5_000) { batch in
            hasher.combine(batch)
            switch batch {
            case .rows(let rows): for row in rows { counts[row.kind, default: 0] += 1 }
            case .events(let events): counts["event", default: 0] += events.count
            }
        }
        return StoreFingerprint(
            counts: counts,
            lastSequence: try await store.lastEventSequence(),
            contents: hasher.finalize()
        )
    }

    public var description: String {
        counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            + ", last event \(lastSequence)"
    }
}
