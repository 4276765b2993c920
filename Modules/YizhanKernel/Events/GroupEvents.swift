public import Foundation

/// `group.formed`: a group was formed, or its members or plan changed — counts, never names.
public struct GroupFormed: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.groupFormed
    public static let schemaVersion = 1
    /// The group.
    public var group: GroupID
    /// The station that runs it.
    public var station: StationID
    /// How many clients are enrolled.
    public var memberCount: Int
    /// How many sessions are planned, if set.
    public var plannedSessions: Int?
    /// The day it was formed.
    public var formedOn: CivilDate
}

extension ChangeSet {
    /// Upserts `group` with its members, with `group.formed`.
    public mutating func form(_ group: ServiceGroup, at station: Station, by actor: Actor, at instant: Date) {
        writes.append(.serviceGroup(group))
        let payload = GroupFormed(
            group: group.id,
            station: station.id,
            memberCount: group.members.count,
            plannedSessions: group.plannedSessions,
            formedOn: group.formedOn
        )
        events.append(DomainEvent(payload, orgUnit: station.orgUnit, station: station.id, actor: actor, at: instant))
    }
}
