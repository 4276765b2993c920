import Foundation
import Testing
import YizhanKernel

/// The notifier ledger's behaviour (`DeliveryLedger`), run on every adapter with the store cases.
extension StoreConformance {
    static let ledgerCases: [StoreConformance] = [
        StoreConformance(
            name: "a subscription starts at the log's end; enqueue filters by type and scope",
            body: enqueueSelects
        ),
        StoreConformance(name: "in order, a claim waits behind the head and behind a live lease", body: orderedClaims),
        StoreConformance(name: "in parallel, claims skip leased and not-yet-due deliveries", body: parallelClaims),
        StoreConformance(name: "an expired lease is claimed again; the late settlement is ignored", body: expiredLease),
        StoreConformance(name: "dead letters, postponements and a disabling with its event", body: settleOutcomes),
        StoreConformance(name: "replay requeues events by date or by id", body: replayRequeues),
        StoreConformance(name: "concurrent claimers never lease one delivery twice", body: concurrentClaims),
    ]

    private static let now = Date(millisecondsSince1970: 1_700_000_000_000)
    private static let services = EventSelector(types: ["service.*"], scope: .within(Fixtures.haiyan))

    /// The directory, an in-order subscription `svc`, then `count` records at Baibu, enqueued.
    private static func subscribed(_ store: any StationStore, records count: Int) async throws {
        try await store.commit(Fixtures.directory())
        try await store.openSubscriptions(["svc"], at: now)
        try await store.commit(Fixtures.recording((1...count).map { Fixtures.record("q\($0)") }))
        _ = try await store.enqueue(subscription: "svc", selector: services, limit: 1_000, at: now)
    }

    private static func enqueueSelects(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let opened = try await store.lastEventSequence()
        try await store.openSubscriptions(["svc", "all"], at: now)
        try await store.openSubscriptions(["svc"], at: now)  // opening again keeps the cursor
        try await store.commit(
            Fixtures.recording([
                Fixtures.record("r1"), Fixtures.record("r2", station: Fixtures.ganpu),
                Fixtures.record("r3", station: Fixtures.elsewhere),
            ])
        )
        #expect(try await store.enqueue(subscription: "svc", selector: services, limit: 2, at: now) == 2)
        #expect(try await store.enqueue(subscription: "svc", selector: services, limit: 2, at: now) == 1)
        #expect(try await store.enqueue(subscription: "svc", selector: services, limit: 2, at: now) == 0)
        #expect(try await store.enqueue(subscription: "nobody", selector: services, limit: 2, at: now) == 0)
        let progress = try await store.subscriptionProgress()
        #expect(progress.map(\.subscription) == ["all", "svc"])
        #expect(progress[0].cursor == opened && progress[0].pending == 0)
        #expect(progress[1].cursor == (try await store.lastEventSequence()))
        #expect(progress[1].pending == 2 && progress[1].delivered == 0)
        let pending = try await store.deliveries(subscription: "svc", statuses: [.pending], limit: 10)
        // The record outside Haiyan (r3) is not for this subscription; newest first.
        #expect(pending.map(\.sequence.rawValue) == [opened.rawValue + 2, opened.rawValue + 1])
        #expect(pending.allSatisfy { $0.eventType == .serviceRecorded && $0.attempts == 0 })
    }

