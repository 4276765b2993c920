public import Foundation
public import YizhanKernel

/// What a county sends the city (seed 000's figures): per station and in total, the station's
/// area, workforce and portfolio, and the year's person-times — every number a store query's.
public struct CountySummary: Hashable, Sendable, Codable {
    /// The shape's version in JSON output; raised when fields change meaning or disappear.
    public static let schemaVersion = 1

    /// The figures reported for a station, and summed for the county.
    public struct Figures: Hashable, Sendable, Codable {
        /// Area in m².
        public var areaSquareMeters = 0
        /// Workers.
        public var workers = 0
        /// Certified workers.
        public var certifiedWorkers = 0
        /// Party members.
        public var partyMembers = 0
        /// Programs.
        public var programs = 0
        /// Sub-projects.
        public var subProjects = 0
        /// Service records in the period.
        public var records = 0
        /// Service person-times in the period.
        public var personTimes = 0
        /// Training person-times in the period.
        public var trainingPersonTimes = 0
        /// Volunteers registered by the period's end.
        public var volunteers = 0
        /// Volunteer service teams.
        public var volunteerTeams = 0
        /// Gifts received in the period, of every kind.
        public var gifts = 0
        /// Their sum: money, and goods at their value.
        public var giftAmount = Fen(0)
        /// Gifts from the public (individual donors), as seed 000 counts 公众捐款.
        public var publicGifts = 0
        /// Their sum.
        public var publicGiftAmount = Fen(0)
        /// The budget of the period's years.
        public var budget = Fen(0)
        /// What was spent of it.
        public var spent = Fen(0)

        /// Adds `other`'s figures to these.
        mutating func add(_ other: Figures) {
            areaSquareMeters += other.areaSquareMeters
            workers += other.workers
            certifiedWorkers += other.certifiedWorkers
            partyMembers += other.partyMembers
            programs += other.programs
            subProjects += other.subProjects
            records += other.records
            personTimes += other.personTimes
            trainingPersonTimes += other.trainingPersonTimes
            volunteers += other.volunteers
            volunteerTeams += other.volunteerTeams
            gifts += other.gifts
            giftAmount = Fen(giftAmount.value + other.giftAmount.value)
            publicGifts += other.publicGifts
            publicGiftAmount = Fen(publicGiftAmount.value + other.publicGiftAmount.value)
            budget = Fen(budget.value + other.budget.value)
            spent = Fen(spent.value + other.spent.value)
        }
    }

    /// One station's figures.
    public struct StationRow: Hashable, Sendable, Codable {
        /// The station.
        public var station: StationID
        /// Its name.
        public var name: String
        /// Its township's name.
        public var township: String
        /// Its figures.
        public var figures: Figures
    }

    /// The version of this shape.
    public var schemaVersion: Int
    /// The county.
    public var county: DivisionCode
    /// The county's name.
    public var countyName: String
    /// The period the person-times cover.
    public var period: CivilPeriod
    /// Townships in the county.
    public var townships: Int
    /// Townships with at least one station (coverage).
    public var coveredTownships: Int
    /// One row per station, by township code.
    public var stations: [StationRow]
    /// One row per kind of service, in the code list's order.
    public var kinds: [ServiceKindRow]
    /// One row per calendar month the period touches, months without records included.
    public var months: [ServiceMonthRow]
    /// Gifts by donor kind and kind, in the period.
    public var donors: [DonorRow]
    /// Budget and spending by source and category, of the period's years.
    public var fundSources: [FundSourceRow] = []
    /// What the brand plugins computed, for each station a plugin serves.
    public var plugins: [PluginFigures] = []
    /// The instant the figures stand at, when not now (`--as-of`).
    public var recordedBy: Date?
    /// Where each station's period stands in an approval workflow, when asked for.
    public var approval: ApprovalStates?
    /// The residents' request rates of the period, when any request was filed in it.
    public var requestRates: RequestRates?

    /// The sum of every station's figures.
    public var totals: Figures {
        stations.reduce(into: Figures()) { $0.add($1.figures) }
    }

