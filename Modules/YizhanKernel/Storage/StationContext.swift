/// Everything about one station that recording its work is checked against, read in one go:
/// the station, its workers, its programs with their sub-projects, and the clients and villages
/// a `ContextRequest` asked about.
public struct StationContext: Hashable, Sendable, Codable {
    /// The station.
    public var station: Station
    /// Its workers, ordered by role, then id.
    public var workers: [Worker]
    /// Its programs with their sub-projects.
    public var programs: [ProgramWithSubProjects]
    /// The requested villages that are registered within the station's township, ordered by code.
    public var villages: [OrgUnit]
    /// The requested clients that exist (of any station).
    public var clients: [Client]
    /// Clients of any station whose ID number has one of the requested digests.
    public var sameIDNumber: [Client]
    /// The requested households that exist (of any station).
    public var households: [Household]
    /// Volunteers of any station whose ID number has one of the requested digests.
    public var volunteersWithSameIDNumber: [Volunteer]
    /// The requested worker's day, when one was asked for.
    public var workerDay: WorkerDay?
    /// The names the station has used for the kind a request asked about (`takenNames`).
    public var takenNames: [String]

    /// Creates a context.
    public init(
        station: Station,
        workers: [Worker],
        programs: [ProgramWithSubProjects],
        villages: [OrgUnit] = [],
        clients: [Client] = [],
        sameIDNumber: [Client] = [],
        households: [Household] = [],
        volunteersWithSameIDNumber: [Volunteer] = [],
        workerDay: WorkerDay? = nil,
        takenNames: [String] = []
    ) {
        self.station = station
        self.workers = workers
        self.programs = programs
        self.villages = villages
        self.clients = clients
        self.sameIDNumber = sameIDNumber
        self.households = households
        self.volunteersWithSameIDNumber = volunteersWithSameIDNumber
        self.workerDay = workerDay
        self.takenNames = takenNames
    }
}
