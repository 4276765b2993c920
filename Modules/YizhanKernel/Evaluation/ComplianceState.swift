/// The last result of one rule of a construction standard for one subject (a station, or a county
/// for county rules), kept so that the next check can tell a breach or a restoration from no change.
public struct ComplianceState: Hashable, Sendable, Codable {
    /// The standard's id, e.g. `wenzhou-2021`.
    public var standard: String
    /// What was checked: a station's id, or a county's division code for county rules.
    public var subject: String
    /// The rule's id within the standard.
    public var rule: String
    /// The result.
    public var outcome: ComplianceOutcome
    /// The measured value as the check showed it, e.g. `30 课时`.
    public var measured: String
    /// The day of the check.
    public var checkedOn: CivilDate

    /// Creates a state.
    public init(
        standard: String,
        subject: String,
        rule: String,
        outcome: ComplianceOutcome,
        measured: String,
        checkedOn: CivilDate
    ) {
        self.standard = standard
        self.subject = subject
        self.rule = rule
        self.outcome = outcome
        self.measured = measured
        self.checkedOn = checkedOn
    }
}

/// The result of checking one rule.
public enum ComplianceOutcome: String, CaseIterable, Sendable, Codable {
    /// The rule is met.
    case pass
    /// The rule is not met.
    case fail
    /// The rule does not apply (nothing to measure yet, or a deadline not yet due).
    case notApplicable

    /// The outcome's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.pass, .zhHans): "达标"
        case (.fail, .zhHans): "未达标"
        case (.notApplicable, .zhHans): "不适用"
        case (.pass, .en): "pass"
        case (.fail, .en): "fail"
        case (.notApplicable, .en): "n/a"
        }
    }
}
