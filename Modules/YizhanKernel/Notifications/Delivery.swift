public import Foundation

/// Where one event stands for one subscription.
public enum DeliveryStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// Not yet accepted by the receiver; sent when due.
    case pending
    /// Accepted by the receiver.
    case delivered
    /// Given up on: the retry schedule ran out or the receiver refused it for good (dead letter).
    case dead
}

/// One event's delivery to one subscription, as the ledger keeps it.
public struct Delivery: Hashable, Sendable, Codable {
    /// The subscription's name.
    public var subscription: String
    /// The event's position in the log.
    public var sequence: EventSequence
    /// The event's id (the receiver's idempotency key).
    public var eventID: EventID
    /// The event's type.
    public var eventType: EventType
    /// Where it stands.
    public var status: DeliveryStatus
    /// Attempts made so far (a postponement for a rate limit is not an attempt).
    public var attempts: Int
    /// When it is next due, while pending.
    public var nextAttemptAt: Date
    /// The last HTTP status received, if any.
    public var lastHTTPStatus: Int?
    /// Why the last attempt failed, in words safe to log (no secrets, no personal data).
    public var lastError: String?
    /// When the receiver accepted it.
    public var deliveredAt: Date?

    /// Creates a delivery row.
    public init(
        subscription: String,
        sequence: EventSequence,
        eventID: EventID,
        eventType: EventType,
        status: DeliveryStatus,
        attempts: Int,
        nextAttemptAt: Date,
        lastHTTPStatus: Int? = nil,
        lastError: String? = nil,
        deliveredAt: Date? = nil
    ) {
        self.subscription = subscription
        self.sequence = sequence
        self.eventID = eventID
        self.eventType = eventType
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastHTTPStatus = lastHTTPStatus
        self.lastError = lastError
        self.deliveredAt = deliveredAt
    }
}

/// A pending delivery leased to one notifier process, with the event to send.
public struct DeliveryClaim: Hashable, Sendable {
    /// The subscription's name.
    public var subscription: String
    /// The event to send.
    public var event: StoredEvent
    /// Attempts made before this one.
    public var attempts: Int

    /// Creates a claim.
    public init(subscription: String, event: StoredEvent, attempts: Int) {
        self.subscription = subscription
        self.event = event
        self.attempts = attempts
    }
}

/// What became of a claimed delivery; the ledger records it and ends the lease.
public struct DeliverySettlement: Hashable, Sendable {
    /// The outcome.
    public enum Outcome: Hashable, Sendable {
        /// The receiver accepted it at `at`.
        case delivered(at: Date, httpStatus: Int?)
        /// It failed and is tried again at `nextAttemptAt` (counts as an attempt).
        case retry(nextAttemptAt: Date, httpStatus: Int?, error: String)
        /// It failed for good, or the schedule ran out: a dead letter (counts as an attempt).
        case dead(httpStatus: Int?, error: String)
        /// Not sent, or sent and told to wait (a rate limit): due again at `until`, not an attempt.
        case postponed(until: Date, httpStatus: Int?, error: String?)
    }

    /// The subscription's name.
    public var subscription: String
    /// The event's position.
    public var sequence: EventSequence
    /// The outcome.
    public var outcome: Outcome

    /// Creates a settlement.
    public init(subscription: String, sequence: EventSequence, outcome: Outcome) {
        self.subscription = subscription
        self.sequence = sequence
        self.outcome = outcome
    }
}

/// A subscription switched off after persistent failure, and the event that says so.
public struct SubscriptionDisabling: Hashable, Sendable {
    /// The subscription's name.
    public var subscription: String
    /// Why, in words safe to log.
    public var reason: String
    /// The `subscription.disabled` event appended in the same transaction.
    public var event: DomainEvent

    /// Creates a disabling.
    public init(subscription: String, reason: String, event: DomainEvent) {
        self.subscription = subscription
        self.reason = reason
        self.event = event
    }
}

/// A subscription's progress through the log, for `yizhan-notify status`.
public struct SubscriptionProgress: Hashable, Sendable, Codable {
    /// The subscription's name.
    public var subscription: String
    /// The last event looked at; events after it are not yet enqueued.
    public var cursor: EventSequence
    /// When it was switched off, if it is.
    public var disabledAt: Date?
    /// Why it was switched off.
    public var disabledReason: String?
    /// Deliveries pending.
    public var pending: Int
    /// Deliveries accepted.
    public var delivered: Int
    /// Dead letters.
    public var dead: Int
    /// When the oldest pending delivery's event occurred: the subscription's lag.
    public var oldestPendingOccurredAt: Date?

    /// Creates a progress row.
    public init(
        subscription: String,
        cursor: EventSequence,
        disabledAt: Date? = nil,
        disabledReason: String? = nil,
        pending: Int = 0,
        delivered: Int = 0,
        dead: Int = 0,
        oldestPendingOccurredAt: Date? = nil
    ) {
        self.subscription = subscription
        self.cursor = cursor
        self.disabledAt = disabledAt
        self.disabledReason = disabledReason
        self.pending = pending
        self.delivered = delivered
        self.dead = dead
        self.oldestPendingOccurredAt = oldestPendingOccurredAt
    }
}

/// Which events `replay` sends again.
public enum ReplayStart: Hashable, Sendable {
    /// Every event that occurred at or after the date.
    case occurredSince(Date)
    /// One event.
    case event(EventID)
}

extension DeliverySettlement.Outcome {
    /// The status the delivery is left in.
    public var status: DeliveryStatus {
        switch self {
        case .delivered: .delivered
        case .dead: .dead
        case .retry, .postponed: .pending
        }
    }

    /// Whether it counts as an attempt (a postponement does not).
    public var isAttempt: Bool {
        if case .postponed = self { return false }
        return true
    }

    /// When the delivery is next due, if it stays pending.
    public var nextAttemptAt: Date? {
        switch self {
        case .retry(let next, _, _): next
        case .postponed(let until, _, _): until
        case .delivered, .dead: nil
        }
    }

    /// The HTTP status received, if any.
    public var httpStatus: Int? {
        switch self {
        case .delivered(_, let status), .retry(_, let status, _), .dead(let status, _), .postponed(_, let status, _):
            status
        }
    }

    /// Why it failed, if it did.
    public var error: String? {
        switch self {
        case .delivered: nil
        case .retry(_, _, let error), .dead(_, let error): error
        case .postponed(_, _, let error): error
        }
    }

    /// When the receiver accepted it.
    public var deliveredAt: Date? {
        if case .delivered(let at, _) = self { return at }
        return nil
    }
}
