public import Foundation
public import YizhanKernel

/// How a notifier process works: its identity, pace and retry schedule.
public struct NotifierSettings: Sendable {
    /// This process's name on its leases: host, process id and a random part.
    public var claimant: String
    /// The unit the notifier's own events (`subscription.disabled`) are filed under: the workspace's county.
    public var orgUnit: DivisionCode
    /// Events enqueued, and deliveries claimed, per round.
    public var batchSize: Int
    /// How long a claim holds before another process may take it over (longer than a request's timeout).
    public var lease: TimeInterval
    /// How long one request may take.
    public var requestTimeout: TimeInterval
    /// How long an idle subscription waits before looking at the log again.
    public var pollInterval: TimeInterval
    /// Requests in flight at once for a parallel subscription.
    public var parallelism: Int
    /// When failed deliveries are tried again.
    public var retry: RetryPolicy

    /// Settings with the defaults: batches of 100, a 60 s lease, 10 s requests, polling every 100 ms.
    public init(
        claimant: String = NotifierSettings.defaultClaimant(),
        orgUnit: DivisionCode,
        batchSize: Int = 100,
        lease: TimeInterval = 60,
        requestTimeout: TimeInterval = 10,
        pollInterval: TimeInterval = 0.1,
        parallelism: Int = 16,
        retry: RetryPolicy = RetryPolicy()
    ) {
        self.claimant = claimant
        self.orgUnit = orgUnit
        self.batchSize = batchSize
        self.lease = lease
        self.requestTimeout = requestTimeout
        self.pollInterval = pollInterval
        self.parallelism = parallelism
        self.retry = retry
    }

    /// `host:pid:random`, unique per process.
    public static func defaultClaimant() -> String {
        let info = ProcessInfo.processInfo
        return "\(info.hostName):\(info.processIdentifier):\(UInt32.random(in: 0...UInt32.max))"
    }
}
