public import Foundation

/// One change to a stored service record: a correction (a new version of its facts) or a void.
/// The record's row holds the current version; each revision keeps the version it replaced, so
/// that the history stays and reports count only what is current (issue 21.3).
public struct ServiceRevision: Hashable, Sendable, Codable {
    /// Whether a revision corrects a record or voids it.
    public enum Change: String, Hashable, Sendable, Codable {
        /// The record's facts were corrected; `current` holds them.
        case corrected
        /// The record was voided: reports leave it out; it stays in the history.
        case voided
    }

    /// The record revised.
    public var record: ServiceRecordID
    /// The version this revision makes: 2 for the first, then 3 …
    public var version: Int
    /// What changed.
    public var change: Change
    /// The version before: what the store must hold for the revision to apply.
    public var previous: ServiceRecord
    /// The version after, for a correction; `nil` for a void.
    public var current: ServiceRecord?
    /// Why, as the worker wrote it (kept in the store, never in an event).
    public var reason: String
    /// When it was made.
    public var revisedAt: Date
    /// Who made it.
    public var actor: Actor

    /// Creates a revision.
    public init(
        record: ServiceRecordID,
        version: Int,
        change: Change,
        previous: ServiceRecord,
        current: ServiceRecord?,
        reason: String,
        revisedAt: Date,
        actor: Actor
    ) {
        self.record = record
        self.version = version
        self.change = change
        self.previous = previous
        self.current = current
        self.reason = reason
        self.revisedAt = Date(millisecondsSince1970: revisedAt.millisecondsSince1970)
        self.actor = actor
    }

    /// The names of the facts a correction changed (`date`, `durationMinutes`, `participants` …).
    public var changedFields: [String] {
        guard let current else { return [] }
        var fields: [String] = []
        if current.kind != previous.kind { fields.append("kind") }
        if current.date != previous.date { fields.append("date") }
        if current.durationMinutes != previous.durationMinutes { fields.append("durationMinutes") }
        if current.village != previous.village { fields.append("village") }
        if current.workers != previous.workers || current.workerNames != previous.workerNames {
            fields.append("workers")
        }
        if current.participants != previous.participants { fields.append("participants") }
        if current.program != previous.program || current.subProject != previous.subProject {
            fields.append("subProject")
        }
        if current.fields != previous.fields { fields.append("fields") }
        if current.photos != previous.photos { fields.append("photos") }
        return fields
    }
}

extension ServiceRevision {
    /// Checks that `stored` is what this revision was made from: the version before it, not
    /// voided, with the same facts. Every store applies a revision only after this check, so that a
    /// stale or second revision breaks the change.
    ///
    /// - Throws: `StoreError` `.constraintViolation` otherwise.
    public func check(against stored: StoredServiceRecord?) throws(StoreError) {
        guard let stored, !stored.isVoided, stored.version == version - 1,
            stored.record.normalized == previous.normalized
        else {
            throw StoreError(
                code: .constraintViolation,
                location: "service_revision",
                reason: "the record is unknown, voided, or changed since it was read"
            )
        }
    }
}

/// A stored service record with its place in its history.
public struct StoredServiceRecord: Hashable, Sendable, Codable {
    /// The record as it stands (its last version; for a voided record, the version voided).
    public var record: ServiceRecord
    /// Its version: 1 until it is first revised.
    public var version: Int
    /// Whether it was voided.
    public var isVoided: Bool

    /// Creates the pair.
    public init(record: ServiceRecord, version: Int, isVoided: Bool) {
        self.record = record
        self.version = version
        self.isVoided = isVoided
    }
}

extension ServiceRecord {
    /// The record with its workers and named clients in id order: what two stores compare, since
    /// neither promises the order it reads a record's workers in.
    public var normalized: ServiceRecord {
        var record = self
        record.workers.sort()
        if case .clients(let clients) = participants { record.participants = .clients(clients.sorted()) }
        return record
    }

    /// The record as sorted-key JSON, as a revision's history keeps it.
    public var historyJSON: String { HistoryJSON.text(of: normalized) }

    /// A record from a revision's history JSON.
    public init(historyJSON: String) throws {
        self = try JSONDecoder().decode(ServiceRecord.self, from: Data(historyJSON.utf8))
    }
}
