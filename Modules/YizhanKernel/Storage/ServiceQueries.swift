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
    /// At most this many records.
    public var limit: Int

    /// Creates a query.
    public init(
        scope: Scope = .all,
        period: CivilPeriod? = nil,
        kind: ServiceKind? = nil,
        group: GroupID? = nil,
        limit: Int = 100
    ) {
        self.scope = scope
        self.period = period
        self.kind = kind
        self.group = group
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

    /// Creates a query.
    public init(
        scope: Scope = .all,
        period: CivilPeriod? = nil,
        groupBy: [ServiceDimension] = [],
        recordedBy: Date? = nil,
        fields: [String] = []
    ) {
        self.scope = scope
        self.period = period
        self.groupBy = groupBy
        self.recordedBy = recordedBy
        self.fields = fields
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
        fieldValues: [String?] = []
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
