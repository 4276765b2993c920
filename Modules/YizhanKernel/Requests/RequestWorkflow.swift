public import Foundation

/// Who acts on a request: the resident (by the tracking code), a member of staff, or the
/// supervision that watches the time limits (督办).
public enum RequestActor: Hashable, Sendable, CustomStringConvertible {
    /// The resident who filed it.
    case resident
    /// A member of staff of a tier.
    case staff(RequestStaff)
    /// Supervision: the overdue check.
    case supervision

    /// `resident`, `supervision`, or `TIER/account:ID` for staff: what a step's history records.
    public var description: String {
        switch self {
        case .resident: "resident"
        case .supervision: "supervision"
        case .staff(let staff): "\(staff.tier)/\(staff.assignee)"
        }
    }

    /// The actor `text` describes (see `description`), or `nil`.
    public init?(_ text: String) {
        switch text {
        case "resident": self = .resident
        case "supervision": self = .supervision
        default:
            let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, Identifier<RequestHolder>.isValid(parts[0]),
                let assignee = RequestAssignee(parts[1])
            else { return nil }
            self = .staff(RequestStaff(tier: parts[0], assignee: assignee))
        }
    }
}

/// A step someone takes on a request.
public enum RequestAction: Hashable, Sendable {
    /// 受理 — the tier that holds it takes it on.
    case accept
    /// 办理 — work on it begins.
    case start
    /// 转办 — hand it to another tier, a person or an agency (with a note kept sealed).
    case transfer(to: RequestHolder)
    /// 退回 — send a mis-routed request back to whoever routed it, before accepting it.
    case sendBack
    /// 反馈 — the resident is answered (the answer is kept sealed).
    case answer
    /// 办结 — close it.
    case close
    /// 评价 — the resident rates a closed request; 不满意 within the window reopens it.
    case rate(RequestRating)
    /// 重办 — the resident reopens a closed request within the window.
    case reopen
    /// 调解 — a round of mediation of a dispute on `day`, with its result (what was said is a note).
    case mediate(day: CivilDate, result: MediationResult)
    /// 调解成功 — a dispute settled on `day` without a further round (agreement reached otherwise).
    case settle(day: CivilDate)
}

/// What a step did, in the order it happened: each becomes one event, carrying ids, the category,
/// tiers and times — never what anybody wrote.
public enum RequestHappening: Hashable, Sendable {
    /// Taken on by `tier`.
    case accepted(tier: String)
    /// Work began.
    case started
    /// Handed from one holder's tier to another's.
    case transferred(from: String, to: String)
    /// Sent back from `from` to the tier that routed it.
    case sentBack(from: String, to: String)
    /// The resident was answered.
    case answered
    /// Closed.
    case closed
    /// Rated.
    case rated(RequestRating)
    /// Reopened for the `count`-th time, held now by `tier`.
    case reopened(count: Int, tier: String)
    /// `limit` passed unmet.
    case overdue(RequestLimit)
    /// Moved one tier up after a limit passed (or a reopening past the limit), or to the top tier
    /// with a dispute referred up.
    case escalated(from: String, to: String)
    /// Round `number` of a dispute's mediation was held with `result`.
    case mediated(number: Int, result: MediationResult)
    /// The dispute was settled.
    case settled
    /// The dispute outlived the general limit unsettled: it is complex now.
    case becameComplex
    /// The dispute went up to the top tier (the county's team).
    case referred(DisputeReferral)
}

/// The rules of a request's handling (受理 → 转办 → 反馈 → 督办, 首问负责, 重办), as one pure function
/// of the request, the policy and the clock: every path (the command line, the staff page, the
/// public form, the overdue check) goes through it, so that a step refused here changes nothing.
public struct RequestWorkflow: Sendable {
    /// The policy whose tiers, limits and windows apply.
    public var policy: RequestPolicy

    /// Creates the workflow under `policy`.
    public init(policy: RequestPolicy) { self.policy = policy }

