public import Foundation

/// Identifies a `ResidentRequest`; a UUIDv7, so ids sort by time of filing.
public typealias RequestID = Identifier<ResidentRequest>

/// A resident's request, complaint or dispute as it moves through the tiers: where it stands,
/// who holds it, and when each step of its current round happened. What the resident wrote, their
/// name and phone, and every answer given are sealed apart; nothing here names a person.
public struct ResidentRequest: Hashable, Sendable, Codable {
    /// The request's id.
    public var id: RequestID
    /// The station whose area it is in.
    public var station: StationID
    /// The village or community (区划代码) it concerns.
    public var village: DivisionCode
    /// The category's code in the policy.
    public var category: String
    /// Whether it is a request, a complaint or a dispute (the category's kind when filed).
    public var kind: RequestKind
    /// How it came in.
    public var channel: RequestChannel
    /// Whether the resident asked that their name not be passed on.
    public var anonymous: Bool
    /// Who received it first (首问负责): they own it until they hand it on. `nil` for the web form.
    public var firstReceiver: RequestAssignee?
    /// Who holds it now.
    public var holder: RequestHolder
    /// Who held it before the latest transfer, while the new holder has not accepted it: the one a
    /// mis-routed request is sent back to (退回).
    public var routedFrom: RequestHolder?
    /// Where it stands.
    public var state: RequestState
    /// When it was filed.
    public var filedAt: Date
    /// When its current round began: the filing, or the latest reopening. Limits count from here.
    public var roundStartedAt: Date
    /// When it was first accepted in this round.
    public var acceptedAt: Date?
    /// When it was first accepted at all (the first round's acceptance): what 响应率 counts.
    public var firstAcceptedAt: Date?
    /// When the resident was first answered in this round.
    public var answeredAt: Date?
    /// When this round was closed.
    public var closedAt: Date?
    /// How many times it was reopened (重办).
    public var reopenings: Int
    /// The resident's rating of this round, once closed.
    public var rating: RequestRating?
    /// The limits of this round already reported overdue (each once).
    public var overdue: Set<RequestLimit>
    /// The version of the notice (what is kept, why, for how long) a resident accepted when filing
    /// through the public form: their consent. `nil` for what staff registered.
    public var consentNotice: String?
    /// The dispute's handling (矛盾纠纷联排联化), for a request of the dispute kind; else `nil`.
    public var dispute: Dispute?
    /// How many steps it has taken (filing included): a step is stored only at the version it read,
    /// so that of two steps taken at once on one request only one applies.
    public var version: Int

    /// A request filed at `instant` under `category`, held by the category's first tier (or by
    /// `firstReceiver` when staff took it in); of the dispute kind, a general dispute resolved by
    /// `method` and owned by its first receiver.
    public init(
        id: RequestID,
        station: StationID,
        village: DivisionCode,
        category: RequestCategory,
        channel: RequestChannel,
        anonymous: Bool,
        firstReceiver: RequestStaff?,
        method: DisputeMethod = .mediation,
        at instant: Date
    ) {
        self.id = id
        self.station = station
        self.village = village
        self.category = category.id
        self.kind = category.kind
        self.channel = channel
        self.anonymous = anonymous
        self.firstReceiver = firstReceiver?.assignee
        self.holder =
            firstReceiver.map { RequestHolder(tier: $0.tier, assignee: $0.assignee) }
            ?? RequestHolder(tier: category.firstTier)
        self.routedFrom = nil
        self.state = .registered
        self.filedAt = instant
        self.roundStartedAt = instant
        self.acceptedAt = nil
        self.firstAcceptedAt = nil
        self.answeredAt = nil
        self.closedAt = nil
        self.reopenings = 0
        self.rating = nil
        self.overdue = []
        self.consentNotice = nil
        self.dispute =
            category.kind == .dispute
            ? Dispute(request: id, method: method, owner: firstReceiver?.assignee, filedAt: instant) : nil
        self.version = 0
    }
}

/// Who holds a request: a tier, and within it a person or an agency once one is named.
public struct RequestHolder: Hashable, Sendable, Codable {
    /// The tier's code in the policy.
    public var tier: String
    /// The person or agency, once named (a tier's request waiting to be taken has none).
    public var assignee: RequestAssignee?

    /// Creates a holder.
    public init(tier: String, assignee: RequestAssignee? = nil) {
        self.tier = tier
        self.assignee = assignee
    }
}

/// A person or an agency a request can be handed to, by reference only: a user of the server, a
/// contact of the station's directory (whose name is sealed there), or a registered agency.
public enum RequestAssignee: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A user account of `yizhan-server`, by its id.
    case account(String)
    /// A named contact of the station (a liaison, a grid worker without an account), by id.
    case contact(String)
    /// A specialised agency (专门机构), by its code.
    case agency(String)

    /// `account:…`, `contact:…` or `agency:…`.
    public var description: String {
        switch self {
        case .account(let id): "account:\(id)"
        case .contact(let id): "contact:\(id)"
        case .agency(let id): "agency:\(id)"
        }
    }

    /// The assignee `text` writes (`account:…`, `contact:…`, `agency:…`), or `nil`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, Identifier<RequestHolder>.isValid(parts[1]) else { return nil }
        switch parts[0] {
        case "account": self = .account(parts[1])
        case "contact": self = .contact(parts[1])
        case "agency": self = .agency(parts[1])
        default: return nil
        }
    }
}

/// A member of staff acting on a request: their tier, and who they are.
public struct RequestStaff: Hashable, Sendable, Codable {
    /// The tier they act for.
    public var tier: String
    /// Who they are.
    public var assignee: RequestAssignee

    /// Creates a member of staff.
    public init(tier: String, assignee: RequestAssignee) {
        self.tier = tier
        self.assignee = assignee
    }
}
