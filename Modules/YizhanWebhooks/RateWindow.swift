public import Foundation

/// At most `limit` sends in any rolling minute, for one endpoint in one process (WeCom's "20 条/分钟"
/// is such a window). Not shared between notifier processes: run one notifier per robot, or set
/// `ratePerMinute` to the share each process may use.
public struct RateWindow: Sendable {
    /// Sends allowed per rolling minute.
    public let limit: Int
    private var sent: [Date] = []

    /// A window of `limit` sends a minute.
    public init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Takes a slot at `now` if one is free; otherwise returns when the next one frees (and takes nothing).
    public mutating func take(at now: Date) -> Date? {
        sent.removeAll { now.timeIntervalSince($0) >= 60 }
        guard sent.count >= limit, let oldest = sent.first else {
            sent.append(now)
            return nil
        }
        return oldest.addingTimeInterval(60)
    }
}
