public import Foundation

/// A volunteer service team (志愿服务队) of a station, and its members.
public struct VolunteerTeam: Hashable, Sendable, Codable, Identifiable {
    /// The team's identifier.
    public var id: VolunteerTeamID
    /// The station it belongs to.
    public var station: StationID
    /// Its name, e.g. 百步镇巾帼志愿服务队.
    public var name: String
    /// The volunteers in it.
    public var members: [VolunteerID]

    /// Creates a team.
    public init(id: VolunteerTeamID, station: StationID, name: String, members: [VolunteerID] = []) {
        self.id = id
        self.station = station
        self.name = name
        self.members = members
    }
}

/// Identifies a volunteer team.
public typealias VolunteerTeamID = Identifier<VolunteerTeam>

/// `volunteerteam.formed`: a team was formed or its members changed — a count, never names.
public struct VolunteerTeamFormed: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.volunteerTeamFormed
    public static let schemaVersion = 1
    /// The team.
    public var team: VolunteerTeamID
    /// The station.
    public var station: StationID
    /// How many volunteers are in it.
    public var memberCount: Int
}

extension EventType {
    /// A volunteer team was formed or its members changed.
    public static let volunteerTeamFormed = EventType(rawValue: "volunteerteam.formed")
}

extension ChangeSet {
    /// Upserts `team` with its members at `station`, with `volunteerteam.formed`.
    public mutating func form(_ team: VolunteerTeam, at station: Station, by actor: Actor, at instant: Date) {
        writes.append(.volunteerTeam(team))
        let payload = VolunteerTeamFormed(team: team.id, station: station.id, memberCount: team.members.count)
        events.append(DomainEvent(payload, orgUnit: station.orgUnit, station: station.id, actor: actor, at: instant))
    }
}
