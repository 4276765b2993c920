public import Foundation
public import Logging
public import ServiceLifecycle
public import YizhanKernel

/// Delivers the event log to subscriptions: enqueue from each subscription's cursor, claim what is
/// due, send, and record the outcome — each step one store transaction.
///
/// Delivery is at least once: an outcome is recorded after the receiver answers, so a process
/// killed in between sends that event again once its lease expires (receivers deduplicate by
/// `webhook-id`). In-order subscriptions get one event at a time in log order, and a failing event
/// holds back the ones after it; parallel ones get up to `parallelism` at once.
///
/// As a `Service`, `run()` works until graceful shutdown (SIGTERM): the batch in flight finishes and
/// is recorded, then it returns.
public struct Notifier: Service {
    let ledger: any DeliveryLedger
    let endpoints: [Endpoint]
    let transport: any HTTPTransport
    let settings: NotifierSettings
    let logger: Logger
    let clock: @Sendable () -> Date

    /// A notifier over `ledger` for `endpoints`.
    public init(
        ledger: any DeliveryLedger,
        endpoints: [Endpoint],
        transport: any HTTPTransport,
        settings: NotifierSettings,
        logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.ledger = ledger
        self.endpoints = endpoints
        self.transport = transport
        self.settings = settings
        self.logger = logger
        self.clock = clock
    }

    /// What one pass did.
    public struct Summary: Hashable, Sendable {
        /// Events newly enqueued (read from the log).
        public var eventsRead = 0
        /// Deliveries accepted.
        public var delivered = 0
        /// Attempts that failed and will be tried again.
        public var retried = 0
        /// Dead letters.
        public var dead = 0
        /// Deliveries postponed (rate limits, Retry-After).
        public var postponed = 0
        /// Subscriptions switched off.
        public var disabled: [String] = []

        /// An empty summary.
        public init() {}

        mutating func add(_ other: Summary) {
            eventsRead += other.eventsRead
            delivered += other.delivered
            retried += other.retried
            dead += other.dead
            postponed += other.postponed
            disabled += other.disabled
        }
    }

    /// Runs until graceful shutdown or cancellation, one task per subscription.
    public func run() async throws {
        var pause = settings.pollInterval
        while true {
            do {
                try await ledger.openSubscriptions(endpoints.map(\.name), at: clock())
                break
            } catch  where Self.isTransient(error) {
                logUnavailable(error, subscription: nil, retryIn: pause)
                guard await pauseUnlessStopped(for: pause) else { return }
                pause = Self.longer(pause)
            }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for endpoint in endpoints {
                group.addTask { try await work(endpoint) }
            }
            try await group.waitForAll()
        }
    }

    /// Delivers everything due now and returns (`yizhan-notify run --once`, for cron).
    public func runOnce() async throws -> Summary {
        try await ledger.openSubscriptions(endpoints.map(\.name), at: clock())
        var summary = Summary()
        for endpoint in endpoints {
            var worker = Worker(endpoint: endpoint)
            while true {
                let round = try await self.round(&worker)
                summary.add(round.summary)
                if !round.busy { break }
            }
        }
        return summary
    }

