/// `compliance.checked`: a standard was checked and some result changed; the counts of the check.
public struct ComplianceChecked: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.complianceChecked
    public static let schemaVersion = 1
    /// The standard.
    public var standard: String
    /// The service year checked.
    public var year: Int
    /// Results that passed.
    public var passed: Int
    /// Results that failed.
    public var failed: Int
    /// Results that did not apply.
    public var notApplicable: Int

    /// Creates the payload.
    public init(standard: String, year: Int, passed: Int, failed: Int, notApplicable: Int) {
        self.standard = standard
        self.year = year
        self.passed = passed
        self.failed = failed
        self.notApplicable = notApplicable
    }
}

/// `compliance.breached` / `compliance.restored`: one rule's result for one subject changed.
///
/// The evidence names workers and villages by identifier and code, never by a person's name.
public struct ComplianceChanged: Hashable, Sendable, Codable {
    /// The standard.
    public var standard: String
    /// The rule.
    public var rule: String
    /// The station, for station rules.
    public var station: StationID?
    /// The measured value as shown.
    public var measured: String
    /// What the rule requires, as shown.
    public var required: String
    /// The identifiers behind a failure: workers, village codes, missing items.
    public var evidence: [String]

    /// Creates the payload.
    public init(
        standard: String,
        rule: String,
        station: StationID?,
        measured: String,
        required: String,
        evidence: [String]
    ) {
        self.standard = standard
        self.rule = rule
        self.station = station
        self.measured = measured
        self.required = required
        self.evidence = evidence
    }
}

/// `compliance.breached`: a rule that passed (or was never checked) now fails.
public struct ComplianceBreached: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.complianceBreached
    public static let schemaVersion = 1
    /// What changed.
    public var change: ComplianceChanged

    /// Creates the payload.
    public init(change: ComplianceChanged) {
        self.change = change
    }
}

/// `compliance.restored`: a rule that failed now passes.
public struct ComplianceRestored: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.complianceRestored
    public static let schemaVersion = 1
    /// What changed.
    public var change: ComplianceChanged

    /// Creates the payload.
    public init(change: ComplianceChanged) {
        self.change = change
    }
}

/// `evaluation.opened`: a mid-term or final evaluation of a station was opened.
public struct EvaluationOpened: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.evaluationOpened
    public static let schemaVersion = 1
    /// The evaluation.
    public var evaluation: EvaluationID
    /// The station.
    public var station: StationID
    /// The service year.
    public var year: Int
    /// Mid-term or final.
    public var period: EvaluationPeriod
    /// The indicator scheme.
    public var scheme: String

    /// Creates the payload.
    public init(evaluation: EvaluationID, station: StationID, year: Int, period: EvaluationPeriod, scheme: String) {
        self.evaluation = evaluation
        self.station = station
        self.year = year
        self.period = period
        self.scheme = scheme
    }
}

/// `evaluation.scored`: an assessor scored an indicator.
public struct EvaluationScored: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.evaluationScored
    public static let schemaVersion = 1
    /// The evaluation.
    public var evaluation: EvaluationID
    /// The indicator.
    public var indicator: String
    /// Who scored.
    public var assessor: Assessor
    /// The points.
    public var points: Points

    /// Creates the payload.
    public init(evaluation: EvaluationID, indicator: String, assessor: Assessor, points: Points) {
        self.evaluation = evaluation
        self.indicator = indicator
        self.assessor = assessor
        self.points = points
    }
}

/// `evaluation.submitted`: an evaluation was submitted and frozen, with its totals.
public struct EvaluationSubmitted: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.evaluationSubmitted
    public static let schemaVersion = 1
    /// The evaluation.
    public var evaluation: EvaluationID
    /// The station.
    public var station: StationID
    /// The service year.
    public var year: Int
    /// Mid-term or final.
    public var period: EvaluationPeriod
    /// The self-assessment total.
    public var selfTotal: Points
    /// The third-party total.
    public var thirdPartyTotal: Points

    /// Creates the payload.
    public init(
        evaluation: EvaluationID,
        station: StationID,
        year: Int,
        period: EvaluationPeriod,
        selfTotal: Points,
        thirdPartyTotal: Points
    ) {
        self.evaluation = evaluation
        self.station = station
        self.year = year
        self.period = period
        self.selfTotal = selfTotal
        self.thirdPartyTotal = thirdPartyTotal
    }
}

