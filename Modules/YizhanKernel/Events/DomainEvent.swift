public import Foundation

/// A fact that happened, recorded in the same transaction as the rows it describes.
///
/// Events carry identifiers and facts — never names, ID numbers or phones — so the event log can be
/// shown to auditors and sent to chat groups. The payload is JSON with sorted keys, versioned by
/// `schemaVersion` so that subscribers can read old events after the payload grows.
public struct DomainEvent: Hashable, Sendable, Codable, Identifiable {
    /// A UUIDv7: unique, and sorted by creation time.
    public var id: EventID
    /// What happened, e.g. `service.recorded`.
    public var type: EventType
    /// When it happened (UTC), to the millisecond.
    public var occurredAt: Date
    /// The administrative unit it concerns, for scoping subscriptions (a station's township, a county).
    public var orgUnit: DivisionCode
    /// The station it concerns, if any.
    public var station: StationID?
    /// Who or what caused it.
    public var actor: Actor
    /// The version of the payload's shape for this event type.
    public var schemaVersion: Int
    /// The payload, as JSON text with sorted keys.
    public var payload: String

    /// Creates an event with a payload already encoded.
    public init(
        id: EventID = .generate(),
        type: EventType,
        occurredAt: Date,
        orgUnit: DivisionCode,
        station: StationID?,
        actor: Actor,
        schemaVersion: Int,
        payload: String
    ) {
        self.id = id
        self.type = type
        self.occurredAt = Date(millisecondsSince1970: occurredAt.millisecondsSince1970)
        self.orgUnit = orgUnit
        self.station = station
        self.actor = actor
        self.schemaVersion = schemaVersion
        self.payload = payload
    }

    /// Creates an event of `Payload`'s type, encoding `payload` as sorted-key JSON.
    public init<Payload: EventPayload>(
        _ payload: Payload,
        orgUnit: DivisionCode,
        station: StationID?,
        actor: Actor,
        at occurredAt: Date,
        id: EventID = .generate()
    ) {
        self.init(
            id: id,
            type: Payload.eventType,
            occurredAt: occurredAt,
            orgUnit: orgUnit,
            station: station,
            actor: actor,
            schemaVersion: Payload.schemaVersion,
            payload: payload.jsonText()
        )
    }

    /// Decodes the payload as `Payload`, which must match the event's type.
    public func decodePayload<Payload: EventPayload & Decodable>(as _: Payload.Type) throws -> Payload {
        try JSONDecoder().decode(Payload.self, from: Data(payload.utf8))
    }
}

/// An event kept in the log, with its position in the log.
public struct StoredEvent: Hashable, Sendable, Codable {
    /// The event's position: strictly increasing in commit order, never reused.
    public var sequence: EventSequence
    /// The event.
    public var event: DomainEvent

    /// Creates a stored event.
    public init(sequence: EventSequence, event: DomainEvent) {
        self.sequence = sequence
        self.event = event
    }
}

/// A position in the event log; `EventSequence.start` comes before every event.
public struct EventSequence: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The position; the first event is 1.
    public let rawValue: Int64
    /// Creates a position.
    public init(rawValue: Int64) { self.rawValue = rawValue }
    /// The position before the first event.
    public static let start = EventSequence(rawValue: 0)
    public static func < (lhs: EventSequence, rhs: EventSequence) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}

/// Who or what caused an event: `cli`, `demo`, `import`, a plugin id …
public struct Actor: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The actor's name; an account or a component, never a person's real name.
    public let rawValue: String
    /// Creates an actor.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The admin command line.
    public static let cli = Actor(rawValue: "cli")
    /// The demo workspace builder.
    public static let demo = Actor(rawValue: "demo")
    /// Yizhan itself, migrating data it holds (no person acted).
    public static let migration = Actor(rawValue: "migration")
    public var description: String { rawValue }
}

/// The type of a domain event: `noun.verb-in-past-tense`, e.g. `service.recorded`.
public struct EventType: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The type's text.
    public let rawValue: String
    /// Creates an event type.
    public init(rawValue: String) { self.rawValue = rawValue }
    public static func < (lhs: EventType, rhs: EventType) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}

/// The payload of one type of domain event: identifiers and facts only, never personal data.
public protocol EventPayload: Encodable, Sendable {
    /// The event type this payload belongs to.
    static var eventType: EventType { get }
    /// The version of this payload's shape; raise it when fields change meaning or disappear.
    static var schemaVersion: Int { get }
}

extension EventPayload {
    /// The payload as JSON text with sorted keys.
    func jsonText() -> String {
        if let recorded = self as? ServiceRecorded { return recorded.handWrittenJSON }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Payloads are plain structs of strings and numbers: encoding cannot fail for them.
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
