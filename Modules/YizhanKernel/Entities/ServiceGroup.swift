/// A group (小组): clients who meet for a planned series of sessions under a worker. Each session is
/// a `groupSession` service record naming the group, and the clients present are its participants,
/// so attendance is read from the records and counts towards person-times like any service.
public struct ServiceGroup: Hashable, Sendable, Codable, Identifiable {
    /// The group's identifier.
    public var id: GroupID
    /// The station that runs it.
    public var station: StationID
    /// Its name, e.g. 留守儿童成长小组.
    public var name: String
    /// The day it was formed.
    public var formedOn: CivilDate
    /// How many sessions are planned, if set.
    public var plannedSessions: Int?
    /// The enrolled clients.
    public var members: [ClientID]
    /// The program it runs under, if any.
    public var program: ProgramID?
    /// The sub-project it runs under, if any.
    public var subProject: SubProjectID?

    /// Creates a group.
    public init(
        id: GroupID,
        station: StationID,
        name: String,
        formedOn: CivilDate,
        plannedSessions: Int? = nil,
        members: [ClientID],
        program: ProgramID? = nil,
        subProject: SubProjectID? = nil
    ) {
        self.id = id
        self.station = station
        self.name = name
        self.formedOn = formedOn
        self.plannedSessions = plannedSessions
        self.members = members
        self.program = program
        self.subProject = subProject
    }
}

/// Identifies a group.
public typealias GroupID = Identifier<ServiceGroup>
