import YizhanKernel

/// A station's workers, villages, programs and sub-projects, read once per page, by which the
/// pages name what records hold by id.
struct StationNames: Sendable {
    let workers: [WorkerID: String]
    let villages: [DivisionCode: String]
    let subProjects: [SubProjectID: String]
    let programs: [ProgramWithSubProjects]
    let workerChoices: [Worker]
    let villageChoices: [OrgUnit]

    /// The names at `station`.
    init(of station: Station, store: any StationStore) async throws {
        let workers = try await store.workers(of: station.id)
        let units = try await store.orgUnits(within: station.orgUnit)
        let programs = try await store.programs(of: station.id)
        self.workers = Dictionary(workers.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        self.villages = Dictionary(units.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        self.subProjects = Dictionary(
            programs.flatMap(\.subProjects).map { ($0.id, $0.name) },
            uniquingKeysWith: { first, _ in first }
        )
        self.programs = programs
        self.workerChoices = workers.sorted { $0.id.rawValue < $1.id.rawValue }
        self.villageChoices = units.filter { $0.level == .village }.sorted { $0.code.rawValue < $1.code.rawValue }
    }

    /// The sub-projects still open to new records, in program order.
    var subProjectChoices: [SubProject] { programs.flatMap { $0.subProjects.filter { !$0.isRetired } } }

    func worker(_ id: WorkerID) -> String { workers[id] ?? id.rawValue }
    func village(_ code: DivisionCode) -> String { villages[code] ?? code.rawValue }
    func subProject(_ id: SubProjectID) -> String { subProjects[id] ?? id.rawValue }
}
