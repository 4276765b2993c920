public import Foundation
import YizhanCompliance
public import YizhanKernel

/// A station's annual (or any period's) work report: its workforce and portfolio, each program's
/// sub-projects with what was done under them, and the months and kinds of service — every
/// figure a store query's.
public struct StationReport: Hashable, Sendable, Codable {
    /// One sub-project's figures (or the records under no program, with `nil` ids).
    public struct SubProjectRow: Hashable, Sendable, Codable {
        /// The program's name, or `nil` for records under none.
        public var program: String?
        /// The sub-project's name, or `nil` for records under none.
        public var subProject: String?
        /// The template slot it fills.
        public var slot: ProgramSlot?
        /// Whether a later configuration dropped it.
        public var isRetired: Bool
        /// Records.
        public var records: Int
        /// Service person-times.
        public var personTimes: Int
        /// Training person-times.
        public var trainingPersonTimes: Int
    }

    /// The station.
    public var station: Station
    /// Its township's name.
    public var township: String
    /// The period covered.
    public var period: CivilPeriod
    /// Workforce and portfolio counts.
    public var tally: StationTally
    /// Records, person-times and minutes over the whole period.
    public var total: ServiceTotal
    /// One row per sub-project, in program and slot order, then records under none.
    public var subProjects: [SubProjectRow]
    /// One row per month the period touches.
    public var months: [ServiceMonthRow]
    /// One row per kind of service.
    public var kinds: [ServiceKindRow]
    /// The station's indicators: target against what the records give.
    public var indicators: [IndicatorRow]
    /// Person-times by client category.
    public var clientCategories: [ClientCategoryTotal]
    /// Cases by stage at the period's end.
    public var cases: [CaseStageCount]
    /// Volunteering over the period.
    public var volunteering: VolunteerTotal?
    /// Gifts received in the period, grouped.
    public var donations: [DonationTotal]
    /// Budget lines of the period's years, with what was spent of them.
    public var budget: [BudgetLineSpending]
    /// The resource map summed over the station's villages: how many of each kind (seed 000 §三.三).
    public var resources: [ResourceCount]
    /// What the brand plugins serving the station computed.
    public var plugins: PluginFigures

    /// Computes the report for `station` over `period` with the store's queries.
    ///
    /// - Parameters:
    ///   - recordedBy: leave out records made after this instant (`--as-of`).
    ///   - plugins: the brand plugins whose indicators and sections the report shows.
    /// - Throws: `ReportError.unknownStation`; store errors as they come.
    public static func build(
        from store: some StationStore,
        station id: StationID,
        period: CivilPeriod,
        recordedBy: Date? = nil,
        plugins: PluginRegistry = PluginRegistry()
    ) async throws -> StationReport {
        guard let station = try await store.station(id) else { throw ReportError.unknownStation(id.rawValue) }
        let townshipCode = station.orgUnit.ancestor(at: .township) ?? station.orgUnit
        let township = try await store.orgUnit(townshipCode)?.name ?? townshipCode.rawValue
        let tally =
            try await store.stationTallies(in: .station(id)).first
            ?? StationTally(
                station: id,
                areaSquareMeters: station.areaSquareMeters,
                workers: 0,
                certifiedWorkers: 0,
                partyMembers: 0,
                programs: 0,
                subProjects: 0
            )
        // One pass over the station's records, grouped by sub-project, kind and month (at most
        // sub-projects × kinds × months rows); every breakdown below is a sum of these groups.
        // Where brand plugins serve the station, the groups are by field set too, and the
        // plugins' figures are summed from them.
        let served = !plugins.plugins(serving: station).isEmpty
        let dimensions: [ServiceDimension] = [.station, .subProject, .kind, .month]
        let groups = try await store.serviceTotals(
            ServiceTotalsQuery(
                scope: .station(id),
                period: period,
                groupBy: dimensions,
                recordedBy: recordedBy,
                byFieldSet: served
            )
        )
        let grand = groups.reduce(
            into: ServiceTotal(records: 0, personTimes: 0, trainingPersonTimes: 0, durationMinutes: 0)
        ) {
            $0.records += $1.records
            $0.personTimes += $1.personTimes
            $0.trainingPersonTimes += $1.trainingPersonTimes
            $0.durationMinutes += $1.durationMinutes
        }
        // Sub-project ids are unique across programs, so they alone key the portfolio's rows.
        let bySubProject = Dictionary(
            groups.rolledUp(to: .subProject).map { ($0.subProject, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        var rows: [SubProjectRow] = []
        var listed: Set<SubProjectID?> = []
        for entry in try await store.programs(of: id) {
            let ordered = entry.subProjects.sorted {
                (ProgramSlot.known.firstIndex(of: $0.slot) ?? 99, $0.id) < (
                    ProgramSlot.known.firstIndex(of: $1.slot) ?? 99, $1.id
                )
            }
            for subProject in ordered {
                listed.insert(subProject.id)
                let total = bySubProject[subProject.id]
                // A retired sub-project is listed only for the records made under it.
                guard !subProject.isRetired || total != nil else { continue }
                rows.append(
                    SubProjectRow(
                        program: entry.program.name,
                        subProject: subProject.name,
                        slot: subProject.slot,
                        isRetired: subProject.isRetired,
                        records: total?.records ?? 0,
                        personTimes: total?.personTimes ?? 0,
                        trainingPersonTimes: total?.trainingPersonTimes ?? 0
                    )
                )
            }
        }
        // Records under a program but no sub-project, or under none: one row, so totals add up.
        let rest = bySubProject.filter { !listed.contains($0.key) }.values
        if !rest.isEmpty {
            rows.append(
                SubProjectRow(
                    program: nil,
                    subProject: nil,
                    slot: nil,
                    isRetired: false,
                    records: rest.reduce(0) { $0 + $1.records },
                    personTimes: rest.reduce(0) { $0 + $1.personTimes },
                    trainingPersonTimes: rest.reduce(0) { $0 + $1.trainingPersonTimes }
                )
            )
        }
        let resources = try await StationResources.gather(
            from: store,
            scope: .station(id),
            period: period,
            recordedBy: recordedBy
        )
        let records = ServiceTotalsQuery(scope: .station(id), period: period, recordedBy: recordedBy)
        let map = try await store.resourceMap(in: .station(id))
        return StationReport(
            station: station,
            township: township,
            period: period,
            tally: tally,
            total: grand,
            subProjects: rows,
            months: ServiceMonthRow.rows(groups.rolledUp(to: .month), period: period),
            kinds: ServiceKindRow.rows(groups.rolledUp(to: .kind)),
            indicators: try await IndicatorRow.rows(for: station, from: store, period: period, services: grand),
            clientCategories: try await store.clientCategoryTotals(records),
            cases: try await store.caseStageCounts(in: .station(id), period: period),
            volunteering: resources.volunteering[id],
            donations: resources.donations,
            budget: resources.budget,
            resources: ResourceKind.allCases.map { kind in
                ResourceCount(kind: kind, count: map.filter { $0.kind == kind }.reduce(0) { $0 + $1.count })
            },
            plugins: try await PluginFigures.compute(
                plugins,
                store: store,
                station: station,
                period: period,
                recordedBy: recordedBy,
                prefetched: served ? GroupedServiceTotals(dimensions: Set(dimensions), totals: groups) : nil
            )
        )
    }
}

/// How many resources of one kind a station's map holds.
public struct ResourceCount: Hashable, Sendable, Codable {
    /// The kind.
    public var kind: ResourceKind
    /// How many, over all its villages.
    public var count: Int
}