    /// `request` after `actor` takes `action` at `instant`, with what happened.
    ///
    /// - Throws: `InputError` `.conflict` on `action` when the step does not apply where the request
    ///   stands, or the actor may not take it (naming who may), `.unknownReference` on `to` for a
    ///   tier the policy does not have. Nothing is changed then.
    public func apply(
        _ action: RequestAction,
        to request: ResidentRequest,
        by actor: RequestActor,
        at instant: Date
    ) throws(InputError) -> (request: ResidentRequest, happened: [RequestHappening]) {
        var next = request
        switch action {
        case .accept:
            let staff = try holderStaff(actor, request, "受理", "accept")
            try require(request, in: [.registered], "受理", "accept")
            next.state = .accepted
            next.acceptedAt = request.acceptedAt ?? instant
            next.firstAcceptedAt = request.firstAcceptedAt ?? instant
            next.holder.assignee = next.holder.assignee ?? staff.assignee
            next.routedFrom = nil
            if next.dispute?.owner == nil { next.dispute?.owner = staff.assignee }
            return (next, [.accepted(tier: request.holder.tier)])
        case .start:
            _ = try holderStaff(actor, request, "办理", "start")
            try require(request, in: [.accepted], "开始办理", "start")
            next.state = .inProgress
            return (next, [.started])
        case .transfer(let target):
            _ = try holderStaff(actor, request, "转办", "transfer")
            try require(request, in: [.registered, .accepted, .inProgress], "转办", "transfer")
            guard policy.tier(target.tier) != nil else {
                let known = policy.tiers.map { "\($0.name)(\($0.id))" }.joined(separator: "、")
                throw InputError.single(
                    .unknownReference,
                    "to",
                    target.tier,
                    "政策中的层级之一:\(known)",
                    "one of the policy's tiers: \(policy.tiers.map(\.id).joined(separator: ", "))"
                )
            }
            guard target != request.holder else {
                throw conflict("to", target.tier, "另一个层级、人员或机构(转办不能转给自己)", "another tier, person or agency")
            }
            next.routedFrom = request.holder
            next.holder = target
            next.state = .registered
            return (next, [.transferred(from: request.holder.tier, to: target.tier)])
        case .sendBack:
            _ = try holderStaff(actor, request, "退回", "send back")
            try require(request, in: [.registered], "退回(受理后不能退回)", "send back (not after accepting)")
            guard let origin = request.routedFrom else {
                throw conflict("action", "sendBack", "转办来的诉求(这件是直接登记的,无处退回)", "a transferred request")
            }
            next.holder = origin
            next.routedFrom = nil
            return (next, [.sentBack(from: request.holder.tier, to: origin.tier)])
        case .answer:
            _ = try holderStaff(actor, request, "反馈", "answer")
            try require(request, in: [.accepted, .inProgress, .answered], "反馈(要先受理)", "answer (accept it first)")
            next.state = .answered
            next.answeredAt = request.answeredAt ?? instant
            return (next, [.answered])
        case .close:
            _ = try holderStaff(actor, request, "办结", "close")
            try require(request, in: [.answered], "办结(要先反馈居民)", "close (answer the resident first)")
            next.state = .closed
            next.closedAt = instant
            return (next, [.closed])
        case .rate(let rating):
            try requireResident(actor, "评价", "rate")
            try require(request, in: [.closed], "评价(办结后才能评价)", "rate (once closed)")
            guard request.rating == nil else {
                throw conflict("action", "rate", "未评价的诉求(这一轮已评价过)", "an unrated request")
            }
            next.rating = rating
            guard rating == .dissatisfied, withinWindow(request, at: instant) else { return (next, [.rated(rating)]) }
            let (reopened, happened) = reopening(next, at: instant)
            return (reopened, [.rated(rating)] + happened)
        case .reopen:
            try requireResident(actor, "重办", "reopen")
            try require(request, in: [.closed], "重办(办结后才能重办)", "reopen (once closed)")
            guard withinWindow(request, at: instant) else {
                throw conflict(
                    "action",
                    "reopen",
                    "办结后 \(policy.reopenWindowDays) 天内的重办(已超过)",
                    "a reopening within \(policy.reopenWindowDays) days of closing"
                )
            }
            return reopening(request, at: instant)
        case .mediate(let day, let result):
            let dispute = try disputeStep(actor, request, on: day, at: instant, "调解", "mediate")
            return referring(next, try policy.disputes.round(dispute, on: day, result: result))
        case .settle(let day):
            let dispute = try disputeStep(actor, request, on: day, at: instant, "记录调解成功", "settle")
            return referring(next, try policy.disputes.settle(dispute, on: day))
        }
    }

