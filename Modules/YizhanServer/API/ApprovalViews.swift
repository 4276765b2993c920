public import Foundation
public import Hummingbird
import YizhanApproval
public import YizhanKernel

/// `GET /api/v1/approvals`: where each station's period stands, with the steps the caller may take.
public struct ApprovalStatusList: ResponseEncodable, Decodable, Sendable {
    /// The workflow's id.
    public var workflow: String
    /// Its name.
    public var workflowName: String
    /// The period, `2021-11`.
    public var period: String
    /// The day its submission is due.
    public var dueOn: String
    /// A row per station the caller may read figures of.
    public var stations: [ApprovalStatusView]
}

/// One station's state in an `ApprovalStatusList`.
public struct ApprovalStatusView: Codable, Sendable {
    /// The station's id.
    public var station: String
    /// Its name.
    public var name: String
    /// `open`, `submitted`, `approved` or `accepted`.
    public var state: ApprovalState
    /// Steps taken so far.
    public var version: Int
    /// Whether it is still open past its deadline.
    public var overdue: Bool
    /// Who took the last step (`user:…`, `token:…`).
    public var lastActor: String?
    /// When.
    public var lastStepAt: Date?
    /// The figures' digest at the last step.
    public var digest: String?
    /// The steps the caller may take now.
    public var actions: [ApprovalAction]

    /// The view of `status`.
    init(_ status: ApprovalStatus) {
        station = status.station.id.rawValue
        name = status.station.name
        state = status.approval.state
        version = status.approval.version
        overdue = status.isOverdue
        lastActor = status.approval.lastActor?.rawValue
        lastStepAt = status.approval.lastStepAt
        digest = status.approval.digest
        actions = status.actions
    }
}

/// `POST /api/v1/approvals/steps`: one step on one station's period.
public struct ApprovalStepInput: Decodable, Sendable {
    /// The workflow's id.
    public var workflow: String
    /// The period, `2021-11`, `2021-H2`, `2021`.
    public var period: String
    /// The station's id.
    public var station: String
    /// `submit`, `approve`, `return`, `unapprove`, `accept` or `reopen`.
    public var action: ApprovalAction
    /// Why (required for a return and a reopen).
    public var reason: String?
}

/// One step, as the API answers it.
public struct ApprovalStepView: ResponseEncodable, Codable, Sendable {
    /// The workflow's id.
    public var workflow: String
    /// The period.
    public var period: String
    /// The station's id.
    public var station: String
    /// Its position in the period's history, from 0.
    public var position: Int
    /// What was done.
    public var action: ApprovalAction
    /// The state before.
    public var from: ApprovalState
    /// The state after.
    public var to: ApprovalState
    /// Who did it.
    public var actor: String
    /// At which level.
    public var level: ApprovalLevel
    /// When.
    public var at: Date
    /// Why, when a reason was given (shown to those who may read the station's figures).
    public var reason: String?
    /// The SHA-256 of the station's figures then.
    public var digest: String

    /// The view of `step`.
    init(_ step: ApprovalStep) {
        workflow = step.workflow
        period = step.period.description
        station = step.station.rawValue
        position = step.position
        action = step.action
        from = step.from
        to = step.to
        actor = step.actor.rawValue
        level = step.level
        at = step.at
        reason = step.reason
        digest = step.digest
    }
}

/// `GET /api/v1/approvals/history`: a period's steps at one station, oldest first.
public struct ApprovalHistoryView: ResponseEncodable, Decodable, Sendable {
    /// The steps.
    public var steps: [ApprovalStepView]
}
