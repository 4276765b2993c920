import Foundation
import YizhanKernel

/// One request as `request list`, `show` and the step commands print it: ids, codes, states, tiers
/// and times — nothing a person wrote, nobody's name.
struct RequestCard: Encodable {
    var id: String
    var station: String
    var village: String
    var category: String
    var categoryName: String
    var kind: String
    var channel: String
    var state: String
    var stateName: String
    var tier: String
    var holder: String
    var filedAt: String
    var reopenings: Int
    var rating: String?
    /// When the next unmet limit of this round falls due (Beijing time).
    var nextDue: String?
    /// The limits of this round passed unmet, by name.
    var late: [String]
    /// The dispute's handling, for a request of the dispute kind.
    var dispute: DisputeCard?

    init(_ request: ResidentRequest, workflow: RequestWorkflow, at instant: Date = Date()) {
        let policy = workflow.policy
        id = request.id.rawValue
        station = request.station.rawValue
        village = request.village.rawValue
        category = request.category
        categoryName = policy.category(request.category)?.name ?? request.category
        kind = request.kind.rawValue
        channel = request.channel.rawValue
        state = request.state.rawValue
        stateName = request.state.label(in: .zhHans)
        tier = request.holder.tier
        let tierName = policy.tier(request.holder.tier)?.name ?? request.holder.tier
        holder = request.holder.assignee.map { "\(tierName) \($0)" } ?? tierName
        filedAt = request.filedAt.shanghaiText
        reopenings = request.reopenings
        rating = request.rating?.label(in: .zhHans)
        let dues = workflow.openDeadlines(of: request).map { ($0.limit, $0.due) }
        nextDue = dues.filter { $0.1 >= instant }.map(\.1).min()?.shanghaiText
        late = dues.filter { $0.1 < instant }.map { $0.0.label(in: .zhHans) }
        dispute = request.dispute.map(DisputeCard.init)
    }

    /// What the notes column shows for `step`: nothing without a note, `***` while sealed, else
    /// the note revealed (a dispute's filing holds its parties).
    static func note(of step: RequestStep, request: ResidentRequest, revealed: RevealedRequest?) -> String? {
        guard step.note != nil else { return nil }
        if step.position == 0, request.dispute != nil { return revealed?.parties.map { "当事人:\($0)" } ?? "***" }
        return revealed?.notes[step.position] ?? "***"
    }

    /// A step's name: 登记, 受理 …
    static func stepName(_ kind: RequestStepKind, zh: Bool) -> String {
        guard zh else { return kind.rawValue }
        return switch kind {
        case .file: "登记"
        case .accept: "受理"
        case .start: "办理"
        case .transfer: "转办"
        case .sendBack: "退回"
        case .answer: "反馈"
        case .close: "办结"
        case .rate: "评价"
        case .reopen: "重办"
        case .supervise: "督办"
        case .mediate: "调解"
        case .settle: "调解成功"
        }
    }
}

/// A dispute as the request commands print it: its method, owner, complexity and rounds — the
/// parties stay sealed.
struct DisputeCard: Encodable {
    struct Round: Encodable {
        var day: String
        var result: String
        var resultName: String
    }

    var method: String
    var methodName: String
    var owner: String?
    var complexity: String
    var complexityName: String
    var rounds: [Round]
    var settledOn: String?
    var referredUp: Bool

    init(_ dispute: Dispute) {
        method = dispute.method.rawValue
        methodName = dispute.method.label(in: .zhHans)
        owner = dispute.owner?.description
        complexity = dispute.complexity.rawValue
        complexityName = dispute.complexity.label(in: .zhHans)
        rounds = dispute.rounds.map {
            Round(day: $0.day.description, result: $0.result.rawValue, resultName: $0.result.label(in: .zhHans))
        }
        settledOn = dispute.settledOn?.description
        referredUp = dispute.referredUp
    }

    /// `调解,一般纠纷,第 2 轮未达成,已上报县级团队` in one line.
    func summary(zh: Bool) -> String {
        var parts = zh ? [methodName, complexityName] : [method, complexity]
        if let owner { parts.append(zh ? "负责人 \(owner)" : "owner \(owner)") }
        if let last = rounds.last {
            parts.append(
                zh
                    ? "第 \(rounds.count) 轮(\(last.day))\(last.resultName)"
                    : "round \(rounds.count) (\(last.day)) \(last.result)"
            )
        } else {
            parts.append(zh ? "尚未调解" : "no round yet")
        }
        if let settledOn { parts.append(zh ? "\(settledOn) 已化解" : "settled \(settledOn)") }
        if referredUp { parts.append(zh ? "已上报县级团队" : "referred to the county's team") }
        return parts.joined(separator: zh ? "," : ", ")
    }
}

/// `request show --json`: the card, the steps, and what was sealed when revealed (else absent;
/// a note not revealed shows as `***`).
struct RequestDetail: Encodable {
    struct Step: Encodable {
        var position: Int
        var at: String
        var kind: String
        var actor: String
        var state: String
        var tier: String
        var note: String?
    }

    var request: RequestCard
    var description: String?
    var name: String?
    var phone: String?
    var parties: String?
    var steps: [Step]
}
