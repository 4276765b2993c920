public import Foundation
import Logging
import PostgresNIO
public import YizhanKernel

/// The notifier's ledger on PostgreSQL, safe with several notifier processes on one database:
/// claims lock rows with `FOR UPDATE SKIP LOCKED`, so two processes never lease the same delivery,
/// and an in-order subscription's cursor row is locked (skipping if taken) so that only one process
/// at a time enqueues or claims for it.
extension PostgresStore {
    static let eventColumns =
        "e.sequence, e.id, e.type, e.occurred_at_ms, e.org_unit_code, e.station_id, e.actor, e.schema_version, e.payload::text AS payload"

    public func openSubscriptions(_ names: [String], at now: Date) async throws {
        guard !names.isEmpty else { return }
        try await transaction("subscription_state") { connection, logger in
            try await connection.query(
                """
                INSERT INTO subscription_state (name, cursor, opened_at_ms)
                SELECT name, (SELECT last_sequence FROM event_counter), \(now.millisecondsSince1970)
                FROM unnest(\(names)::text[]) AS n(name)
                ON CONFLICT (name) DO NOTHING
                """,
                logger: logger
            )
        }
    }

    public func enqueue(subscription: String, selector: EventSelector, limit: Int, at now: Date) async throws -> Int {
        try await transaction("delivery") { connection, logger in
            let state = try await connection.query(
                """
                SELECT cursor, disabled_at_ms FROM subscription_state WHERE name = \(subscription)
                FOR UPDATE SKIP LOCKED
                """,
                logger: logger
            ).collect()
            guard let row = state.first?.makeRandomAccess(), try row["disabled_at_ms"].decode(Int64?.self) == nil else {
                return 0
            }
            let cursor = try row["cursor"].decode(Int64.self)
            let events = try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT \(Self.eventColumns) FROM event e WHERE e.sequence > $1 ORDER BY e.sequence LIMIT $2
                        """,
                    binds: try Self.binds(cursor, Int64(max(0, limit)))
                ),
                logger: logger
            ).collect().map(Self.storedEvent)
            guard let last = events.last else { return 0 }
            let accepted = events.filter { selector.accepts($0.event) }.map(\.sequence.rawValue)
            if !accepted.isEmpty {
                try await connection.query(
                    """
                    INSERT INTO delivery (subscription, event_sequence, status, attempts, next_attempt_at_ms)
                    SELECT \(subscription), s, 'pending', 0, \(now.millisecondsSince1970)
                    FROM unnest(\(accepted)::bigint[]) AS s
                    ON CONFLICT DO NOTHING
                    """,
                    logger: logger
                )
            }
            try await connection.query(
                "UPDATE subscription_state SET cursor = \(last.sequence.rawValue) WHERE name = \(subscription)",
                logger: logger
            )
            return events.count
        }
    }

    public func claim(
        subscription: String,
        ordered: Bool,
        limit: Int,
        at now: Date,
        lease: TimeInterval,
        claimant: String
    ) async throws -> [DeliveryClaim] {
        let nowMS = now.millisecondsSince1970
        let until = Date(timeInterval: lease, since: now).millisecondsSince1970
        return try await transaction("delivery") { connection, logger in
            var rows: [PostgresRow]
            let lock = ordered ? "FOR UPDATE SKIP LOCKED" : ""
            let state = try await connection.query(
                PostgresQuery(
                    unsafeSQL: "SELECT disabled_at_ms FROM subscription_state WHERE name = $1 \(lock)",
                    binds: try Self.binds(subscription)
                ),
                logger: logger
            ).collect()
            // Nothing for a subscription that is unknown, disabled, or (in order) being claimed elsewhere.
            guard let row = state.first, try row.decode(Int64?.self) == nil else { return [] }
            if ordered {
                // One claimant per in-order subscription: whoever holds the cursor row, or a live lease.
                let leased = try await connection.query(
                    """
                    SELECT 1 FROM delivery
                    WHERE subscription = \(subscription) AND status = 'pending' AND lease_until_ms > \(nowMS) LIMIT 1
                    """,
                    logger: logger
                ).collect()
                guard leased.isEmpty else { return [] }
                rows = try await connection.query(
                    PostgresQuery(
                        unsafeSQL: """
                            SELECT d.attempts, d.next_attempt_at_ms, \(Self.eventColumns)
                            FROM delivery d JOIN event e ON e.sequence = d.event_sequence
                            WHERE d.subscription = $1 AND d.status = 'pending'
                            ORDER BY d.event_sequence LIMIT $2
                            """,
                        binds: try Self.binds(subscription, Int64(max(0, limit)))
                    ),
                    logger: logger
                ).collect()
            } else {
                rows = try await connection.query(
                    PostgresQuery(
                        unsafeSQL: """
                            SELECT d.attempts, d.next_attempt_at_ms, \(Self.eventColumns)
                            FROM delivery d JOIN event e ON e.sequence = d.event_sequence
                            WHERE d.subscription = $1 AND d.status = 'pending' AND d.next_attempt_at_ms <= $2
                              AND (d.lease_until_ms IS NULL OR d.lease_until_ms <= $2)
                            ORDER BY d.event_sequence LIMIT $3
                            FOR UPDATE OF d SKIP LOCKED
                            """,
                        binds: try Self.binds(subscription, nowMS, Int64(max(0, limit)))
                    ),
                    logger: logger
                ).collect()
            }
            var claims: [DeliveryClaim] = []
            for row in rows {
                let cells = row.makeRandomAccess()
                // In order, the first delivery not yet due holds back every later one.
                if ordered, try cells["next_attempt_at_ms"].decode(Int64.self) > nowMS { break }
                claims.append(
                    DeliveryClaim(
                        subscription: subscription,
                        event: try Self.storedEvent(row),
                        attempts: try cells["attempts"].decode(Int.self)
                    )
                )
            }
            if !claims.isEmpty {
                try await connection.query(
                    """
                    UPDATE delivery SET lease_owner = \(claimant), lease_until_ms = \(until)
                    WHERE subscription = \(subscription)
                      AND event_sequence = ANY(\(claims.map(\.event.sequence.rawValue))::bigint[])
                    """,
                    logger: logger
                )
            }
            return claims
        }
    }

    public func settle(
        _ settlements: [DeliverySettlement],
        claimant: String,
        disabling: SubscriptionDisabling?
    ) async throws {
        try await transaction("delivery") { connection, logger in
            if !settlements.isEmpty {
                let outcomes = settlements.map(\.outcome)
                try await connection.query(
                    """
                    UPDATE delivery d
                    SET status = u.status, attempts = d.attempts + u.attempted,
                        next_attempt_at_ms = COALESCE(NULLIF(u.next_ms, -1), d.next_attempt_at_ms),
                        last_http_status = NULLIF(u.http, -1), last_error = NULLIF(u.error, ''),
                        delivered_at_ms = NULLIF(u.delivered_ms, -1), lease_owner = NULL, lease_until_ms = NULL
                    FROM unnest(\(settlements.map(\.subscription))::text[],
                                \(settlements.map(\.sequence.rawValue))::bigint[],
                                \(outcomes.map(\.status.rawValue))::text[],
                                \(outcomes.map { $0.isAttempt ? 1 : 0 })::int[],
                                \(outcomes.map { $0.nextAttemptAt?.millisecondsSince1970 ?? -1 })::bigint[],
                                \(outcomes.map { $0.httpStatus ?? -1 })::int[],
                                \(outcomes.map { $0.error ?? "" })::text[],
                                \(outcomes.map { $0.deliveredAt?.millisecondsSince1970 ?? -1 })::bigint[])
                        AS u(subscription, sequence, status, attempted, next_ms, http, error, delivered_ms)
                    WHERE d.subscription = u.subscription AND d.event_sequence = u.sequence
                      AND d.lease_owner = \(claimant) AND d.status = 'pending'
                    """,
                    logger: logger
                )
            }
            if let disabling {
                try await connection.query(
                    """
                    UPDATE subscription_state
                    SET disabled_at_ms = \(disabling.event.occurredAt.millisecondsSince1970),
                        disabled_reason = \(disabling.reason)
                    WHERE name = \(disabling.subscription) AND disabled_at_ms IS NULL
                    """,
                    logger: logger
                )
                _ = try await Self.append([disabling.event], on: connection, logger: logger)
            }
        }
    }

    public func enableSubscription(_ name: String, at now: Date, event: DomainEvent) async throws -> Bool {
        try await transaction("subscription_state") { connection, logger in
            let enabled = try await connection.query(
                """
                UPDATE subscription_state SET disabled_at_ms = NULL, disabled_reason = NULL
                WHERE name = \(name) AND disabled_at_ms IS NOT NULL RETURNING name
                """,
                logger: logger
            ).collect()
            guard !enabled.isEmpty else { return false }
            try await connection.query(
                """
                UPDATE delivery SET next_attempt_at_ms = \(now.millisecondsSince1970), lease_owner = NULL,
                    lease_until_ms = NULL
                WHERE subscription = \(name) AND status = 'pending'
                """,
                logger: logger
            )
            _ = try await Self.append([event], on: connection, logger: logger)
            return true
        }
    }

    public func replay(
        subscription: String,
        selector: EventSelector,
        from start: ReplayStart,
        at now: Date
    ) async throws -> Int {
        try await transaction("delivery") { connection, logger in
            let state = try await connection.query(
                "SELECT cursor FROM subscription_state WHERE name = \(subscription) FOR UPDATE",
                logger: logger
            ).collect()
            guard let cursor = try state.first?.decode(Int64.self) else { return 0 }
            var count = 0
            var after: Int64 = 0
            while true {
                let query: PostgresQuery
                switch start {
                case .event(let id):
                    guard after == 0 else { return count }
                    query = PostgresQuery(
                        unsafeSQL: "SELECT \(Self.eventColumns) FROM event e WHERE e.id = $1 AND e.sequence <= $2",
                        binds: try Self.binds(id.rawValue, cursor)
                    )
                case .occurredSince(let date):
                    query = PostgresQuery(
                        unsafeSQL: """
                            SELECT \(Self.eventColumns) FROM event e
                            WHERE e.sequence > $1 AND e.sequence <= $2 AND e.occurred_at_ms >= $3
                            ORDER BY e.sequence LIMIT 1000
                            """,
                        binds: try Self.binds(after, cursor, date.millisecondsSince1970)
                    )
                }
                let batch = try await connection.query(query, logger: logger).collect().map(Self.storedEvent)
                guard let last = batch.last else { return count }
                let accepted = batch.filter { selector.accepts($0.event) }.map(\.sequence.rawValue)
                if !accepted.isEmpty {
                    try await connection.query(
                        """
                        INSERT INTO delivery (subscription, event_sequence, status, attempts, next_attempt_at_ms)
                        SELECT \(subscription), s, 'pending', 0, \(now.millisecondsSince1970)
                        FROM unnest(\(accepted)::bigint[]) AS s
                        ON CONFLICT (subscription, event_sequence) DO UPDATE SET
                            status = 'pending', attempts = 0, next_attempt_at_ms = excluded.next_attempt_at_ms,
                            lease_owner = NULL, lease_until_ms = NULL, last_http_status = NULL, last_error = NULL,
                            delivered_at_ms = NULL
                        """,
                        logger: logger
                    )
                }
                count += accepted.count
                after = max(last.sequence.rawValue, 1)
            }
        }
    }

    public func deliveries(subscription: String?, statuses: Set<DeliveryStatus>, limit: Int) async throws -> [Delivery]
    {
        let wanted = DeliveryStatus.allCases.filter(statuses.contains).map(\.rawValue)
        guard !wanted.isEmpty else { return [] }
        return try await read("delivery") { connection, logger in
            try await connection.query(
                """
                SELECT d.subscription, d.event_sequence, e.id, e.type, d.status, d.attempts, d.next_attempt_at_ms,
                       d.last_http_status, d.last_error, d.delivered_at_ms
                FROM delivery d JOIN event e ON e.sequence = d.event_sequence
                WHERE d.status = ANY(\(wanted)::text[])
                  AND (\(subscription)::text IS NULL OR d.subscription = \(subscription))
                ORDER BY d.event_sequence DESC, d.subscription LIMIT \(Int64(max(0, limit)))
                """,
                logger: logger
            ).collect().map(Self.delivery)
        }
    }

    public func subscriptionProgress() async throws -> [SubscriptionProgress] {
        try await read("subscription_state") { connection, logger in
            try await connection.query(
                """
                SELECT s.name, s.cursor, s.disabled_at_ms, s.disabled_reason,
                       count(d.status) FILTER (WHERE d.status = 'pending') AS pending,
                       count(d.status) FILTER (WHERE d.status = 'delivered') AS delivered,
                       count(d.status) FILTER (WHERE d.status = 'dead') AS dead,
                       (SELECT MIN(e.occurred_at_ms) FROM delivery p JOIN event e ON e.sequence = p.event_sequence
                        WHERE p.subscription = s.name AND p.status = 'pending') AS oldest_pending_ms
                FROM subscription_state s LEFT JOIN delivery d ON d.subscription = s.name
                GROUP BY s.name ORDER BY s.name
                """,
                logger: logger
            ).collect().map { row in
                let cells = row.makeRandomAccess()
                return SubscriptionProgress(
                    subscription: try cells["name"].decode(String.self),
                    cursor: EventSequence(rawValue: try cells["cursor"].decode(Int64.self)),
                    disabledAt: try cells["disabled_at_ms"].decode(Int64?.self).map(Date.init(millisecondsSince1970:)),
                    disabledReason: try cells["disabled_reason"].decode(String?.self),
                    pending: Int(try cells["pending"].decode(Int64.self)),
                    delivered: Int(try cells["delivered"].decode(Int64.self)),
                    dead: Int(try cells["dead"].decode(Int64.self)),
                    oldestPendingOccurredAt: try cells["oldest_pending_ms"].decode(Int64?.self)
                        .map(Date.init(millisecondsSince1970:))
                )
            }
        }
    }

    static func delivery(_ row: PostgresRow) throws -> Delivery {
        let cells = row.makeRandomAccess()
        return Delivery(
            subscription: try cells["subscription"].decode(String.self),
            sequence: EventSequence(rawValue: try cells["event_sequence"].decode(Int64.self)),
            eventID: try id(cells, "id"),
            eventType: EventType(rawValue: try cells["type"].decode(String.self)),
            status: try enumValue(cells, "status"),
            attempts: try cells["attempts"].decode(Int.self),
            nextAttemptAt: Date(millisecondsSince1970: try cells["next_attempt_at_ms"].decode(Int64.self)),
            lastHTTPStatus: try cells["last_http_status"].decode(Int?.self),
            lastError: try cells["last_error"].decode(String?.self),
            deliveredAt: try cells["delivered_at_ms"].decode(Int64?.self).map(Date.init(millisecondsSince1970:))
        )
    }

    /// Runs `body` in a transaction on a pooled connection, mapping errors.
    @discardableResult
    func transaction<T: Sendable>(
        _ location: String,
        _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T
    ) async throws -> T {
        let logger = logger
        return try await mapErrors(location) {
            try await client.withTransaction(logger: logger) { connection in try await body(connection, logger) }
        }
    }

    /// Binds for a query whose SQL is assembled from constant parts.
    static func binds(_ values: any PostgresEncodable & Sendable...) throws -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values { try bindings.append(value) }
        return bindings
    }
}
