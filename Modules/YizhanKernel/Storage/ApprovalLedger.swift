/// Where each workflow's periods stand for each station, and the steps that led there.
public protocol ApprovalLedger: Sendable {
    /// The state of `workflow`'s `period` at `station`, if anyone has taken a step on it.
    func approval(workflow: String, period: ApprovalPeriod, station: StationID) async throws -> Approval?
    /// The states of `workflow` at the stations in `scope` (of `period` when given), by period,
    /// then station.
    func approvals(workflow: String, period: ApprovalPeriod?, in scope: Scope) async throws -> [Approval]
    /// The steps of `workflow`'s `period` at `station`, oldest first.
    func approvalSteps(workflow: String, period: ApprovalPeriod, station: StationID) async throws -> [ApprovalStep]
}
