import Foundation

extension EventType {
    /// A resident's request was registered (by the public form, or by staff for a call or a visit).
    public static let requestFiled = EventType(rawValue: "request.filed")
    /// The tier holding a request accepted it (受理).
    public static let requestAccepted = EventType(rawValue: "request.accepted")
    /// Work on a request began (办理).
    public static let requestStarted = EventType(rawValue: "request.started")
    /// A request was handed to another tier, person or agency (转办).
    public static let requestTransferred = EventType(rawValue: "request.transferred")
    /// A mis-routed request was sent back to whoever routed it (退回).
    public static let requestSentBack = EventType(rawValue: "request.sentback")
    /// The resident was answered (反馈).
    public static let requestAnswered = EventType(rawValue: "request.answered")
    /// A request was closed (办结).
    public static let requestClosed = EventType(rawValue: "request.closed")
    /// The resident rated a closed request.
    public static let requestRated = EventType(rawValue: "request.rated")
    /// A closed request was reopened (重办).
    public static let requestReopened = EventType(rawValue: "request.reopened")
    /// A time limit of a request passed unmet (督办; once per limit and round).
    public static let requestOverdue = EventType(rawValue: "request.overdue")
    /// A request moved one tier up after a limit passed or its reopenings ran out.
    public static let requestEscalated = EventType(rawValue: "request.escalated")
    /// A round of a dispute's mediation was held (调解), with its result.
    public static let disputeMediated = EventType(rawValue: "dispute.mediated")
    /// A dispute was settled (调解成功).
    public static let disputeSettled = EventType(rawValue: "dispute.settled")
    /// A dispute outlived the general limit unsettled and is complex now (复杂纠纷).
    public static let disputeComplex = EventType(rawValue: "dispute.complex")
    /// A dispute went up to the county's team: its rounds ran out or its limit passed.
    public static let disputeReferred = EventType(rawValue: "dispute.referred")
}

/// The payload of every request event: ids, the category, tiers, states and times — never the
/// description, the resident's name or phone, or any note (those stay sealed with the request).
public struct RequestStepTaken: Codable, Hashable, Sendable {
    /// The payload's shape version.
    public static let schemaVersion = 1
    /// The request.
    public var request: RequestID
    /// The village or community it concerns.
    public var village: DivisionCode
    /// The category's code.
    public var category: String
    /// The category's name (一般诉求), for chat messages.
    public var categoryName: String
    /// Request, complaint or dispute.
    public var kind: RequestKind
    /// How it came in.
    public var channel: RequestChannel
    /// Where it stands after the step.
    public var state: RequestState
    /// The tier holding it after the step.
    public var tier: String
    /// That tier's name (网格员), for chat messages.
    public var tierName: String
    /// The tier it left, for a transfer, a sending back or an escalation.
    public var fromTier: String?
    /// The limit that passed, for `request.overdue`.
    public var limit: RequestLimit?
    /// That limit's name (受理时限), for chat messages.
    public var limitName: String?
    /// When the limit fell due (Beijing time, `2021-12-01 10:00:00`), for `request.overdue`.
    public var dueAt: String?
    /// The rating, for `request.rated`.
    public var rating: RequestRating?
    /// How many times it has been reopened.
    public var reopenings: Int
    /// The step's position in the request's history.
    public var position: Int
    /// Whether a note came with the step (read it with the request).
    public var hasNote: Bool
    /// The round's number, for `dispute.mediated`.
    public var round: Int?
    /// The round's result, for `dispute.mediated`.
    public var result: MediationResult?
    /// How the dispute is being resolved, for the `dispute.*` events.
    public var method: DisputeMethod?
    /// General or complex, for the `dispute.*` events.
    public var complexity: DisputeComplexity?
    /// Why it went up, for `dispute.referred`.
    public var referral: DisputeReferral?

    /// The payload of `happening` in `step`, names taken from `policy`.
    public init(_ step: RequestStep, _ happening: RequestHappening?, policy: RequestPolicy) {
        let request = step.request
        self.request = request.id
        village = request.village
        category = request.category
        categoryName = policy.category(request.category)?.name ?? request.category
        tierName = policy.tier(request.holder.tier)?.name ?? request.holder.tier
        kind = request.kind
        channel = request.channel
        state = request.state
        tier = request.holder.tier
        reopenings = request.reopenings
        position = step.position
        hasNote = step.note != nil
        switch happening {
        case .transferred(let from, _), .sentBack(let from, _), .escalated(let from, _): fromTier = from
        default: fromTier = nil
        }
        if case .overdue(let passed) = happening {
            limit = passed
            limitName = passed.label(in: .zhHans)
            // Supervision leaves the round's start as it was, so the step's request gives the due time.
            dueAt = RequestWorkflow(policy: policy).due(passed, of: request)?.shanghaiText
        } else {
            limit = nil
            limitName = nil
            dueAt = nil
        }
        if case .rated(let given) = happening { rating = given } else { rating = nil }
        if case .mediated(let number, let outcome) = happening {
            round = number
            result = outcome
        } else {
            round = nil
            result = nil
        }
        if case .referred(let reason) = happening { referral = reason } else { referral = nil }
        let disputeEvent = happening.map { $0.eventType.rawValue.hasPrefix("dispute.") } ?? false
        method = disputeEvent ? request.dispute?.method : nil
        complexity = disputeEvent ? request.dispute?.complexity : nil
    }
}

extension RequestHappening {
    /// The event type that reports it.
    public var eventType: EventType {
        switch self {
        case .accepted: .requestAccepted
        case .started: .requestStarted
        case .transferred: .requestTransferred
        case .sentBack: .requestSentBack
        case .answered: .requestAnswered
        case .closed: .requestClosed
        case .rated: .requestRated
        case .reopened: .requestReopened
        case .overdue: .requestOverdue
        case .escalated: .requestEscalated
        case .mediated: .disputeMediated
        case .settled: .disputeSettled
        case .becameComplex: .disputeComplex
        case .referred: .disputeReferred
        }
    }
}

extension DomainEvent {
    /// The events of `step` at a station of `orgUnit`, under `policy`: `request.filed` for a
    /// filing, else one per thing that happened, in order.
    public static func requestEvents(
        _ step: RequestStep,
        happened: [RequestHappening],
        orgUnit: DivisionCode,
        policy: RequestPolicy
    ) -> [DomainEvent] {
        let reported: [(EventType, RequestHappening?)] =
            step.kind == .file ? [(.requestFiled, nil)] : happened.map { ($0.eventType, $0) }
        return reported.map { type, happening in
            DomainEvent(
                id: .generate(),
                type: type,
                occurredAt: step.at,
                orgUnit: orgUnit,
                station: step.request.station,
                actor: Actor(rawValue: step.actor.description),
                schemaVersion: RequestStepTaken.schemaVersion,
                payload: JSONText.encoded(RequestStepTaken(step, happening, policy: policy))
            )
        }
    }
}
