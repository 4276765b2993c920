import Hummingbird
import YizhanApproval
import YizhanKernel

/// `/api/v1/approvals`: the approval grid of a workflow's period, its steps and their history —
/// `ApprovalWork`, as `yizhan approval` calls it, with the caller's grants deciding what it may do.
struct ApprovalsController {
    let dependencies: ServerDependencies

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("approvals", use: status)
        group.post("approvals/steps", use: step)
        group.get("approvals/history", use: history)
    }

    @Sendable func status(_ request: Request, context: APIContext) async throws -> ApprovalStatusList {
        let (workflow, period) = try chosen(request)
        let rows = try await dependencies.approvals.status(of: workflow, period: period, by: context.principal)
        return ApprovalStatusList(
            workflow: workflow.id,
            workflowName: workflow.name,
            period: period.description,
            dueOn: workflow.dueDay(of: period).description,
            stations: rows.map(ApprovalStatusView.init)
        )
    }

    @Sendable func step(_ request: Request, context: APIContext) async throws -> ApprovalStepView {
        let input = try await request.decode(as: ApprovalStepInput.self, context: context)
        let workflow = try dependencies.approvals.workflow(input.workflow)
        let period = try dependencies.approvals.period(input.period, in: workflow)
        let step = try await dependencies.approvals.take(
            input.action,
            workflow: workflow,
            period: period,
            station: input.station,
            reason: input.reason,
            by: context.principal,
            route: context.route(of: request)
        )
        return ApprovalStepView(step)
    }

    @Sendable func history(_ request: Request, context: APIContext) async throws -> ApprovalHistoryView {
        let (workflow, period) = try chosen(request)
        var check = QueryCheck()
        let station = check.required(
            request.uri.queryParameters,
            "station",
            LocalizedText("社工站标识", en: "a station id")
        )
        try check.finish()
        let steps = try await dependencies.approvals.history(
            of: workflow,
            period: period,
            station: station ?? "",
            by: context.principal,
            route: context.route(of: request)
        )
        return ApprovalHistoryView(steps: steps.map(ApprovalStepView.init))
    }

    /// The workflow and period the query names (`workflow` may be left out when there is one).
    private func chosen(_ request: Request) throws -> (ApprovalWorkflow, ApprovalPeriod) {
        let query = request.uri.queryParameters
        let workflow = try dependencies.approvals.workflow(query["workflow"].map(String.init))
        return (workflow, try dependencies.approvals.period(query["period"].map(String.init), in: workflow))
    }
}