    private static func orderedClaims(_ store: any StationStore) async throws {
        try await subscribed(store, records: 2)
        let first = try await store.claim(
            subscription: "svc",
            ordered: true,
            limit: 10,
            at: now,
            lease: 30,
            claimant: "a"
        )
        #expect(first.count == 2 && first[0].event.sequence < first[1].event.sequence)
        #expect(
            try await store.claim(subscription: "svc", ordered: true, limit: 10, at: now, lease: 30, claimant: "b")
                .isEmpty
        )
        let retryAt = now.addingTimeInterval(60)
        try await store.settle(
            [
                DeliverySettlement(
                    subscription: "svc",
                    sequence: first[0].event.sequence,
                    outcome: .retry(nextAttemptAt: retryAt, httpStatus: 503, error: "HTTP 503")
                ),
                DeliverySettlement(
                    subscription: "svc",
                    sequence: first[1].event.sequence,
                    outcome: .postponed(until: now, httpStatus: nil, error: nil)
                ),
            ],
            claimant: "a",
            disabling: nil
        )
        // The head is not due for a minute, so the second waits behind it.
        #expect(
            try await store.claim(subscription: "svc", ordered: true, limit: 10, at: now, lease: 30, claimant: "b")
                .isEmpty
        )
        let later = try await store.claim(
            subscription: "svc",
            ordered: true,
            limit: 10,
            at: retryAt,
            lease: 30,
            claimant: "b"
        )
        #expect(later.map(\.event.sequence) == first.map(\.event.sequence))
        #expect(later.map(\.attempts) == [1, 0])
    }

    private static func parallelClaims(_ store: any StationStore) async throws {
        try await subscribed(store, records: 3)
        let a = try await store.claim(subscription: "svc", ordered: false, limit: 2, at: now, lease: 30, claimant: "a")
        let b = try await store.claim(subscription: "svc", ordered: false, limit: 2, at: now, lease: 30, claimant: "b")
        #expect(a.count == 2 && b.count == 1)
        #expect(Set(a.map(\.event.sequence)).isDisjoint(with: b.map(\.event.sequence)))
        try await store.settle(
            [
                DeliverySettlement(
                    subscription: "svc",
                    sequence: a[0].event.sequence,
                    outcome: .retry(nextAttemptAt: now.addingTimeInterval(60), httpStatus: nil, error: "timeout")
                )
            ],
            claimant: "a",
            disabling: nil
        )
        // a[0] is not due yet and a[1], b[0] are still leased.
        #expect(
            try await store.claim(subscription: "svc", ordered: false, limit: 5, at: now, lease: 30, claimant: "c")
                .isEmpty
        )
        let due = try await store.claim(
            subscription: "svc",
            ordered: false,
            limit: 5,
            at: now.addingTimeInterval(61),
            lease: 30,
            claimant: "c"
        )
        #expect(due.map(\.event.sequence) == a.map(\.event.sequence) + b.map(\.event.sequence))
    }

    private static func expiredLease(_ store: any StationStore) async throws {
        try await subscribed(store, records: 1)
        let a = try await store.claim(subscription: "svc", ordered: true, limit: 1, at: now, lease: 10, claimant: "a")
        let b = try await store.claim(
            subscription: "svc",
            ordered: true,
            limit: 1,
            at: now.addingTimeInterval(11),
            lease: 10,
            claimant: "b"
        )
        #expect(a.count == 1 && b.map(\.event.sequence) == a.map(\.event.sequence))
        let sequence = a[0].event.sequence
        try await store.settle(
            [
                DeliverySettlement(
                    subscription: "svc",
                    sequence: sequence,
                    outcome: .delivered(at: now, httpStatus: 200)
                )
            ],
            claimant: "a",
            disabling: nil
        )
        #expect(try await store.deliveries(subscription: "svc", statuses: [.pending], limit: 5).count == 1)
        let deliveredAt = now.addingTimeInterval(12)
        try await store.settle(
            [
                DeliverySettlement(
                    subscription: "svc",
                    sequence: sequence,
                    outcome: .delivered(at: deliveredAt, httpStatus: 204)
                )
            ],
            claimant: "b",
            disabling: nil
        )
        let done = try await store.deliveries(subscription: nil, statuses: [.delivered], limit: 5)
        #expect(done.count == 1 && done[0].attempts == 1 && done[0].lastHTTPStatus == 204)
        #expect(done[0].deliveredAt == deliveredAt)
    }

    private static func settleOutcomes(_ store: any StationStore) async throws {
        try await subscribed(store, records: 2)
        let claims = try await store.claim(
            subscription: "svc",
            ordered: false,
            limit: 2,
            at: now,
            lease: 30,
            claimant: "a"
        )
        let disabled = DomainEvent(
            SubscriptionDisabled(subscription: "svc", reason: "HTTP 410 Gone", httpStatus: 410),
            orgUnit: Fixtures.haiyan,
            station: nil,
            actor: Actor(rawValue: "notifier"),
            at: now
        )
        let before = try await store.lastEventSequence()
        try await store.settle(
            [
                DeliverySettlement(
                    subscription: "svc",
                    sequence: claims[0].event.sequence,
                    outcome: .dead(httpStatus: 400, error: "HTTP 400")
                ),
                DeliverySettlement(
                    subscription: "svc",
                    sequence: claims[1].event.sequence,
                    outcome: .postponed(until: now, httpStatus: 410, error: "HTTP 410")
                ),
            ],
            claimant: "a",
            disabling: SubscriptionDisabling(subscription: "svc", reason: "HTTP 410 Gone", event: disabled)
        )
        #expect(try await store.events(after: before, limit: 5).map(\.event) == [disabled])
        let dead = try await store.deliveries(subscription: "svc", statuses: [.dead], limit: 5)
        #expect(dead.count == 1 && dead[0].attempts == 1 && dead[0].lastError == "HTTP 400")
        let pending = try await store.deliveries(subscription: "svc", statuses: [.pending], limit: 5)
        #expect(pending.count == 1 && pending[0].attempts == 0 && pending[0].lastHTTPStatus == 410)
        var progress = try await store.subscriptionProgress()
        #expect(progress[0].disabledReason == "HTTP 410 Gone" && progress[0].disabledAt == now)
        #expect(progress[0].pending == 1 && progress[0].dead == 1)
        // A disabled subscription claims and enqueues nothing until an operator enables it again.
        #expect(
            try await store.claim(subscription: "svc", ordered: false, limit: 5, at: now, lease: 30, claimant: "b")
                .isEmpty
        )
        try await store.commit(Fixtures.recording([Fixtures.record("late")]))
        #expect(try await store.enqueue(subscription: "svc", selector: services, limit: 10, at: now) == 0)
        let enabled = DomainEvent(
            SubscriptionEnabled(subscription: "svc"),
            orgUnit: Fixtures.haiyan,
            station: nil,
            actor: .cli,
            at: now
        )
        #expect(try await store.enableSubscription("svc", at: now, event: enabled))
        #expect(try await store.enableSubscription("svc", at: now, event: enabled) == false)
        // Read: the late record and the two subscription events; enqueued: the record only.
        #expect(try await store.enqueue(subscription: "svc", selector: services, limit: 10, at: now) == 3)
        progress = try await store.subscriptionProgress()
        #expect(progress[0].disabledAt == nil && progress[0].pending == 2)
    }

    private static func replayRequeues(_ store: any StationStore) async throws {
        try await subscribed(store, records: 3)
        let claims = try await store.claim(
            subscription: "svc",
            ordered: true,
            limit: 3,
            at: now,
            lease: 30,
            claimant: "a"
        )
        try await store.settle(
            claims.map {
                DeliverySettlement(
                    subscription: "svc",
                    sequence: $0.event.sequence,
                    outcome: .delivered(at: now, httpStatus: 200)
                )
            },
            claimant: "a",
            disabling: nil
        )
        #expect(try await store.subscriptionProgress()[0].delivered == 3)
        let one = try await store.replay(
            subscription: "svc",
            selector: services,
            from: .event(claims[1].event.event.id),
            at: now
        )
        #expect(one == 1)
        #expect(
            try await store.deliveries(subscription: "svc", statuses: [.pending], limit: 5).map(\.sequence) == [
                claims[1].event.sequence
            ]
        )
        let since = claims[0].event.event.occurredAt
        #expect(
            try await store.replay(subscription: "svc", selector: services, from: .occurredSince(since), at: now) == 3
        )
        // Events after the cursor are not replayed: they are still to be enqueued.
        try await store.commit(Fixtures.recording([Fixtures.record("after")]))
        #expect(
            try await store.replay(subscription: "svc", selector: services, from: .occurredSince(since), at: now) == 3
        )
        #expect(
            try await store.replay(subscription: "nobody", selector: services, from: .occurredSince(since), at: now)
                == 0
        )
        let progress = try await store.subscriptionProgress()[0]
        #expect(progress.pending == 3 && progress.delivered == 0)
    }

    private static func concurrentClaims(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        try await store.openSubscriptions(["svc"], at: now)
        try await store.commit(Fixtures.recording((1...120).map { Fixtures.record("c\($0)") }))
        _ = try await store.enqueue(subscription: "svc", selector: services, limit: 1_000, at: now)
        let claimed = try await withThrowingTaskGroup(of: [EventSequence].self) { group in
            for worker in 0..<6 {
                group.addTask {
                    var mine: [EventSequence] = []
                    while true {
                        let claims = try await store.claim(
                            subscription: "svc",
                            ordered: false,
                            limit: 7,
                            at: now,
                            lease: 60,
                            claimant: "w\(worker)"
                        )
                        if claims.isEmpty { return mine }
                        mine += claims.map(\.event.sequence)
                    }
                }
            }
            var all: [EventSequence] = []
            for try await part in group { all += part }
            return all
        }
        #expect(claimed.count == 120)
        #expect(Set(claimed).count == 120)
    }
}
