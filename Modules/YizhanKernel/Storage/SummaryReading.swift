public import Foundation

/// The grouped figures reports ask for beyond service totals — gifts, volunteering, cases and the
/// clients served — each computed by the database and returned as groups, never row by row.
public protocol SummaryReading: Sendable {
    /// Gifts in the query's scope and period, grouped by station, donor kind, kind, channel, purpose
    /// and matching; ordered by those keys.
    func donationTotals(_ query: DonationTotalsQuery) async throws -> [DonationTotal]
    /// Per station in `scope`, ordered by station id: volunteers registered by the period's end,
    /// teams, and the period's activities, attendances, minutes and points.
    func volunteerTotals(in scope: Scope, period: CivilPeriod) async throws -> [VolunteerTotal]
    /// Per station and stage: the cases still open at the period's end, by the stage they were in
    /// then, and those closed, referred or ended within the period. Cases opened later are left out.
    func caseStageCounts(in scope: Scope, period: CivilPeriod) async throws -> [CaseStageCount]
    /// Service person-times (trainings excluded) by the categories of the named clients served; a
    /// client in two categories counts in both. Named clients with no category form one group, and
    /// records with no named clients another (their head-counts). The query's grouping is ignored.
    func clientCategoryTotals(_ query: ServiceTotalsQuery) async throws -> [ClientCategoryTotal]
}

/// Which gifts to total.
public struct DonationTotalsQuery: Hashable, Sendable {
    /// The stations covered.
    public var scope: Scope
    /// The days received, if limited.
    public var period: CivilPeriod?
    /// Only gifts entered no later than this instant (their ids are UUIDv7), if set (`--as-of`).
    public var recordedBy: Date?

    /// Creates a query.
    public init(scope: Scope = .all, period: CivilPeriod? = nil, recordedBy: Date? = nil) {
        self.scope = scope
        self.period = period
        self.recordedBy = recordedBy
    }
}

/// One group of gifts.
public struct DonationTotal: Hashable, Sendable, Codable {
    /// The station that received them.
    public var station: StationID
    /// Who gave, by kind.
    public var donorKind: DonorKind
    /// Money or goods.
    public var kind: DonationKind
    /// The channel (e.g. 99公益日), if any.
    public var channel: String?
    /// The purpose or project, if any.
    public var purpose: String?
    /// Whether these are matching gifts (配捐).
    public var isMatching: Bool
    /// How many gifts.
    public var gifts: Int
    /// Their sum: money, or the goods' value.
    public var amount: Fen

    /// Creates a group.
    public init(
        station: StationID,
        donorKind: DonorKind,
        kind: DonationKind,
        channel: String?,
        purpose: String?,
        isMatching: Bool,
        gifts: Int,
        amount: Fen
    ) {
        self.station = station
        self.donorKind = donorKind
        self.kind = kind
        self.channel = channel
        self.purpose = purpose
        self.isMatching = isMatching
        self.gifts = gifts
        self.amount = amount
    }
}

/// A station's volunteering over a period.
public struct VolunteerTotal: Hashable, Sendable, Codable {
    /// The station.
    public var station: StationID
    /// Volunteers registered there by the period's end.
    public var volunteers: Int
    /// Its volunteer service teams.
    public var teams: Int
    /// Activities held in the period.
    public var activities: Int
    /// Attendances at those activities.
    public var attendances: Int
    /// Minutes credited for them.
    public var minutes: Int
    /// Points earned in the period.
    public var pointsEarned: Int
    /// Points redeemed in the period (a positive number).
    public var pointsRedeemed: Int
    /// Points expired in the period (a positive number).
    public var pointsExpired: Int

    /// Creates a total.
    public init(
        station: StationID,
        volunteers: Int,
        teams: Int,
        activities: Int,
        attendances: Int,
        minutes: Int,
        pointsEarned: Int,
        pointsRedeemed: Int,
        pointsExpired: Int
    ) {
        self.station = station
        self.volunteers = volunteers
        self.teams = teams
        self.activities = activities
        self.attendances = attendances
        self.minutes = minutes
        self.pointsEarned = pointsEarned
        self.pointsRedeemed = pointsRedeemed
        self.pointsExpired = pointsExpired
    }
}

/// How many of a station's cases stood at a stage.
public struct CaseStageCount: Hashable, Sendable, Codable {
    /// The station.
    public var station: StationID
    /// The stage.
    public var stage: CaseStage
    /// How many cases.
    public var cases: Int

    /// Creates a count.
    public init(station: StationID, stage: CaseStage, cases: Int) {
        self.station = station
        self.stage = stage
        self.cases = cases
    }
}

/// Person-times served for one client category.
public struct ClientCategoryTotal: Hashable, Sendable, Codable {
    /// Which clients these are.
    public enum Group: Hashable, Sendable, Codable {
        /// Named clients of this category.
        case category(ClientCategory)
        /// Named clients with no category.
        case uncategorised
        /// Records with no named clients: their head-counts.
        case unnamed
    }

    /// The group.
    public var group: Group
    /// Records that served it.
    public var records: Int
    /// Person-times: one per named client per record, or the head-count for unnamed records.
    public var personTimes: Int
    /// Distinct named clients (0 for unnamed records).
    public var clients: Int

    /// Creates a total.
    public init(group: Group, records: Int, personTimes: Int, clients: Int) {
        self.group = group
        self.records = records
        self.personTimes = personTimes
        self.clients = clients
    }
}
