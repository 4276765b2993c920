/// Which station's context to read, and which of its clients and villages to look up with it.
public struct ContextRequest: Hashable, Sendable {
    /// The station.
    public var station: StationID
    /// Clients to look up (any that exist are returned, of whichever station).
    public var clients: [ClientID]
    /// Villages to look up (those registered within the station's township are returned).
    public var villages: [DivisionCode]
    /// Keyed digests of ID numbers to look up among all clients and volunteers (to refuse a duplicate).
    public var idNumberDigests: [String]
    /// Households to look up (any that exist are returned, of whichever station).
    public var households: [HouseholdID]
    /// A worker's day to read (minutes logged, trainings), locked for the transaction where the
    /// store needs a lock to keep two writers apart.
    public var workerDay: WorkerDay.Key?
    /// The kind of thing whose names the station has used, to refuse a name twice; read, and
    /// locked where the store needs a lock, inside the transaction.
    public var takenNames: NamedKind?

    /// Creates a request.
    public init(
        station: StationID,
        clients: [ClientID] = [],
        villages: [DivisionCode] = [],
        idNumberDigests: [String] = [],
        households: [HouseholdID] = [],
        workerDay: WorkerDay.Key? = nil,
        takenNames: NamedKind? = nil
    ) {
        self.station = station
        self.clients = clients
        self.villages = villages
        self.idNumberDigests = idNumberDigests
        self.households = households
        self.workerDay = workerDay
        self.takenNames = takenNames
    }
}