    private func work(_ endpoint: Endpoint) async throws {
        var worker = Worker(endpoint: endpoint)
        var pause = settings.pollInterval
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            // A disabled subscription stays idle here until an operator enables it (`yizhan-notify enable`).
            do {
                let round = try await self.round(&worker)
                pause = settings.pollInterval
                if round.busy { continue }
            } catch  where Self.isTransient(error) {
                // What this round leased is leased again once the lease ends: wait, longer each
                // time, and go on instead of ending the daemon.
                pause = Self.longer(pause)
                logUnavailable(error, subscription: endpoint.name, retryIn: pause)
            }
            guard await pauseUnlessStopped(for: pause) else { return }
        }
    }

    /// Whether a daemon outlives `error`: the database held by another process (an import) or its
    /// server away, both over once they are over.
    static func isTransient(_ error: any Error) -> Bool {
        guard let error = error as? StoreError else { return false }
        return error.code == .busy || error.code == .unreachable
    }

    /// The next wait after `pause` seconds while the store stays away: doubled, at most a minute.
    static func longer(_ pause: TimeInterval) -> TimeInterval { min(pause * 2 + 1, 60) }

    /// Sleeps `seconds`; `false` when the process is stopping instead.
    private func pauseUnlessStopped(for seconds: TimeInterval) async -> Bool {
        let milliseconds = Int64(seconds * 1_000)
        do {
            try await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(milliseconds)) }
            return true
        } catch {
            return false
        }
    }

    private func logUnavailable(_ error: any Error, subscription: String?, retryIn seconds: TimeInterval) {
        logger.warning(
            "the store is not available; retrying",
            metadata: [
                "subscription": "\(subscription ?? "*")", "code": "\((error as? StoreError)?.code.rawValue ?? "")",
                "retryIn": "\(seconds)",
            ]
        )
    }

    /// One subscription's mutable state in this process.
    struct Worker {
        let endpoint: Endpoint
        var window: RateWindow?
        let metrics: NotifierMetrics

        init(endpoint: Endpoint) {
            self.endpoint = endpoint
            window = endpoint.ratePerMinute.map(RateWindow.init(limit:))
            metrics = NotifierMetrics(subscription: endpoint.name)
        }
    }

    /// Enqueues one batch, then claims and sends one batch. `busy` is whether there may be more.
    func round(_ worker: inout Worker) async throws -> (summary: Summary, busy: Bool) {
        let endpoint = worker.endpoint
        var summary = Summary()
        summary.eventsRead = try await ledger.enqueue(
            subscription: endpoint.name,
            selector: endpoint.selector,
            limit: settings.batchSize,
            at: clock()
        )
        let claims = try await ledger.claim(
            subscription: endpoint.name,
            ordered: endpoint.ordered,
            limit: settings.batchSize,
            at: clock(),
            lease: settings.lease,
            claimant: settings.claimant
        )
        if !claims.isEmpty {
            let outcome =
                endpoint.ordered
                ? await sendInOrder(claims, worker: &worker) : await sendInParallel(claims, worker: &worker)
            try await ledger.settle(outcome.settlements, claimant: settings.claimant, disabling: outcome.disabling)
            for settlement in outcome.settlements {
                switch settlement.outcome {
                case .delivered: summary.delivered += 1
                case .retry: summary.retried += 1
                case .dead: summary.dead += 1
                case .postponed: summary.postponed += 1
                }
            }
            if let disabling = outcome.disabling {
                summary.disabled.append(endpoint.name)
                logger.error(
                    "subscription disabled",
                    metadata: ["subscription": "\(endpoint.name)", "reason": "\(disabling.reason)"]
                )
            }
        }
        let progressed = summary.eventsRead > 0 || summary.delivered + summary.dead > 0
        return (summary, progressed && summary.disabled.isEmpty)
    }

    private struct BatchOutcome {
        var settlements: [DeliverySettlement] = []
        var disabling: SubscriptionDisabling?
    }

    /// Sends claims one at a time in log order; stops at the first that does not go through and
    /// hands the rest back untouched (due now, still behind it).
    private func sendInOrder(_ claims: [DeliveryClaim], worker: inout Worker) async -> BatchOutcome {
        var outcome = BatchOutcome()
        for (index, claim) in claims.enumerated() {
            if let free = worker.window?.take(at: clock()) {
                outcome.settlements += claims[index...].map { postpone($0, until: free, reason: "rate limit") }
                return outcome
            }
            let (settlement, disabling) = await attempt(claim, worker: worker)
            outcome.settlements.append(settlement)
            if let disabling { outcome.disabling = disabling }
            if case .delivered = settlement.outcome { continue }
            if case .dead = settlement.outcome, disabling == nil { continue }
            outcome.settlements += claims[(index + 1)...].map { postpone($0, until: clock(), reason: nil) }
            return outcome
        }
        return outcome
    }

    /// Sends claims concurrently, `parallelism` at a time, each taking a rate-limit slot first.
    private func sendInParallel(_ claims: [DeliveryClaim], worker: inout Worker) async -> BatchOutcome {
        var outcome = BatchOutcome()
        var allowed: [DeliveryClaim] = []
        for claim in claims {
            if let free = worker.window?.take(at: clock()) {
                outcome.settlements.append(postpone(claim, until: free, reason: "rate limit"))
            } else {
                allowed.append(claim)
            }
        }
        let snapshot = worker
        let limit = max(1, settings.parallelism)
        await withTaskGroup(of: (DeliverySettlement, SubscriptionDisabling?).self) { group in
            var next = 0
            while next < min(limit, allowed.count) {
                let claim = allowed[next]
                group.addTask { await attempt(claim, worker: snapshot) }
                next += 1
            }
            for await (settlement, disabling) in group {
                outcome.settlements.append(settlement)
                if let disabling, outcome.disabling == nil { outcome.disabling = disabling }
                if next < allowed.count {
                    let claim = allowed[next]
                    group.addTask { await attempt(claim, worker: snapshot) }
                    next += 1
                }
            }
        }
        return outcome
    }

    private func postpone(_ claim: DeliveryClaim, until: Date, reason: String?) -> DeliverySettlement {
        DeliverySettlement(
            subscription: claim.subscription,
            sequence: claim.event.sequence,
            outcome: .postponed(until: until, httpStatus: nil, error: reason)
        )
    }

    /// Sends one claim and turns the answer into its settlement (and a disabling, if it calls for one).
    func attempt(_ claim: DeliveryClaim, worker: Worker) async -> (DeliverySettlement, SubscriptionDisabling?) {
        let endpoint = worker.endpoint
        let request = RequestBuilder.request(for: claim.event, to: endpoint, at: clock())
        let verdict: DeliveryVerdict
        var status: Int?
        do {
            let reply = try await transport.send(request, timeout: settings.requestTimeout)
            status = reply.status
            verdict = ResponseClassifier.classify(reply, kind: endpoint.kind, now: clock())
        } catch {
            verdict = .retry(reason: "transport: \(Self.describe(error))")
        }
        let now = clock()
        let attempts = claim.attempts + 1
        // Built only when a message is logged (swift-log takes metadata as an autoclosure).
        func metadata() -> Logger.Metadata {
            var metadata: Logger.Metadata = [
                "subscription": "\(endpoint.name)", "event": "\(claim.event.event.id)",
                "type": "\(claim.event.event.type)", "sequence": "\(claim.event.sequence)", "attempt": "\(attempts)",
            ]
            if let status { metadata["status"] = "\(status)" }
            return metadata
        }
        let outcome: DeliverySettlement.Outcome
        var disabling: SubscriptionDisabling?
        switch verdict {
        case .delivered:
            outcome = .delivered(at: now, httpStatus: status)
            worker.metrics.recordDelivered(lag: now.timeIntervalSince(claim.event.event.occurredAt))
            logger.debug("delivered", metadata: metadata())
        case .retry(let reason):
            if let delay = settings.retry.delay(afterAttempts: attempts, random: Double.random(in: 0..<1)) {
                outcome = .retry(nextAttemptAt: now.addingTimeInterval(delay), httpStatus: status, error: reason)
                worker.metrics.recordRetry()
                logger.warning(
                    "delivery failed, will retry",
                    metadata: metadata().merging(["reason": "\(reason)"]) { $1 }
                )
            } else {
                outcome = .dead(httpStatus: status, error: reason + " (retries exhausted)")
                worker.metrics.recordDeadLetter()
                logger.error(
                    "dead letter: retries exhausted",
                    metadata: metadata().merging(["reason": "\(reason)"]) { $1 }
                )
            }
        case .wait(let after, let reason):
            outcome = .postponed(until: now.addingTimeInterval(after), httpStatus: status, error: reason)
            logger.notice("receiver asks to wait", metadata: metadata().merging(["reason": "\(reason)"]) { $1 })
        case .drop(let reason):
            outcome = .dead(httpStatus: status, error: reason)
            worker.metrics.recordDeadLetter()
            logger.error("dead letter: refused", metadata: metadata().merging(["reason": "\(reason)"]) { $1 })
        case .disable(let reason):
            outcome = .postponed(until: now, httpStatus: status, error: reason)
            disabling = SubscriptionDisabling(
                subscription: endpoint.name,
                reason: reason,
                event: DomainEvent(
                    SubscriptionDisabled(subscription: endpoint.name, reason: reason, httpStatus: status),
                    orgUnit: settings.orgUnit,
                    station: nil,
                    actor: Actor(rawValue: "notifier"),
                    at: now
                )
            )
        }
        return (
            DeliverySettlement(subscription: claim.subscription, sequence: claim.event.sequence, outcome: outcome),
            disabling
        )
    }

    /// A transport error in words safe to log: its type and, for HTTPClient errors, their short
    /// description (never the URL, which may carry a robot's token).
    public static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.contains("://") ? String(describing: type(of: error)) : text
    }
}