    /// Computes the summary of `county` (or any division: a city, a province) for `period` with
    /// one grouped pass over the records; nothing is summed in memory but those groups.
    ///
    /// - Parameters:
    ///   - recordedBy: leave out records made after this instant (`--as-of`).
    ///   - plugins: the brand plugins whose indicators the summary lists.
    ///   - approval: the workflow whose states to show; with `approvedOnly`, only approved (or
    ///     accepted) stations' figures of the period are counted, the others shown as missing.
    /// - Throws: `ReportError` when the division is not registered; store errors as they come.
    public static func build(
        from store: some StationStore,
        county: DivisionCode,
        period: CivilPeriod,
        recordedBy: Date? = nil,
        plugins: PluginRegistry = PluginRegistry(),
        approval: ApprovalStates.Request? = nil
    ) async throws
        -> CountySummary
    {
        guard let countyUnit = try await store.orgUnit(county) else { throw ReportError.unknownCounty(county) }
        let units = try await store.orgUnits(within: county)
        let names = Dictionary(units.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let stations = try await store.stations(in: .within(county))
        var states: ApprovalStates?
        if let approval {
            states = try await ApprovalStates.read(approval, stations: stations, county: county, from: store)
        }
        let counted = states?.counted ?? Set(stations.map(\.id))
        let tallies = Dictionary(
            try await store.stationTallies(in: .within(county)).map { ($0.station, $0) },
            uniquingKeysWith: { a, _ in a }
        )
        // One pass over the period's records, grouped three ways at once; the breakdowns are sums
        // of these groups (at most stations × kinds × months rows, never the records themselves).
        // Where brand plugins serve stations, the groups are by field set too (a station's records
        // carry only its plugins' fields), and the plugins' figures are summed from them.
        let served = stations.filter { !plugins.plugins(serving: $0).isEmpty }
        let dimensions: [ServiceDimension] = [.station, .kind, .month]
        let groups = try await store.serviceTotals(
            ServiceTotalsQuery(
                scope: .within(county),
                period: period,
                groupBy: dimensions,
                recordedBy: recordedBy,
                byFieldSet: !served.isEmpty
            )
        ).filter { total in total.station.map(counted.contains) ?? false }
        let byStation = Dictionary(
            groups.rolledUp(to: .station).compactMap { total in total.station.map { ($0, total) } },
            uniquingKeysWith: { a, _ in a }
        )
        let byKind = groups.rolledUp(to: .kind)
        let byMonth = groups.rolledUp(to: .month)
        let resources = try await StationResources.gather(
            from: store,
            scope: .within(county),
            period: period,
            recordedBy: recordedBy
        ).restricted(to: counted)
        var pluginFigures: [PluginFigures] = []
        let groupsOfStation = Dictionary(grouping: groups.filter { $0.station != nil }) { $0.station }
        for station in served where counted.contains(station.id) {
            pluginFigures.append(
                try await PluginFigures.compute(
                    plugins,
                    store: store,
                    station: station,
                    period: period,
                    recordedBy: recordedBy,
                    prefetched: GroupedServiceTotals(
                        dimensions: Set(dimensions),
                        totals: groupsOfStation[station.id] ?? []
                    )
                )
            )
        }
        let townships = units.filter { $0.level == .township }
        let covered = Set(stations.compactMap { $0.orgUnit.ancestor(at: .township) })
        return CountySummary(
            schemaVersion: schemaVersion,
            county: county,
            countyName: countyUnit.name,
            period: period,
            townships: townships.count,
            coveredTownships: townships.filter { covered.contains($0.code) }.count,
            stations: stations.map { station in
                let tally = tallies[station.id]
                let total = byStation[station.id]
                let township = station.orgUnit.ancestor(at: .township) ?? station.orgUnit
                var figures = Figures(
                    areaSquareMeters: station.areaSquareMeters,
                    workers: tally?.workers ?? 0,
                    certifiedWorkers: tally?.certifiedWorkers ?? 0,
                    partyMembers: tally?.partyMembers ?? 0,
                    programs: tally?.programs ?? 0,
                    subProjects: tally?.subProjects ?? 0,
                    records: total?.records ?? 0,
                    personTimes: total?.personTimes ?? 0,
                    trainingPersonTimes: total?.trainingPersonTimes ?? 0
                )
                resources.add(to: &figures, of: station.id)
                return StationRow(
                    station: station.id,
                    name: station.name,
                    township: names[township] ?? township.rawValue,
                    figures: figures
                )
            },
            kinds: ServiceKindRow.rows(byKind),
            months: ServiceMonthRow.rows(byMonth, period: period),
            donors: DonorRow.rows(resources.donations),
            fundSources: FundSourceRow.rows(resources.budget),
            plugins: pluginFigures,
            recordedBy: recordedBy,
            approval: states
        )
    }
}
