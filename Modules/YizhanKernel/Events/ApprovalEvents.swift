public import Foundation

extension EventType {
    /// A station head submitted a period.
    public static let approvalSubmitted = EventType(rawValue: "approval.submitted")
    /// The county approved a submitted period.
    public static let approvalApproved = EventType(rawValue: "approval.approved")
    /// A level returned a period to the station, with a reason.
    public static let approvalReturned = EventType(rawValue: "approval.returned")
    /// The county took back its approval before the city accepted.
    public static let approvalUnapproved = EventType(rawValue: "approval.unapproved")
    /// The city accepted an approved period.
    public static let approvalAccepted = EventType(rawValue: "approval.accepted")
    /// The city reopened a period it had accepted, with a reason.
    public static let approvalReopened = EventType(rawValue: "approval.reopened")
    /// A period was not submitted by its deadline (once per workflow, period and station).
    public static let approvalOverdue = EventType(rawValue: "approval.overdue")
    /// A submitted period waited longer than the workflow allows for the county's approval.
    public static let approvalPending = EventType(rawValue: "approval.pending")

    /// The event type of each approval step.
    public static func approval(_ action: ApprovalAction) -> EventType {
        switch action {
        case .submit: .approvalSubmitted
        case .approve: .approvalApproved
        case .return: .approvalReturned
        case .unapprove: .approvalUnapproved
        case .accept: .approvalAccepted
        case .reopen: .approvalReopened
        }
    }
}

/// The payload of every approval step (`approval.submitted` … `approval.reopened`): who is in the
/// event's actor, when in its time; the reason is free text and stays with the step
/// (`yizhan approval history`), so that no event carries what a person wrote.
public struct ApprovalStepTaken: Codable, Hashable, Sendable {
    /// The payload's shape version.
    public static let schemaVersion = 1
    /// The workflow.
    public var workflow: String
    /// The period, `2026-11`.
    public var period: String
    /// The period's name, `2026 年 11 月`, for chat messages.
    public var periodName: String
    /// The step.
    public var action: ApprovalAction
    /// The state before.
    public var from: ApprovalState
    /// The state after.
    public var to: ApprovalState
    /// The level that acted.
    public var level: ApprovalLevel
    /// The step's position in the period's history.
    public var position: Int
    /// Whether a reason was given (read it with `yizhan approval history`).
    public var hasReason: Bool
    /// The SHA-256 of the station's figures of the period at that moment.
    public var digest: String

    /// The payload of `step`.
    public init(_ step: ApprovalStep) {
        workflow = step.workflow
        period = step.period.description
        periodName = step.period.label(in: .zhHans)
        action = step.action
        from = step.from
        to = step.to
        level = step.level
        position = step.position
        hasReason = step.reason != nil
        digest = step.digest
    }
}

/// `approval.overdue` and `approval.pending`: a period not submitted by its deadline, or waiting
/// for the county past the workflow's days.
public struct ApprovalReminder: Codable, Hashable, Sendable {
    /// The payload's shape version.
    public static let schemaVersion = 1
    /// The workflow.
    public var workflow: String
    /// Its name, `月度台账`.
    public var workflowName: String
    /// The period, `2026-11`.
    public var period: String
    /// The period's name, `2026 年 11 月`.
    public var periodName: String
    /// The state the period is in.
    public var state: ApprovalState
    /// The deadline (for `approval.overdue`) or the day the submission was due for approval.
    public var dueOn: CivilDate

    /// Creates the payload.
    public init(workflow: ApprovalWorkflow, period: ApprovalPeriod, state: ApprovalState, dueOn: CivilDate) {
        self.workflow = workflow.id
        workflowName = workflow.name
        self.period = period.description
        periodName = period.label(in: .zhHans)
        self.state = state
        self.dueOn = dueOn
    }
}

extension DomainEvent {
    /// The event of an approval step at `station`'s unit.
    public static func approval(_ step: ApprovalStep, orgUnit: DivisionCode) -> DomainEvent {
        DomainEvent(
            id: .generate(),
            type: .approval(step.action),
            occurredAt: step.at,
            orgUnit: orgUnit,
            station: step.station,
            actor: step.actor,
            schemaVersion: ApprovalStepTaken.schemaVersion,
            payload: JSONText.encoded(ApprovalStepTaken(step))
        )
    }

    /// A reminder of `type` (`approval.overdue` or `approval.pending`) for `station`.
    public static func approvalReminder(
        _ type: EventType,
        _ reminder: ApprovalReminder,
        station: Station,
        actor: Actor,
        at instant: Date
    ) -> DomainEvent {
        DomainEvent(
            id: .generate(),
            type: type,
            occurredAt: instant,
            orgUnit: station.orgUnit,
            station: station.id,
            actor: actor,
            schemaVersion: ApprovalReminder.schemaVersion,
            payload: JSONText.encoded(reminder)
        )
    }
}

extension JSONText {
    /// `value` as sorted-key JSON, slashes unescaped, as event payloads are written.
    static func encoded(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
