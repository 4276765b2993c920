public import Foundation

/// Where one workflow's period stands for one station (未提交 → 已提交 → 已审核 → 已接收).
public enum ApprovalState: String, CaseIterable, Hashable, Sendable, Codable {
    /// 未提交: the station is still recording; nothing is locked.
    case open
    /// 已提交: the station head submitted it; the county is to approve or return it.
    case submitted
    /// 已审核: the county approved it; the city is to accept or return it.
    case approved
    /// 已接收: the city accepted it.
    case accepted

    /// Whether the station's data of the period is locked in this state.
    public var locks: Bool { self != .open }

    /// Whether the figures count for `--approved-only`.
    public var isApproved: Bool { self == .approved || self == .accepted }

    /// Its name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.open, .zhHans): "未提交"
        case (.submitted, .zhHans): "已提交"
        case (.approved, .zhHans): "已审核"
        case (.accepted, .zhHans): "已接收"
        case (.open, .en): "open"
        case (.submitted, .en): "submitted"
        case (.approved, .en): "approved"
        case (.accepted, .en): "accepted"
        }
    }
}

/// One step a level may take on a period.
public enum ApprovalAction: String, CaseIterable, Hashable, Sendable, Codable {
    /// 提交: the station head sends an open period up (open → submitted).
    case submit
    /// 审核: the county approves a submitted period (submitted → approved).
    case approve
    /// 退回: a level sends what is below it back to the station, with a reason (→ open).
    case `return`
    /// 撤销审核: the county takes back its approval until the city accepts (approved → submitted).
    case unapprove
    /// 接收: the city accepts an approved period (approved → accepted).
    case accept
    /// 重新开放: the city reopens what it accepted, with a reason (accepted → open).
    case reopen

    /// Its name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.submit, .zhHans): "提交"
        case (.approve, .zhHans): "审核通过"
        case (.return, .zhHans): "退回"
        case (.unapprove, .zhHans): "撤销审核"
        case (.accept, .zhHans): "接收"
        case (.reopen, .zhHans): "重新开放"
        case (.submit, .en): "submit"
        case (.approve, .en): "approve"
        case (.return, .en): "return"
        case (.unapprove, .en): "unapprove"
        case (.accept, .en): "accept"
        case (.reopen, .en): "reopen"
        }
    }

    /// Whether the step needs a reason (a return and a reopen always say why).
    public var needsReason: Bool { self == .return || self == .reopen }

    /// The permission a grant needs to take the step.
    public var permission: Permission { self == .submit ? .manageStation : .approve }

    /// The level that takes the step from `state` in `workflow`, and the state it leads to; `nil`
    /// when the step is not allowed from that state.
    public func transition(
        from state: ApprovalState,
        in workflow: ApprovalWorkflow
    ) -> (
        level: ApprovalLevel, to: ApprovalState
    )? {
        switch (self, state) {
        case (.submit, .open): (.station, .submitted)
        case (.approve, .submitted): (.county, .approved)
        case (.return, .submitted): (.county, .open)
        case (.return, .approved) where workflow.hasCity: (.city, .open)
        case (.unapprove, .approved): (.county, .submitted)
        case (.accept, .approved) where workflow.hasCity: (.city, .accepted)
        case (.reopen, .accepted): (.city, .open)
        default: nil
        }
    }

    /// The steps allowed from `state` in `workflow`, in declaration order.
    public static func allowed(from state: ApprovalState, in workflow: ApprovalWorkflow) -> [ApprovalAction] {
        allCases.filter { $0.transition(from: state, in: workflow) != nil }
    }
}

/// Where one workflow's period stands for one station: its state, how many steps led there, and
/// the last of them.
public struct Approval: Hashable, Sendable, Codable {
    /// The workflow's id.
    public var workflow: String
    /// The period.
    public var period: ApprovalPeriod
    /// The station.
    public var station: StationID
    /// The state.
    public var state: ApprovalState
    /// The steps taken so far (0 for a period nobody has touched).
    public var version: Int
    /// What the workflow approves, and so what the state locks.
    public var covers: Set<ApprovedData>
    /// Who took the last step.
    public var lastActor: Actor?
    /// When.
    public var lastStepAt: Date?
    /// The figures' digest at the last step.
    public var digest: String?

    /// Creates a state.
    public init(
        workflow: String,
        period: ApprovalPeriod,
        station: StationID,
        state: ApprovalState,
        version: Int,
        covers: Set<ApprovedData>,
        lastActor: Actor? = nil,
        lastStepAt: Date? = nil,
        digest: String? = nil
    ) {
        self.workflow = workflow
        self.period = period
        self.station = station
        self.state = state
        self.version = version
        self.covers = covers
        self.lastActor = lastActor
        self.lastStepAt = lastStepAt
        self.digest = digest
    }

    /// A period nobody has submitted yet.
    public static func untouched(_ workflow: ApprovalWorkflow, period: ApprovalPeriod, station: StationID) -> Approval {
        Approval(
            workflow: workflow.id,
            period: period,
            station: station,
            state: .open,
            version: 0,
            covers: workflow.covers
        )
    }
}

/// One step of a period's history: a fact, inserted once at its position, so that of two steps
/// taken at once on the same state only one is kept.
public struct ApprovalStep: Hashable, Sendable, Codable {
    /// The workflow's id.
    public var workflow: String
    /// The period.
    public var period: ApprovalPeriod
    /// The station.
    public var station: StationID
    /// Its position in the history, from 0; the state's version after it is `position + 1`.
    public var position: Int
    /// What was done.
    public var action: ApprovalAction
    /// The state before.
    public var from: ApprovalState
    /// The state after.
    public var to: ApprovalState
    /// Who did it.
    public var actor: Actor
    /// The level they acted at.
    public var level: ApprovalLevel
    /// When.
    public var at: Date
    /// Why (required for a return and a reopen). Free text: kept with the step, never in events.
    public var reason: String?
    /// The SHA-256 of the station's figures of the period at that moment (`ApprovalFigures`).
    public var digest: String
    /// What the workflow approves (the state then locks these).
    public var covers: Set<ApprovedData>

    /// Creates a step.
    public init(
        workflow: String,
        period: ApprovalPeriod,
        station: StationID,
        position: Int,
        action: ApprovalAction,
        from: ApprovalState,
        to: ApprovalState,
        actor: Actor,
        level: ApprovalLevel,
        at: Date,
        reason: String?,
        digest: String,
        covers: Set<ApprovedData>
    ) {
        self.workflow = workflow
        self.period = period
        self.station = station
        self.position = position
        self.action = action
        self.from = from
        self.to = to
        self.actor = actor
        self.level = level
        self.at = at
        self.reason = reason
        self.digest = digest
        self.covers = covers
    }

    /// The state the step leaves the period in.
    public var resulting: Approval {
        Approval(
            workflow: workflow,
            period: period,
            station: station,
            state: to,
            version: position + 1,
            covers: covers,
            lastActor: actor,
            lastStepAt: at,
            digest: digest
        )
    }
}
