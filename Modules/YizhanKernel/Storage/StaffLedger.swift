/// Staff records: training, logged hours and village liaisons (seed 001 §六).
public protocol StaffLedger: Sendable {
    /// The training records of the workers in `scope` (of `year` when given), by worker, then day.
    func trainings(in scope: Scope, year: Int?) async throws -> [TrainingRecord]
    /// Per worker of the stations in `scope`, their training hours and logged minutes in `period`,
    /// summed by the store; every worker has a row, zeros included. Ordered by station, then worker.
    func staffTotals(in scope: Scope, period: CivilPeriod) async throws -> [StaffTotal]
    /// The liaison assignments in `scope`, ended ones included, by village, then worker.
    func liaisons(in scope: Scope) async throws -> [VillageLiaison]
}

/// A worker's training hours and logged minutes over a period.
public struct StaffTotal: Hashable, Sendable, Codable {
    /// The worker.
    public var worker: WorkerID
    /// The station.
    public var station: StationID
    /// Class hours of training.
    public var classHours: Int
    /// Minutes logged at the station.
    public var stationMinutes: Int
    /// Minutes logged in villages.
    public var villageMinutes: Int

    /// Creates a total.
    public init(worker: WorkerID, station: StationID, classHours: Int, stationMinutes: Int, villageMinutes: Int) {
        self.worker = worker
        self.station = station
        self.classHours = classHours
        self.stationMinutes = stationMinutes
        self.villageMinutes = villageMinutes
    }

    /// All logged minutes.
    public var totalMinutes: Int { stationMinutes + villageMinutes }
}
