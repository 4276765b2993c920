public import Foundation

/// A booked entry that can be corrected or voided after it was written: an expense, a gift or a
/// volunteer's attendance (issue 21.3). Its row holds the current version; each revision keeps the versions before and
/// after it, so that the history stays and every total counts only what is current.
public protocol RevisableEntry: Hashable, Sendable, Codable, Identifiable where ID == Identifier<Self> {
    /// The kind, as a revision's history stores it.
    static var entryKind: EntryKind { get }
    /// The names of the facts that differ between `self` and `previous` (`amount`, `date` …).
    func changedFields(since previous: Self) -> [String]
}

/// The kinds of revisable entries.
public enum EntryKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// An expense against a budget line.
    case expense
    /// A gift of money or goods.
    case donation
    /// A volunteer's attendance at an activity (志愿服务时长).
    case hours
}

/// One change to a stored entry: a correction (a new version of its facts) or a void.
public struct EntryRevision<Entry: RevisableEntry>: Hashable, Sendable, Codable {
    /// The entry revised.
    public var entry: Entry.ID
    /// The version this revision makes: 2 for the first, then 3 …
    public var version: Int
    /// What changed.
    public var change: ServiceRevision.Change
    /// The version before: what the store must hold for the revision to apply.
    public var previous: Entry
    /// The version after, for a correction; `nil` for a void.
    public var current: Entry?
    /// Why, as the worker wrote it (kept in the store, never in an event).
    public var reason: String
    /// When it was made.
    public var revisedAt: Date
    /// Who made it.
    public var actor: Actor

    /// Creates a revision.
    public init(
        version: Int,
        change: ServiceRevision.Change,
        previous: Entry,
        current: Entry?,
        reason: String,
        revisedAt: Date,
        actor: Actor
    ) {
        self.entry = previous.id
        self.version = version
        self.change = change
        self.previous = previous
        self.current = current
        self.reason = reason
        self.revisedAt = Date(millisecondsSince1970: revisedAt.millisecondsSince1970)
        self.actor = actor
    }

    /// The names of the facts a correction changed; none for a void.
    public var changedFields: [String] { current?.changedFields(since: previous) ?? [] }

    /// Checks that `stored` is what this revision was made from: the version before it, not
    /// voided, with the same facts. Every store applies a revision only after this check, so that a
    /// stale or second revision breaks the change.
    ///
    /// - Throws: `StoreError` `.constraintViolation` otherwise.
    public func check(against stored: StoredEntry<Entry>?) throws(StoreError) {
        guard let stored, !stored.isVoided, stored.version == version - 1, stored.entry == previous,
            current.map({ $0.id == previous.id }) ?? true
        else {
            throw StoreError(
                code: .constraintViolation,
                location: "\(Entry.entryKind.rawValue)_revision",
                reason: "the entry is unknown, voided, or changed since it was read"
            )
        }
    }
}

/// A stored entry with its place in its history.
public struct StoredEntry<Entry: RevisableEntry>: Hashable, Sendable {
    /// The entry as it stands (its last version; for a voided entry, the version voided).
    public var entry: Entry
    /// Its version: 1 until it is first revised.
    public var version: Int
    /// Whether it was voided.
    public var isVoided: Bool

    /// Creates the triple.
    public init(entry: Entry, version: Int, isVoided: Bool) {
        self.entry = entry
        self.version = version
        self.isVoided = isVoided
    }
}

extension RevisableEntry {
    /// The entry as sorted-key JSON, as a revision's history keeps it.
    public var historyJSON: String { HistoryJSON.text(of: self) }

    /// An entry from a revision's history JSON.
    public init(historyJSON: String) throws {
        self = try JSONDecoder().decode(Self.self, from: Data(historyJSON.utf8))
    }
}

extension Expense: RevisableEntry {
    public static let entryKind = EntryKind.expense

    public func changedFields(since previous: Expense) -> [String] {
        var fields: [String] = []
        if amount != previous.amount { fields.append("amount") }
        if spentOn != previous.spentOn { fields.append("date") }
        if purpose != previous.purpose { fields.append("purpose") }
        if overspendReason != previous.overspendReason { fields.append("authorise") }
        return fields
    }
}

extension Donation: RevisableEntry {
    public static let entryKind = EntryKind.donation

    public func changedFields(since previous: Donation) -> [String] {
        var fields: [String] = []
        if amount != previous.amount { fields.append("amount") }
        if receivedOn != previous.receivedOn { fields.append("date") }
        if donorKind != previous.donorKind { fields.append("donorKind") }
        if donorName != previous.donorName { fields.append("donor") }
        if kind != previous.kind { fields.append("kind") }
        if goods != previous.goods { fields.append("goods") }
        if purpose != previous.purpose { fields.append("purpose") }
        if channel != previous.channel { fields.append("channel") }
        if isMatching != previous.isMatching { fields.append("matching") }
        return fields
    }
}

extension VolunteerHours: RevisableEntry {
    public static let entryKind = EntryKind.hours

    public func changedFields(since previous: VolunteerHours) -> [String] {
        var fields: [String] = []
        if checkIn != previous.checkIn { fields.append("check-in") }
        if checkOut != previous.checkOut { fields.append("check-out") }
        if minutes != previous.minutes { fields.append("minutes") }
        return fields
    }
}

/// How a revision's history keeps a version: sorted-key JSON, the same text for the same facts.
enum HistoryJSON {
    /// `value` as sorted-key JSON. Versions are plain strings and numbers: encoding cannot fail.
    static func text(of value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