    /// `request` after supervision looks at it at `instant`: each limit of the round that has passed
    /// unmet is reported once and moves the request one tier up (not past the top).
    public func supervise(
        _ request: ResidentRequest,
        at instant: Date
    ) -> (
        request: ResidentRequest, happened: [RequestHappening]
    ) {
        guard let category = policy.category(request.category) else { return (request, []) }
        var next = request
        var happened: [RequestHappening] = []
        // A dispute's resolution is watched by the dispute rules (complex, then referred up).
        for limit in RequestLimit.allCases where !request.overdue.contains(limit) {
            guard limit != .resolve || request.dispute == nil else { continue }
            guard !met(limit, request),
                instant.timeIntervalSince(request.roundStartedAt) > category.limits[limit].seconds
            else { continue }
            next.overdue.insert(limit)
            happened.append(.overdue(limit))
            if let above = policy.tier(above: next.holder.tier) {
                happened.append(.escalated(from: next.holder.tier, to: above.id))
                next.routedFrom = nil
                next.holder = RequestHolder(tier: above.id)
                if next.state != .closed { next.state = .registered }
            }
        }
        if let dispute = next.dispute {
            let (moved, more) = referring(next, policy.disputes.supervise(dispute, at: instant))
            return (moved, happened + more)
        }
        return (next, happened)
    }

    /// When `limit` of `request`'s round falls due, or `nil` for a category the policy lacks; a
    /// dispute is to be resolved within the dispute rules' days from its filing (the general days,
    /// and the complex days more once it is complex).
    public func due(_ limit: RequestLimit, of request: ResidentRequest) -> Date? {
        if limit == .resolve, let dispute = request.dispute {
            let rules = policy.disputes
            let days = rules.generalDays + (dispute.complexity == .complex ? rules.complexDays : 0)
            return dispute.filedAt.addingTimeInterval(Double(days) * 86_400)
        }
        return policy.category(request.category).map {
            request.roundStartedAt.addingTimeInterval($0.limits[limit].seconds)
        }
    }

    /// The limits of `request`'s round not met yet, each with when it falls due: what lists mark
    /// as the next deadline (those still ahead) and as late (those passed).
    public func openDeadlines(of request: ResidentRequest) -> [(limit: RequestLimit, due: Date)] {
        guard request.state != .closed else { return [] }
        return RequestLimit.allCases.filter { !met($0, request) }.compactMap { limit in
            due(limit, of: request).map { (limit, $0) }
        }
    }

    // MARK: Rules

    /// The dispute of `request` for a round or a settlement on `day` by `actor`, who holds it: a
    /// day no later than `instant`'s in Asia/Shanghai (requests run on real time, whatever day a
    /// workspace pins).
    private func disputeStep(
        _ actor: RequestActor,
        _ request: ResidentRequest,
        on day: CivilDate,
        at instant: Date,
        _ zh: String,
        _ en: String
    ) throws(InputError) -> Dispute {
        _ = try holderStaff(actor, request, zh, en)
        guard let dispute = request.dispute else {
            throw conflict("action", en, "矛盾纠纷类的诉求(这件不是纠纷)", "a request of the dispute kind")
        }
        try require(request, in: [.accepted, .inProgress, .answered], "\(zh)(要先受理)", "\(en) (accept it first)")
        let today = CivilDate(shanghaiDayOf: instant.timeIntervalSince1970)
        guard day <= today else {
            throw InputError.single(
                .outOfRange,
                "day",
                day.description,
                "不晚于今天(\(today))的日期",
                "a day no later than today (\(today))"
            )
        }
        return dispute
    }

