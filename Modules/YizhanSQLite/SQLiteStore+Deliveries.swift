public import Foundation
import GRDB
public import YizhanKernel

/// The notifier's ledger. SQLite has one writer at a time, so each method's write transaction is
/// already exclusive across processes; leases keep a claimed delivery away from other notifiers
/// while its HTTP request is in flight.
extension SQLiteStore {
    public func openSubscriptions(_ names: [String], at now: Date) async throws {
        try await mapErrors("subscription_state") {
            try await pool.write { db in
                let last = try Int64.fetchOne(db, sql: "SELECT MAX(sequence) FROM event") ?? 0
                for name in names {
                    try db.execute(
                        sql: """
                            INSERT INTO subscription_state (name, cursor, opened_at_ms) VALUES (?, ?, ?)
                            ON CONFLICT(name) DO NOTHING
                            """,
                        arguments: [name, last, now.millisecondsSince1970]
                    )
                }
            }
        }
    }

    public func enqueue(subscription: String, selector: EventSelector, limit: Int, at now: Date) async throws -> Int {
        try await mapErrors("delivery") {
            try await pool.write { db in
                guard
                    let state = try Row.fetchOne(
                        db,
                        sql: "SELECT cursor, disabled_at_ms FROM subscription_state WHERE name = ?",
                        arguments: [subscription]
                    ),
                    state["disabled_at_ms"] == nil
                else { return 0 }
                let cursor: Int64 = state["cursor"]
                let events = try Self.rows(
                    db,
                    sql: """
                        SELECT sequence, id, type, occurred_at_ms, org_unit_code, station_id, actor, schema_version,
                               payload
                        FROM event WHERE sequence > ? ORDER BY sequence LIMIT ?
                        """,
                    arguments: [cursor, max(0, limit)]
                ).map(Self.storedEvent)
                guard let last = events.last else { return 0 }
                let insert = try db.cachedStatement(
                    sql: """
                        INSERT INTO delivery (subscription, event_sequence, status, attempts, next_attempt_at_ms)
                        VALUES (?, ?, 'pending', 0, ?) ON CONFLICT DO NOTHING
                        """
                )
                for stored in events where selector.accepts(stored.event) {
                    try insert.execute(arguments: [subscription, stored.sequence.rawValue, now.millisecondsSince1970])
                }
                try db.execute(
                    sql: "UPDATE subscription_state SET cursor = ? WHERE name = ?",
                    arguments: [last.sequence.rawValue, subscription]
                )
                return events.count
            }
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
        return try await mapErrors("delivery") {
            try await pool.write { db in
                let state = try Row.fetchOne(
                    db,
                    sql: "SELECT disabled_at_ms FROM subscription_state WHERE name = ?",
                    arguments: [subscription]
                )
                guard let state, state["disabled_at_ms"] == nil else { return [] }
                let leased =
                    try ordered
                    && (Bool.fetchOne(
                        db,
                        sql: """
                            SELECT EXISTS (SELECT 1 FROM delivery
                                           WHERE subscription = ? AND status = 'pending' AND lease_until_ms > ?)
                            """,
                        arguments: [subscription, nowMS]
                    ) ?? false)
                if leased { return [] }
                let due =
                    ordered
                    ? "" : "AND d.next_attempt_at_ms <= ? AND (d.lease_until_ms IS NULL OR d.lease_until_ms <= ?)"
                var arguments: StatementArguments = [subscription]
                if !ordered { arguments += [nowMS, nowMS] }
                arguments += [max(0, limit)]
                let rows = try Self.rows(
                    db,
                    sql: """
                        SELECT d.attempts, d.next_attempt_at_ms, e.sequence, e.id, e.type, e.occurred_at_ms,
                               e.org_unit_code, e.station_id, e.actor, e.schema_version, e.payload
                        FROM delivery d JOIN event e ON e.sequence = d.event_sequence
                        WHERE d.subscription = ? AND d.status = 'pending' \(due)
                        ORDER BY d.event_sequence LIMIT ?
                        """,
                    arguments: arguments
                )
                var claims: [DeliveryClaim] = []
                for row in rows {
                    // In order, the first delivery not yet due holds back every later one.
                    if ordered, (row["next_attempt_at_ms"] as Int64) > nowMS { break }
                    claims.append(
                        DeliveryClaim(
                            subscription: subscription,
                            event: try Self.storedEvent(row),
                            attempts: row["attempts"]
                        )
                    )
                }
                let update = try db.cachedStatement(
                    sql: """
                        UPDATE delivery SET lease_owner = ?, lease_until_ms = ?
                        WHERE subscription = ? AND event_sequence = ?
                        """
                )
                let until = Date(timeInterval: lease, since: now).millisecondsSince1970
                for claim in claims {
                    try update.execute(arguments: [claimant, until, subscription, claim.event.sequence.rawValue])
                }
                return claims
            }
        }
    }

    public func settle(
        _ settlements: [DeliverySettlement],
        claimant: String,
        disabling: SubscriptionDisabling?
    ) async throws {
        try await mapErrors("delivery") {
            try await pool.write { db in
                let update = try db.cachedStatement(
                    sql: """
                        UPDATE delivery
                        SET status = ?, attempts = attempts + ?, next_attempt_at_ms = COALESCE(?, next_attempt_at_ms),
                            last_http_status = ?, last_error = ?, delivered_at_ms = ?,
                            lease_owner = NULL, lease_until_ms = NULL
                        WHERE subscription = ? AND event_sequence = ? AND lease_owner = ? AND status = 'pending'
                        """
                )
                for settlement in settlements {
                    let outcome = settlement.outcome
                    try update.execute(
                        arguments: [
                            outcome.status.rawValue, outcome.isAttempt ? 1 : 0,
                            outcome.nextAttemptAt?.millisecondsSince1970,
                            outcome.httpStatus, outcome.error, outcome.deliveredAt?.millisecondsSince1970,
                            settlement.subscription, settlement.sequence.rawValue, claimant,
                        ]
                    )
                }
                if let disabling {
                    try db.execute(
                        sql: """
                            UPDATE subscription_state SET disabled_at_ms = ?, disabled_reason = ?
                            WHERE name = ? AND disabled_at_ms IS NULL
                            """,
                        arguments: [
                            disabling.event.occurredAt.millisecondsSince1970, disabling.reason, disabling.subscription,
                        ]
                    )
                    _ = try Self.append(disabling.event, in: db)
                }
            }
        }
    }

    public func enableSubscription(_ name: String, at now: Date, event: DomainEvent) async throws -> Bool {
        try await mapErrors("subscription_state") {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE subscription_state SET disabled_at_ms = NULL, disabled_reason = NULL
                        WHERE name = ? AND disabled_at_ms IS NOT NULL
                        """,
                    arguments: [name]
                )
                guard db.changesCount == 1 else { return false }
                try db.execute(
                    sql: """
                        UPDATE delivery SET next_attempt_at_ms = ?, lease_owner = NULL, lease_until_ms = NULL
                        WHERE subscription = ? AND status = 'pending'
                        """,
                    arguments: [now.millisecondsSince1970, name]
                )
                _ = try Self.append(event, in: db)
                return true
            }
        }
    }

    public func replay(
        subscription: String,
        selector: EventSelector,
        from start: ReplayStart,
        at now: Date
    ) async throws -> Int {
        try await mapErrors("delivery") {
            try await pool.write { db in
                guard
                    let cursor = try Int64.fetchOne(
                        db,
                        sql: "SELECT cursor FROM subscription_state WHERE name = ?",
                        arguments: [subscription]
                    )
                else { return 0 }
                let columns =
                    "sequence, id, type, occurred_at_ms, org_unit_code, station_id, actor, schema_version, payload"
                let upsert = try db.cachedStatement(
                    sql: """
                        INSERT INTO delivery (subscription, event_sequence, status, attempts, next_attempt_at_ms)
                        VALUES (?, ?, 'pending', 0, ?)
                        ON CONFLICT(subscription, event_sequence) DO UPDATE SET
                            status = 'pending', attempts = 0, next_attempt_at_ms = excluded.next_attempt_at_ms,
                            lease_owner = NULL, lease_until_ms = NULL, last_http_status = NULL, last_error = NULL,
                            delivered_at_ms = NULL
                        """
                )
                var count = 0
                var after: Int64 = 0
                while true {
                    let batch: [StoredEvent]
                    switch start {
                    case .event(let id):
                        guard after == 0 else { return count }
                        batch = try Self.rows(
                            db,
                            sql: "SELECT \(columns) FROM event WHERE id = ? AND sequence <= ?",
                            arguments: [id.rawValue, cursor]
                        ).map(Self.storedEvent)
                    case .occurredSince(let date):
                        batch = try Self.rows(
                            db,
                            sql: """
                                SELECT \(columns) FROM event
                                WHERE sequence > ? AND sequence <= ? AND occurred_at_ms >= ?
                                ORDER BY sequence LIMIT 1000
                                """,
                            arguments: [after, cursor, date.millisecondsSince1970]
                        ).map(Self.storedEvent)
                    }
                    guard let last = batch.last else { return count }
                    for stored in batch where selector.accepts(stored.event) {
                        try upsert.execute(
                            arguments: [subscription, stored.sequence.rawValue, now.millisecondsSince1970]
                        )
                        count += 1
                    }
                    after = max(last.sequence.rawValue, 1)
                }
            }
        }
    }

    public func deliveries(subscription: String?, statuses: Set<DeliveryStatus>, limit: Int) async throws -> [Delivery]
    {
        let wanted = DeliveryStatus.allCases.filter(statuses.contains).map(\.rawValue)
        guard !wanted.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: wanted.count).joined(separator: ", ")
        return try await mapErrors("delivery") {
            try await pool.read { db in
                var arguments = StatementArguments(wanted)
                var filter = "d.status IN (\(marks))"
                if let subscription {
                    filter += " AND d.subscription = ?"
                    arguments += [subscription]
                }
                arguments += [max(0, limit)]
                return try Self.rows(
                    db,
                    sql: """
                        SELECT d.subscription, d.event_sequence, e.id, e.type, d.status, d.attempts,
                               d.next_attempt_at_ms, d.last_http_status, d.last_error, d.delivered_at_ms
                        FROM delivery d JOIN event e ON e.sequence = d.event_sequence
                        WHERE \(filter)
                        ORDER BY d.event_sequence DESC, d.subscription LIMIT ?
                        """,
                    arguments: arguments
                ).map(Self.delivery)
            }
        }
    }

    public func subscriptionProgress() async throws -> [SubscriptionProgress] {
        try await mapErrors("subscription_state") {
            try await pool.read { db in
                try Self.rows(
                    db,
                    sql: """
                        SELECT s.name, s.cursor, s.disabled_at_ms, s.disabled_reason,
                               (SELECT count(*) FROM delivery d WHERE d.subscription = s.name AND d.status = 'pending')
                                   AS pending,
                               (SELECT count(*) FROM delivery d WHERE d.subscription = s.name AND d.status = 'delivered')
                                   AS delivered,
                               (SELECT count(*) FROM delivery d WHERE d.subscription = s.name AND d.status = 'dead')
                                   AS dead,
                               (SELECT MIN(e.occurred_at_ms) FROM delivery d JOIN event e ON e.sequence = d.event_sequence
                                WHERE d.subscription = s.name AND d.status = 'pending') AS oldest_pending_ms
                        FROM subscription_state s ORDER BY s.name
                        """
                ).map { row in
                    SubscriptionProgress(
                        subscription: row["name"],
                        cursor: EventSequence(rawValue: row["cursor"]),
                        disabledAt: (row["disabled_at_ms"] as Int64?).map(Date.init(millisecondsSince1970:)),
                        disabledReason: row["disabled_reason"],
                        pending: row["pending"],
                        delivered: row["delivered"],
                        dead: row["dead"],
                        oldestPendingOccurredAt: (row["oldest_pending_ms"] as Int64?).map(
                            Date.init(millisecondsSince1970:)
                        )
                    )
                }
            }
        }
    }

    static func delivery(_ row: Row) throws -> Delivery {
        Delivery(
            subscription: row["subscription"],
            sequence: EventSequence(rawValue: row["event_sequence"]),
            eventID: try id(row, "id"),
            eventType: EventType(rawValue: row["type"]),
            status: try enumValue(row, "status"),
            attempts: row["attempts"],
            nextAttemptAt: Date(millisecondsSince1970: row["next_attempt_at_ms"]),
            lastHTTPStatus: row["last_http_status"],
            lastError: row["last_error"],
            deliveredAt: (row["delivered_at_ms"] as Int64?).map(Date.init(millisecondsSince1970:))
        )
    }
}
