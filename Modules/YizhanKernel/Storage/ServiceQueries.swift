public import Foundation

/// Which service records to list.
public struct ServiceRecordQuery: Hashable, Sendable {
    /// The stations covered.
    public var scope: Scope
    /// The dates covered, if limited.
    public var period: CivilPeriod?
    /// The kind, if limited.
    public var kind: ServiceKind?
    /// The group, if limited to one group's sessions.
    public var group: GroupID?
    /// The sub-project, if limited to its records.
    public var subProject: SubProjectID?
    /// The worker, if limited to the records they did.
    public var worker: WorkerID?
    /// The client, if limited to the records that name them.
    public var client: ClientID?
    /// At most this many records.
    public var limit: Int

    /// Creates a query.
    public init(
        scope: Scope = .all,
        period: CivilPeriod? = nil,
        kind: ServiceKind? = nil,
        group: GroupID? = nil,
        subProject: SubProjectID? = nil,
        worker: WorkerID? = nil,
        client: ClientID? = nil,
        limit: Int = 100
    ) {
        self.scope = scope
        self.period = period
        self.kind = kind
        self.group = group
        self.subProject = subProject
        self.worker = worker
        self.client = client
        self.limit = limit
    }
}

/// A dimension service totals can be grouped by.
public enum ServiceDimension: String, CaseIterable, Hashable, Sendable, Codable {
    /// By station.
    case station
    /// By kind of service.
    case kind
    /// By calendar month (`YYYY-MM`).
    case month
    /// By program (records under no program form their own group, with a `nil` program).
    case program
    /// By sub-project (records under none form their own group, with a `nil` sub-project).
    case subProject
}

/// Which totals to compute: the scope and period, and the dimensions to group by.
public struct ServiceTotalsQuery: Hashable, Sendable {
    /// The stations covered.
    public var scope: Scope
    /// The dates covered, if limited.
    public var period: CivilPeriod?
    /// The dimensions to group by; empty gives one grand total.
    public var groupBy: [ServiceDimension]
    /// Only records made no later than this instant, if set: the figures as they stood then
    /// (`yizhan-report --as-of`). A record's id is a UUIDv7 minted when it is made, so the bound is
    /// a range over the primary key (`UUIDv7.bound(madeNoLaterThan:)`).
    public var recordedBy: Date?
    /// Extra record fields to group by as well (`ServiceRecord.fields`), in order; a record without
    /// a field falls in the group whose value is `nil`. Ids are letters, digits, `.`, `-` and `_`.
    public var fields: [String]
    /// Whether to group by each record's whole set of extra fields as well, kept on each total as
    /// `fieldSet` (`fields` is then ignored): one pass from which totals by any choice of fields are
    /// summed in memory (`[ServiceTotal].projected(groupBy:fields:)`), as a report's brand plugins need.
    public var byFieldSet: Bool

    /// Creates a query.
    public init(
        scope: Scope = .all,
        period: CivilPeriod? = nil,
        groupBy: [ServiceDimension] = [],
        recordedBy: Date? = nil,
        fields: [String] = [],
        byFieldSet: Bool = false
    ) {
        self.scope = scope
        self.period = period
        self.groupBy = groupBy
        self.recordedBy = recordedBy
        self.fields = fields
        self.byFieldSet = byFieldSet
    }

    /// Whether `id` may name an extra field in a query: 1–64 ASCII letters, digits, `.`, `-` or `_`,
    /// so that a store can put it in a JSON path without quoting trouble.
    public static func isFieldID(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count)
            && id.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x2E || byte == 0x2D || byte == 0x5F
            }
    }
}

