/// A service record as a person or a ledger row gives it: text to be checked, not yet trusted.
public struct ServiceRecordRequest: Hashable, Sendable {
    /// The station id.
    public var station: String
    /// The kind: a code (`homeVisit`) or its Chinese or English label (走访).
    public var kind: String
    /// The date, `YYYY-MM-DD`.
    public var date: String
    /// Minutes spent, 0 through 1,440.
    public var durationMinutes: Int
    /// The village's division code, if the work was done in a village.
    public var village: String?
    /// The ids of the workers who did it.
    public var workers: [String]
    /// Workers named as a ledger wrote them, matching no worker of the station (kept as text).
    public var workerNames: [String]
    /// The ids of named clients; give these or `headCount`, not both.
    public var clients: [String]
    /// The number of people, when they are not named.
    public var headCount: Int?
    /// The program id, if any.
    public var program: String?
    /// The sub-project id, if any (it implies its program).
    public var subProject: String?
    /// Brand plugins' extra fields, by field id (`baibu-159.bridge` → `bridge2`).
    public var fields: [String: String]
    /// How many photos of the work are kept (0 through 999).
    public var photos: Int

    /// Creates a request.
    public init(
        station: String,
        kind: String,
        date: String,
        durationMinutes: Int,
        village: String? = nil,
        workers: [String] = [],
        workerNames: [String] = [],
        clients: [String] = [],
        headCount: Int? = nil,
        program: String? = nil,
        subProject: String? = nil,
        fields: [String: String] = [:],
        photos: Int = 0
    ) {
        self.station = station
        self.kind = kind
        self.date = date
        self.durationMinutes = durationMinutes
        self.village = village
        self.workers = workers
        self.workerNames = workerNames
        self.clients = clients
        self.headCount = headCount
        self.program = program
        self.subProject = subProject
        self.fields = fields
        self.photos = photos
    }
}
