import Crypto
import Foundation
public import YizhanKernel

/// Copies a whole store to another (SQLite to PostgreSQL, say), every row and event with its
/// sequence, then proves the copy by exporting both and comparing counts and SHA-256 digests.
public enum StoreCopy {
    /// What a store holds, as counted and hashed over its snapshot export.
    public struct Tally: Hashable, Sendable, Codable {
        /// Rows per kind (`station`, `serviceRecord` …) and `event` for the events.
        public var counts: [String: Int] = [:]
        /// SHA-256, hex, of every exported row and event as sorted-key JSON, one a line.
        public var digest = ""
    }

    /// The result of a copy: what the source held and what the target holds now.
    public struct Report: Hashable, Sendable, Codable {
        /// The source's tally, taken while copying.
        public var source: Tally
        /// The target's tally, taken by exporting it afterwards.
        public var target: Tally
        /// Whether the two agree.
        public var verified: Bool { source == target }
    }

    /// Counts and hashes `store`'s snapshot.
    public static func tally(of store: any StationStore, batchSize: Int = 1_000) async throws -> Tally {
        var accumulator = Accumulator()
        try await store.exportSnapshot(batchSize: batchSize) { batch in try accumulator.add(batch) }
        return accumulator.tally
    }

    /// Copies `source` into the empty `target`, then verifies it.
    ///
    /// - Parameter progress: called after each batch with the rows and events copied so far.
    /// - Throws: `RuntimeError` `.occupied` when `target` already holds events; `.copyMismatch`
    ///   when the verification finds a difference (the target then holds a wrong copy and should
    ///   be dropped). A PostgreSQL target takes the copy in one transaction, so a copy that fails
    ///   on the way leaves it empty.
    public static func copy(
        from source: any StationStore,
        to target: any StationStore,
        batchSize: Int = 1_000,
        progress: (Int) -> Void = { _ in }
    ) async throws -> Report {
        guard try await target.lastEventSequence() == .start else {
            throw RuntimeError(
                code: .occupied,
                detail: LocalizedText(
                    "目标数据库不是空的(已有事件),为免混合两份数据,未复制任何内容",
                    en:
                        "the target database is not empty (it has events); nothing was copied, so that no two workspaces mix"
                )
            )
        }
        var accumulator = Accumulator()
        var copied = 0
        try await target.importSnapshot { sink in
            try await source.exportSnapshot(batchSize: batchSize) { batch in
                try accumulator.add(batch)
                try await sink(batch)
                copied += batch.count
                progress(copied)
            }
        }
        let report = Report(source: accumulator.tally, target: try await tally(of: target, batchSize: batchSize))
        guard report.verified else {
            let kinds = Set(report.source.counts.keys).union(report.target.counts.keys).sorted()
                .filter { report.source.counts[$0] != report.target.counts[$0] }
            throw RuntimeError(
                code: .copyMismatch,
                detail: LocalizedText(
                    "复制后校验不一致(\(kinds.isEmpty ? "内容摘要不同" : kinds.joined(separator: "、"))),请删除目标库后重试",
                    en:
                        "the copy does not verify (\(kinds.isEmpty ? "digests differ" : kinds.joined(separator: ", "))); drop the target and retry"
                )
            )
        }
        return report
    }

    /// Counts and hashes batches in export order.
    private struct Accumulator {
        var hash = SHA256()
        var counts: [String: Int] = [:]
        let encoder: JSONEncoder = {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return encoder
        }()

        mutating func add(_ batch: SnapshotBatch) throws {
            switch batch {
            case .rows(let writes):
                for write in writes {
                    counts[write.kind, default: 0] += 1
                    hash.update(data: try encoder.encode(write) + Data([0x0A]))
                }
            case .events(let events):
                for event in events {
                    counts["event", default: 0] += 1
                    hash.update(data: try encoder.encode(event) + Data([0x0A]))
                }
            }
        }

        var tally: Tally {
            Tally(counts: counts, digest: hash.finalize().map { String(format: "%02x", $0) }.joined())
        }
    }
}
