public import YizhanKernel

/// What the compliance metrics read about one station for a period: gathered once from the store,
/// then measured by every rule.
public struct StationFacts: Sendable {
    /// The station.
    public var station: Station
    /// The period measured (the service year up to the day of the check).
    public var period: CivilPeriod
    /// Its workers.
    public var workers: [Worker]
    /// Their training hours and logged minutes in the period.
    public var staffTotals: [StaffTotal]
    /// The villages (村/社区) of its township.
    public var villages: [OrgUnit]
    /// The liaison assignments active on the period's last day.
    public var liaisons: [VillageLiaison]
    /// Its community social organisations.
    public var organisations: [CommunityOrganisation]
    /// Its programs and sub-projects.
    public var programs: [ProgramWithSubProjects]
    /// Its evaluations of the period's year.
    public var evaluations: [Evaluation]
    /// Its service totals over the period.
    public var services: ServiceTotal?
    /// Its budget lines of the year and what was spent of them.
    public var budget: [BudgetLineSpending]

    /// Creates the facts.
    public init(
        station: Station,
        period: CivilPeriod,
        workers: [Worker] = [],
        staffTotals: [StaffTotal] = [],
        villages: [OrgUnit] = [],
        liaisons: [VillageLiaison] = [],
        organisations: [CommunityOrganisation] = [],
        programs: [ProgramWithSubProjects] = [],
        evaluations: [Evaluation] = [],
        services: ServiceTotal? = nil,
        budget: [BudgetLineSpending] = []
    ) {
        self.station = station
        self.period = period
        self.workers = workers
        self.staffTotals = staffTotals
        self.villages = villages
        self.liaisons = liaisons
        self.organisations = organisations
        self.programs = programs
        self.evaluations = evaluations
        self.services = services
        self.budget = budget
    }

    /// Reads the facts of every station in `scope` over `period`, a few queries for all of them.
    public static func gather(
        from store: any StationStore,
        scope: Scope,
        period: CivilPeriod
    ) async throws -> [StationFacts] {
        let stations = try await store.stations(in: scope)
        let totals = Dictionary(grouping: try await store.staffTotals(in: scope, period: period), by: \.station)
        let liaisons = Dictionary(
            grouping: try await store.liaisons(in: scope).filter { $0.isActive(on: period.end) },
            by: \.station
        )
        let organisations = Dictionary(grouping: try await store.organisations(in: scope), by: \.station)
        let evaluations = Dictionary(
            grouping: try await store.evaluations(in: scope, year: period.start.year),
            by: \.station
        )
        let services = try await store.serviceTotals(
            ServiceTotalsQuery(scope: scope, period: period, groupBy: [.station])
        )
        let budget = Dictionary(
            grouping: try await store.budgetLines(in: scope, year: period.start.year),
            by: \.line.station
        )
        var facts: [StationFacts] = []
        for station in stations {
            let villages = try await store.orgUnits(within: station.orgUnit).filter { $0.level == .village }
            facts.append(
                StationFacts(
                    station: station,
                    period: period,
                    workers: try await store.workers(of: station.id),
                    staffTotals: totals[station.id] ?? [],
                    villages: villages,
                    liaisons: liaisons[station.id] ?? [],
                    organisations: organisations[station.id] ?? [],
                    programs: try await store.programs(of: station.id),
                    evaluations: evaluations[station.id] ?? [],
                    services: services.first { $0.station == station.id },
                    budget: budget[station.id] ?? []
                )
            )
        }
        return facts
    }
}
