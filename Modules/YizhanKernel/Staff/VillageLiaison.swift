public import Foundation

/// A worker designated to keep in touch with a village (定点联系): seed 001 §六(二)2 asks for at
/// least one per village (or urban community).
public struct VillageLiaison: Hashable, Sendable, Codable {
    /// The village (or urban community).
    public var village: DivisionCode
    /// The worker.
    public var worker: WorkerID
    /// The worker's station.
    public var station: StationID
    /// The first day of the assignment.
    public var since: CivilDate
    /// The last day, once ended.
    public var until: CivilDate?

    /// Creates an assignment.
    public init(village: DivisionCode, worker: WorkerID, station: StationID, since: CivilDate, until: CivilDate? = nil)
    {
        self.village = village
        self.worker = worker
        self.station = station
        self.since = since
        self.until = until
    }

    /// Whether the assignment holds on `day`.
    public func isActive(on day: CivilDate) -> Bool { since <= day && (until.map { day <= $0 } ?? true) }
}

/// `liaison.assigned`: a worker was designated for a village, or the assignment ended.
public struct LiaisonAssigned: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.liaisonAssigned
    public static let schemaVersion = 1
    /// The village.
    public var village: DivisionCode
    /// The worker.
    public var worker: WorkerID
    /// The station.
    public var station: StationID
    /// Since.
    public var since: CivilDate
    /// Until, when the assignment ended.
    public var until: CivilDate?
}

extension EventType {
    /// A village liaison was assigned or ended.
    public static let liaisonAssigned = EventType(rawValue: "liaison.assigned")
}

extension ChangeSet {
    /// Upserts `liaison` (by village, worker and start) with `liaison.assigned`.
    public mutating func assign(_ liaison: VillageLiaison, at station: Station, by actor: Actor, at instant: Date) {
        writes.append(.liaison(liaison))
        let payload = LiaisonAssigned(
            village: liaison.village,
            worker: liaison.worker,
            station: station.id,
            since: liaison.since,
            until: liaison.until
        )
        events.append(DomainEvent(payload, orgUnit: station.orgUnit, station: station.id, actor: actor, at: instant))
    }
}
