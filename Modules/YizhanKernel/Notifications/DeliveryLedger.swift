public import Foundation

/// The notifier's durable state in the store: each subscription's cursor over the event log and
/// its deliveries.
///
/// Every method runs in one transaction, so the progress a notifier records cannot drift from the
/// log: an event is either enqueued with the cursor moved past it, or neither. Several notifier
/// processes may share one ledger; a claim is a lease (`claimant`, expiring at `now + lease`), and
/// a process that dies mid-batch loses nothing — its leases expire and the deliveries are claimed
/// again (at least once).
public protocol DeliveryLedger: Sendable {
    /// Makes sure each named subscription has a cursor; a new one starts at the end of the log
    /// (use `replay` to send history).
    func openSubscriptions(_ names: [String], at now: Date) async throws

    /// Reads up to `limit` events after the subscription's cursor, enqueues the ones `selector`
    /// accepts as pending deliveries due at `now`, and moves the cursor past every event read.
    ///
    /// - Returns: how many events were read (0 when the subscription is caught up, disabled, or
    ///   another process is enqueueing for it).
    func enqueue(subscription: String, selector: EventSelector, limit: Int, at now: Date) async throws -> Int

    /// Leases up to `limit` due deliveries of the subscription to `claimant` until `now + lease`.
    ///
    /// In order (`ordered`): only the oldest pending deliveries, in sequence order, stopping at the
    /// first one not yet due; nothing while another claimant holds a lease on the subscription.
    /// In parallel: any due, unleased pending deliveries, oldest first, skipping those another
    /// process is claiming.
    func claim(
        subscription: String,
        ordered: Bool,
        limit: Int,
        at now: Date,
        lease: TimeInterval,
        claimant: String
    ) async throws -> [DeliveryClaim]

    /// Records what became of claimed deliveries and ends their leases; with `disabling`, also
    /// switches the subscription off and appends its event. One transaction. Settlements of
    /// deliveries no longer leased to `claimant` are ignored (another process took them over).
    func settle(_ settlements: [DeliverySettlement], claimant: String, disabling: SubscriptionDisabling?) async throws

    /// Switches a disabled subscription back on and appends `event` (`subscription.enabled`); its
    /// pending deliveries become due at `now`. One transaction.
    ///
    /// - Returns: whether the subscription was disabled (nothing is written otherwise).
    func enableSubscription(_ name: String, at now: Date, event: DomainEvent) async throws -> Bool

    /// Enqueues again, as pending and due at `now` with no attempts, the events from `start` that
    /// `selector` accepts (only those the cursor has passed).
    ///
    /// - Returns: how many deliveries were (re)queued.
    func replay(
        subscription: String,
        selector: EventSelector,
        from start: ReplayStart,
        at now: Date
    ) async throws -> Int

    /// Up to `limit` deliveries with one of `statuses`, of one subscription or all, newest first.
    func deliveries(subscription: String?, statuses: Set<DeliveryStatus>, limit: Int) async throws -> [Delivery]

    /// Every known subscription's cursor and counts, by name.
    func subscriptionProgress() async throws -> [SubscriptionProgress]
}