/// One group of service totals. Keys that were not grouped by are `nil`.
public struct ServiceTotal: Hashable, Sendable, Codable {
    /// The station, when grouped by station.
    public var station: StationID?
    /// The kind, when grouped by kind.
    public var kind: ServiceKind?
    /// The month `YYYY-MM`, when grouped by month.
    public var month: String?
    /// The program, when grouped by program (`nil` also for records under none).
    public var program: ProgramID?
    /// The sub-project, when grouped by sub-project (`nil` also for records under none).
    public var subProject: SubProjectID?
    /// How many records.
    public var records: Int
    /// Service person-times (trainings excluded).
    public var personTimes: Int
    /// Training person-times.
    public var trainingPersonTimes: Int
    /// Minutes of work.
    public var durationMinutes: Int
    /// The values of the query's extra fields, in the query's order (`nil`: records without it).
    public var fieldValues: [String?]
    /// The records' whole set of extra fields, when grouped by field set (empty: records with none).
    public var fieldSet: [String: String]?

    /// Creates a total.
    public init(
        station: StationID? = nil,
        kind: ServiceKind? = nil,
        month: String? = nil,
        program: ProgramID? = nil,
        subProject: SubProjectID? = nil,
        records: Int,
        personTimes: Int,
        trainingPersonTimes: Int,
        durationMinutes: Int,
        fieldValues: [String?] = [],
        fieldSet: [String: String]? = nil
    ) {
        self.station = station
        self.kind = kind
        self.month = month
        self.program = program
        self.subProject = subProject
        self.records = records
        self.personTimes = personTimes
        self.trainingPersonTimes = trainingPersonTimes
        self.durationMinutes = durationMinutes
        self.fieldValues = fieldValues
        self.fieldSet = fieldSet
    }
}

/// A station's counts for summaries: its area, workforce and portfolio.
public struct StationTally: Hashable, Sendable, Codable {
    /// The station.
    public var station: StationID
    /// Area in m².
    public var areaSquareMeters: Int
    /// Workers posted there.
    public var workers: Int
    /// Workers holding a national social work certificate.
    public var certifiedWorkers: Int
    /// Workers who are party members.
    public var partyMembers: Int
    /// Programs it runs.
    public var programs: Int
    /// Sub-projects of those programs.
    public var subProjects: Int

    /// Creates a tally.
    public init(
        station: StationID,
        areaSquareMeters: Int,
        workers: Int,
        certifiedWorkers: Int,
        partyMembers: Int,
        programs: Int,
        subProjects: Int
    ) {
        self.station = station
        self.areaSquareMeters = areaSquareMeters
        self.workers = workers
        self.certifiedWorkers = certifiedWorkers
        self.partyMembers = partyMembers
        self.programs = programs
        self.subProjects = subProjects
    }
}

extension [ServiceTotal] {
    /// The totals summed up to `dimension` alone (from totals grouped by it and others), ordered by
    /// its key: one store query grouped by station, kind and month gives all three breakdowns.
    public func rolledUp(to dimension: ServiceDimension) -> [ServiceTotal] {
        func key(_ total: ServiceTotal) -> String? {
            switch dimension {
            case .station: total.station?.rawValue
            case .kind: total.kind?.rawValue
            case .month: total.month
            case .program: total.program?.rawValue
            case .subProject: total.subProject?.rawValue
            }
        }
        var sums: [String?: ServiceTotal] = [:]
        for total in self {
            let group = key(total)
            var sum =
                sums[group]
                ?? ServiceTotal(
                    station: dimension == .station ? total.station : nil,
                    kind: dimension == .kind ? total.kind : nil,
                    month: dimension == .month ? total.month : nil,
                    program: dimension == .program ? total.program : nil,
                    subProject: dimension == .subProject ? total.subProject : nil,
                    records: 0,
                    personTimes: 0,
                    trainingPersonTimes: 0,
                    durationMinutes: 0
                )
            sum.records += total.records
            sum.personTimes += total.personTimes
            sum.trainingPersonTimes += total.trainingPersonTimes
            sum.durationMinutes += total.durationMinutes
            sums[group] = sum
        }
        return sums.sorted { ($0.key ?? "") < ($1.key ?? "") }.map(\.value)
    }
}

