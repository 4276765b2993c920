/// Compliance results, evaluations with their scores, rectification items and raised reminders.
public protocol EvaluationLedger: Sendable {
    /// The last results of `standard`'s rules, by subject, then rule.
    func complianceStates(standard: String) async throws -> [ComplianceState]
    /// The evaluation with `id`, if any.
    func evaluation(_ id: EvaluationID) async throws -> Evaluation?
    /// The evaluations of the stations in `scope` (of `year` when given), by station, year, period.
    func evaluations(in scope: Scope, year: Int?) async throws -> [Evaluation]
    /// The scores of an evaluation, by indicator, then assessor.
    func evaluationScores(of id: EvaluationID) async throws -> [EvaluationScore]
    /// The rectification item with `id`, if any.
    func rectification(_ id: RectificationID) async throws -> Rectification?
    /// The rectification items of the stations in `scope` (only those not done when `openOnly`),
    /// by due day, then id.
    func rectifications(in scope: Scope, openOnly: Bool) async throws -> [Rectification]
    /// Those of `keys` whose reminder has been raised already.
    func raisedNotices(among keys: [String]) async throws -> Set<String>
}
