import Foundation
public import Hummingbird
import YizhanApproval
import YizhanKernel

/// The county's approval grid (issue 25.6): stations × the workflow's last periods, each cell
/// coloured by its state, and for the chosen period the steps the signed-in account may take —
/// through `ApprovalWork`, as the CLI and the API take them.
public struct ApprovalPages: Sendable {
    let dependencies: ServerDependencies
    let pages: WebPages
    let frame: PageFrame

    /// How many periods the grid shows, ending at the chosen one.
    static let columns = 6

    /// The pages over `dependencies`, rendered with `pages`.
    init(dependencies: ServerDependencies, pages: WebPages) {
        self.dependencies = dependencies
        self.pages = pages
        self.frame = PageFrame(strings: pages.strings)
    }

    /// Adds the pages to `group`.
    public func addRoutes(to group: RouterGroup<WebContext>) {
        group.get("county/approvals", use: grid)
        group.post("county/approvals", use: step)
    }

    @Sendable func grid(_ request: Request, context: WebContext) async throws -> Response {
        let query = request.uri.queryParameters
        return try await page(
            request,
            context: context,
            workflow: query["workflow"].map(String.init),
            period: query["period"].map(String.init),
            done: query["done"].map(String.init),
            problem: nil
        )
    }

    @Sendable func step(_ request: Request, context: WebContext) async throws -> Response {
        let body = try await FormBody.of(request, limit: context.maxUploadSize)
        let work = dependencies.approvals
        let chosenWorkflow = body.value("workflow")
        let chosenPeriod = body.value("period")
        do {
            let workflow = try work.workflow(chosenWorkflow)
            let period = try work.period(chosenPeriod, in: workflow)
            guard let action = body.value("action").flatMap(ApprovalAction.init(rawValue:)) else {
                throw HTTPError(.badRequest)
            }
            try await work.take(
                action,
                workflow: workflow,
                period: period,
                station: body.value("station") ?? "",
                reason: body.value("reason"),
                by: context.principal,
                route: context.route(of: request)
            )
            let location =
                "/county/approvals?workflow=\(WebPages.queryValue(workflow.id))&period=\(WebPages.queryValue(period.description))&done=\(action.rawValue)"
            return Response(status: .seeOther, headers: [.location: location])
        } catch let error as ApprovalError {
            let status: HTTPResponse.Status =
                switch error {
                case .wrongLevel: .forbidden
                case .notAllowed, .movedOn: .conflict
                case .unknownWorkflow: .notFound
                case .reasonRequired, .futurePeriod: .unprocessableContent
                }
            return try await page(
                request,
                context: context,
                workflow: chosenWorkflow,
                period: chosenPeriod,
                done: nil,
                problem: (status, LocalizedText(error.message(in: .zhHans), en: error.message(in: .en)))
            )
        } catch let error as InputError {
            return try await page(
                request,
                context: context,
                workflow: chosenWorkflow,
                period: chosenPeriod,
                done: nil,
                problem: (
                    .unprocessableContent, LocalizedText(error.message(in: .zhHans), en: error.message(in: .en))
                )
            )
        }
    }

    /// The grid of `workflow` (the first the county uses by default) ending at `period` (the one
    /// holding today by default), with a notice of the step just taken or the problem of one refused.
    private func page(
        _ request: Request,
        context: WebContext,
        workflow chosenWorkflow: String?,
        period chosenPeriod: String?,
        done: String?,
        problem: (HTTPResponse.Status, LocalizedText)?
    ) async throws -> Response {
        let home = dependencies.home
        _ = try await dependencies.access.scope(
            .within(home),
            .readFigures,
            kind: "county",
            by: context.principal,
            route: context.route(of: request)
        )
        let county = try await dependencies.store.orgUnit(home) ?? OrgUnit(code: home, name: home.rawValue)
        let language = PageLanguage.of(request)
        let work = dependencies.approvals
        var values = frame.values(request, context: context, place: .county(county), section: .approvals)
        values["county"] = ["name": county.name, "code": county.code.rawValue]
        guard let workflow = try? work.workflow(chosenWorkflow ?? work.workflows.first?.id) else {
            values["none"] = true
            return try pages.page("approvals", values, for: request)
        }
        let period = try (try? work.period(chosenPeriod, in: workflow)) ?? work.period(nil, in: workflow)
        var periods = [period]
        while periods.count < Self.columns { periods.insert(periods[0].previous, at: 0) }
        var rows: [StationID: [ApprovalStatus]] = [:]
        var stations: [Station] = []
        for shown in periods {
            for status in try await work.status(of: workflow, period: shown, by: context.principal) {
                if rows[status.station.id] == nil { stations.append(status.station) }
                rows[status.station.id, default: []].append(status)
            }
        }
        values["workflows"] = work.workflows.map {
            ["id": $0.id, "name": $0.name, "selected": $0.id == workflow.id]
        }
        values["workflow"] = ["id": workflow.id, "name": workflow.name]
        values["period"] = period.description
        values["periodName"] = period.label(in: language)
        values["dueOn"] = workflow.dueDay(of: period).description
        values["periods"] = periods.map { ["key": $0.description, "name": $0.label(in: language)] }
        values["rows"] = stations.map { station -> [String: Any] in
            let cells = rows[station.id] ?? []
            let current = cells.last
            return [
                "id": station.id.rawValue, "name": station.name,
                "cells": cells.map { status -> [String: Any] in
                    [
                        "state": status.approval.state.rawValue,
                        "label": status.approval.state.label(in: language), "overdue": status.isOverdue,
                        "period": status.approval.period.label(in: language),
                    ]
                },
                "actions": (current?.actions ?? []).map { action -> [String: Any] in
                    [
                        "action": action.rawValue, "label": action.label(in: language),
                        "needsReason": action.needsReason,
                    ]
                },
                "hasActions": !(current?.actions ?? []).isEmpty,
            ]
        }
        if let done, let action = ApprovalAction(rawValue: done) { values["done"] = action.label(in: language) }
        if let (_, text) = problem { values["problem"] = text.text(in: language) }
        return try pages.page("approvals", values, for: request, status: problem?.0 ?? .ok)
    }
}
