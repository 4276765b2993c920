/// A mid-term or final evaluation (中期/末期评估) of one station for one service year, scored against
/// an indicator scheme (seed 001 §八). Once submitted, its scores and totals are frozen.
public struct Evaluation: Hashable, Sendable, Codable, Identifiable {
    /// The evaluation's identifier.
    public var id: EvaluationID
    /// The station evaluated.
    public var station: StationID
    /// The service year.
    public var year: Int
    /// Mid-term or final.
    public var period: EvaluationPeriod
    /// The indicator scheme's id (`config/evaluations/`), e.g. `wenzhou-2021`.
    public var scheme: String
    /// The day it was opened.
    public var openedOn: CivilDate
    /// The day it was submitted (then frozen).
    public var submittedOn: CivilDate?
    /// The self-assessment total, frozen at submission.
    public var selfTotal: Points?
    /// The third-party total, frozen at submission.
    public var thirdPartyTotal: Points?

    /// Creates an evaluation.
    public init(
        id: EvaluationID,
        station: StationID,
        year: Int,
        period: EvaluationPeriod,
        scheme: String,
        openedOn: CivilDate,
        submittedOn: CivilDate? = nil,
        selfTotal: Points? = nil,
        thirdPartyTotal: Points? = nil
    ) {
        self.id = id
        self.station = station
        self.year = year
        self.period = period
        self.scheme = scheme
        self.openedOn = openedOn
        self.submittedOn = submittedOn
        self.selfTotal = selfTotal
        self.thirdPartyTotal = thirdPartyTotal
    }

    /// Whether it has been submitted and is frozen.
    public var isSubmitted: Bool { submittedOn != nil }
}

/// Identifies an evaluation.
public typealias EvaluationID = Identifier<Evaluation>

/// The two evaluations of a service year (seed 001 §八(一)).
public enum EvaluationPeriod: String, CaseIterable, Sendable, Codable {
    /// 中期评估: professional services, and the finances' state and progress.
    case midTerm
    /// 末期评估: professional services and finances together.
    case final

    /// The period's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.midTerm, .zhHans): "中期评估"
        case (.final, .zhHans): "末期评估"
        case (.midTerm, .en): "mid-term"
        case (.final, .en): "final"
        }
    }
}