    /// `request` with `outcome`'s dispute and its happenings; a referral moves it to the top tier,
    /// waiting to be accepted there (unless it is there already).
    private func referring(
        _ request: ResidentRequest,
        _ outcome: (dispute: Dispute, happened: [DisputeHappening])
    ) -> (request: ResidentRequest, happened: [RequestHappening]) {
        var next = request
        next.dispute = outcome.dispute
        var happened: [RequestHappening] = []
        for happening in outcome.happened {
            switch happening {
            case .round(let number, let result): happened.append(.mediated(number: number, result: result))
            case .settled: happened.append(.settled)
            case .becameComplex: happened.append(.becameComplex)
            case .referredUp(let reason):
                happened.append(.referred(reason))
                if let top = policy.topTier, top.id != next.holder.tier {
                    happened.append(.escalated(from: next.holder.tier, to: top.id))
                    next.routedFrom = nil
                    next.holder = RequestHolder(tier: top.id)
                    if next.state != .closed { next.state = .registered }
                }
            }
        }
        return (next, happened)
    }

    /// Whether `limit` was met in `request`'s round (a time is recorded for it).
    private func met(_ limit: RequestLimit, _ request: ResidentRequest) -> Bool {
        switch limit {
        case .accept: request.acceptedAt != nil
        case .answer: request.answeredAt != nil
        case .resolve: request.closedAt != nil
        }
    }

    private func withinWindow(_ request: ResidentRequest, at instant: Date) -> Bool {
        guard let closed = request.closedAt else { return false }
        return instant.timeIntervalSince(closed) <= Double(policy.reopenWindowDays) * 86_400
    }

    /// A new round: back to whoever closed it, or to the top tier once the reopenings are used up.
    private func reopening(_ request: ResidentRequest, at instant: Date) -> (ResidentRequest, [RequestHappening]) {
        var next = request
        next.reopenings += 1
        next.state = .registered
        next.roundStartedAt = instant
        next.acceptedAt = nil
        next.answeredAt = nil
        next.closedAt = nil
        next.rating = nil
        next.overdue = []
        next.routedFrom = nil
        var happened: [RequestHappening] = []
        if next.reopenings > policy.reopenLimit, let top = policy.topTier, top.id != request.holder.tier {
            next.holder = RequestHolder(tier: top.id)
            happened.append(.reopened(count: next.reopenings, tier: top.id))
            happened.append(.escalated(from: request.holder.tier, to: top.id))
        } else {
            happened.append(.reopened(count: next.reopenings, tier: request.holder.tier))
        }
        return (next, happened)
    }

    /// The staff member acting, when they act for the tier (and person) that holds the request.
    private func holderStaff(
        _ actor: RequestActor,
        _ request: ResidentRequest,
        _ zh: String,
        _ en: String
    ) throws(InputError) -> RequestStaff {
        let holder = request.holder
        let tierName = policy.tier(holder.tier)?.name ?? holder.tier
        guard case .staff(let staff) = actor, staff.tier == holder.tier,
            holder.assignee == nil || holder.assignee == staff.assignee
        else {
            let who = holder.assignee.map { "\(tierName)(\($0))" } ?? tierName
            throw conflict("actor", "\(actor)", "持有这件诉求的\(who)才能\(zh)", "the holder, \(holder.tier), to \(en)")
        }
        return staff
    }

    private func requireResident(_ actor: RequestActor, _ zh: String, _ en: String) throws(InputError) {
        guard actor == .resident else {
            throw conflict("actor", "\(actor)", "提出诉求的居民本人才能\(zh)", "the resident who filed it, to \(en)")
        }
    }

    private func require(
        _ request: ResidentRequest,
        in states: Set<RequestState>,
        _ zh: String,
        _ en: String
    ) throws(InputError) {
        guard states.contains(request.state) else {
            throw conflict(
                "action",
                request.state.rawValue,
                "可以\(zh)的状态,这件诉求现在是“\(request.state.label(in: .zhHans))”",
                "a state that allows \(en); the request is \(request.state.rawValue)"
            )
        }
    }

    private func conflict(_ field: String, _ found: String, _ zh: String, _ en: String) -> InputError {
        InputError.single(.conflict, field, found, zh, en)
    }
}
