public import YizhanConfig
public import YizhanKernel

/// One rule's result for one subject: pass, fail or not applicable, what was measured, what the rule
/// requires, and the evidence behind a failure.
public struct RuleResult: Hashable, Sendable {
    /// The standard's id.
    public var standard: String
    /// The rule.
    public var rule: StandardFile.Rule
    /// The station, for station rules.
    public var station: Station?
    /// The county, for county rules.
    public var county: DivisionCode?
    /// The result.
    public var outcome: ComplianceOutcome
    /// What was measured, e.g. 30 课时.
    public var measured: LocalizedText
    /// What the rule requires, e.g. ≥ 40 课时.
    public var required: LocalizedText
    /// The workers, villages or items behind the result: those that fall short (or are pending).
    public var evidence: [Evidence]

    /// One piece of evidence.
    public struct Evidence: Hashable, Sendable {
        /// The identifier events carry (worker id, village code, item).
        public var item: String
        /// What people read: a name and the value that falls short.
        public var text: LocalizedText
    }

    /// What was checked: the station's id, or the county's code.
    public var subject: String { station?.id.rawValue ?? county?.rawValue ?? "" }

    /// The state to keep for the next check.
    public func state(on day: CivilDate) -> ComplianceState {
        ComplianceState(
            standard: standard,
            subject: subject,
            rule: rule.id,
            outcome: outcome,
            measured: measured.zhHans,
            checkedOn: day
        )
    }
}