extension [ServiceTotal] {
    /// The totals, read grouped by field set (and by every dimension of `groupBy`), summed to
    /// `groupBy` and the values of `fields`: what a query grouped by those would return, ordered by
    /// its keys with `nil` first. A store groups by field set and projects its `fields` queries
    /// here, so that both stores agree and a report reads the records once for all its plugins.
    public func projected(groupBy: [ServiceDimension], fields: [String]) -> [ServiceTotal] {
        let dimensions = ServiceDimension.allCases.filter(groupBy.contains)
        func keys(_ total: ServiceTotal) -> [String?] {
            dimensions.map { dimension in
                switch dimension {
                case .station: total.station?.rawValue
                case .kind: total.kind?.rawValue
                case .month: total.month
                case .program: total.program?.rawValue
                case .subProject: total.subProject?.rawValue
                }
            } + fields.map { total.fieldSet?[$0] }
        }
        var sums: [[String?]: ServiceTotal] = [:]
        for total in self {
            let key = keys(total)
            var sum =
                sums[key]
                ?? ServiceTotal(
                    station: dimensions.contains(.station) ? total.station : nil,
                    kind: dimensions.contains(.kind) ? total.kind : nil,
                    month: dimensions.contains(.month) ? total.month : nil,
                    program: dimensions.contains(.program) ? total.program : nil,
                    subProject: dimensions.contains(.subProject) ? total.subProject : nil,
                    records: 0,
                    personTimes: 0,
                    trainingPersonTimes: 0,
                    durationMinutes: 0,
                    fieldValues: fields.map { total.fieldSet?[$0] }
                )
            sum.records += total.records
            sum.personTimes += total.personTimes
            sum.trainingPersonTimes += total.trainingPersonTimes
            sum.durationMinutes += total.durationMinutes
            sums[key] = sum
        }
        // A query grouped by nothing gives its one grand total, also over no records.
        if dimensions.isEmpty && fields.isEmpty && sums.isEmpty {
            return [ServiceTotal(records: 0, personTimes: 0, trainingPersonTimes: 0, durationMinutes: 0)]
        }
        return sums.sorted { Self.precedes($0.key, $1.key) }.map(\.value)
    }

    /// Whether key `a` sorts before key `b`: part by part, `nil` first, then by Unicode scalars.
    private static func precedes(_ a: [String?], _ b: [String?]) -> Bool {
        for (x, y) in zip(a, b) where x != y {
            guard let x else { return true }
            guard let y else { return false }
            return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
        }
        return a.count < b.count
    }
}

/// Totals a report has read already, grouped by `dimensions` and by field set: the queries of a
/// station's brand plugins over the same period are summed from them instead of read again.
public struct GroupedServiceTotals: Hashable, Sendable {
    /// The dimensions the totals are grouped by (besides the field set).
    public let dimensions: Set<ServiceDimension>
    /// The totals, each with its `fieldSet`.
    public let totals: [ServiceTotal]
    /// The totals summed by field set alone, which most plugin figures start from: a few dozen
    /// groups where `totals` holds thousands (field sets × kinds × months).
    let byFieldSetAlone: [ServiceTotal]

    /// Totals read by a query grouped by `dimensions` with `byFieldSet`.
    public init(dimensions: Set<ServiceDimension>, totals: [ServiceTotal]) {
        self.dimensions = dimensions
        self.totals = totals
        var sums: [[String: String]: ServiceTotal] = [:]
        for total in totals {
            let key = total.fieldSet ?? [:]
            var sum =
                sums[key]
                ?? ServiceTotal(records: 0, personTimes: 0, trainingPersonTimes: 0, durationMinutes: 0, fieldSet: key)
            sum.records += total.records
            sum.personTimes += total.personTimes
            sum.trainingPersonTimes += total.trainingPersonTimes
            sum.durationMinutes += total.durationMinutes
            sums[key] = sum
        }
        byFieldSetAlone = Array(sums.values)
    }

    /// The totals grouped by `groupBy` and `fields`, or `nil` when `groupBy` asks for a dimension
    /// these were not grouped by.
    public func totals(groupBy: [ServiceDimension], fields: [String]) -> [ServiceTotal]? {
        guard Set(groupBy).isSubset(of: dimensions) else { return nil }
        return (groupBy.isEmpty ? byFieldSetAlone : totals).projected(groupBy: groupBy, fields: fields)
    }
}
