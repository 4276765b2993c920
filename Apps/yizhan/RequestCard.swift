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
        let unmet = RequestLimit.allCases.filter { limit in
            switch limit {
            case .accept: request.acceptedAt == nil
            case .answer: request.answeredAt == nil
            case .resolve: request.closedAt == nil
            }
        }
        let dues = unmet.compactMap { limit in workflow.due(limit, of: request).map { (limit, $0) } }
        nextDue = dues.filter { $0.1 >= instant }.map(\.1).min()?.shanghaiText
        late = dues.filter { $0.1 < instant }.map { $0.0.label(in: .zhHans) }
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
        }
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
    var steps: [Step]
}