/// `rectification.raised`, `rectification.due` and `rectification.completed`: a rectification item
/// was raised, fell due undone, or was put right. The item's text stays out of the event.
public struct RectificationNoted: Hashable, Sendable, Codable {
    /// The item.
    public var rectification: RectificationID
    /// The evaluation that raised it.
    public var evaluation: EvaluationID
    /// The station.
    public var station: StationID
    /// The worker responsible.
    public var owner: WorkerID
    /// The due day.
    public var dueOn: CivilDate

    /// Creates the payload.
    public init(
        rectification: RectificationID,
        evaluation: EvaluationID,
        station: StationID,
        owner: WorkerID,
        dueOn: CivilDate
    ) {
        self.rectification = rectification
        self.evaluation = evaluation
        self.station = station
        self.owner = owner
        self.dueOn = dueOn
    }
}

/// `rectification.raised`: an evaluation raised a rectification item.
public struct RectificationRaised: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.rectificationRaised
    public static let schemaVersion = 1
    /// The item.
    public var item: RectificationNoted

    /// Creates the payload.
    public init(item: RectificationNoted) {
        self.item = item
    }
}

/// `rectification.due`: an item's due day came and it is not done.
public struct RectificationDue: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.rectificationDue
    public static let schemaVersion = 1
    /// The item.
    public var item: RectificationNoted

    /// Creates the payload.
    public init(item: RectificationNoted) {
        self.item = item
    }
}

/// `rectification.completed`: an item was put right.
public struct RectificationCompleted: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.rectificationCompleted
    public static let schemaVersion = 1
    /// The item.
    public var item: RectificationNoted
    /// The day it was done.
    public var doneOn: CivilDate

    /// Creates the payload.
    public init(item: RectificationNoted, doneOn: CivilDate) {
        self.item = item
        self.doneOn = doneOn
    }
}

/// `deadline.approaching`: a deadline of the year's calendar is a configured number of days away.
public struct DeadlineApproaching: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.deadlineApproaching
    public static let schemaVersion = 1
    /// The deadline's id in the calendar, e.g. `countyReport`.
    public var deadline: String
    /// What is due, e.g. 评估工作情况汇总报市民政局.
    public var name: String
    /// The due day.
    public var dueOn: CivilDate
    /// Days left on the day it was raised.
    public var daysLeft: Int
    /// The station it concerns, or `nil` for the county.
    public var station: StationID?

    /// Creates the payload.
    public init(deadline: String, name: String, dueOn: CivilDate, daysLeft: Int, station: StationID?) {
        self.deadline = deadline
        self.name = name
        self.dueOn = dueOn
        self.daysLeft = daysLeft
        self.station = station
    }
}

extension EventType {
    /// A standard was checked and some result changed.
    public static let complianceChecked = EventType(rawValue: "compliance.checked")
    /// A rule started failing.
    public static let complianceBreached = EventType(rawValue: "compliance.breached")
    /// A failing rule passes again.
    public static let complianceRestored = EventType(rawValue: "compliance.restored")
    /// An evaluation was opened.
    public static let evaluationOpened = EventType(rawValue: "evaluation.opened")
    /// An indicator was scored.
    public static let evaluationScored = EventType(rawValue: "evaluation.scored")
    /// An evaluation was submitted and frozen.
    public static let evaluationSubmitted = EventType(rawValue: "evaluation.submitted")
    /// A rectification item was raised.
    public static let rectificationRaised = EventType(rawValue: "rectification.raised")
    /// A rectification item fell due undone.
    public static let rectificationDue = EventType(rawValue: "rectification.due")
    /// A rectification item was put right.
    public static let rectificationCompleted = EventType(rawValue: "rectification.completed")
    /// A deadline of the calendar is near.
    public static let deadlineApproaching = EventType(rawValue: "deadline.approaching")
}

extension Rectification {
    /// The item as events carry it.
    public var noted: RectificationNoted {
        RectificationNoted(rectification: id, evaluation: evaluation, station: station, owner: owner, dueOn: dueOn)
    }
}
