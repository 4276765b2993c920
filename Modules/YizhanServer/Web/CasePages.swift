import Foundation
public import Hummingbird
import YizhanKernel

/// A station's cases as pages (issue 24.2): the list by stage with the overdue marked, a case's
/// history, and the move to one of the stages its stage machine allows — through `CaseWork`, as
/// `yizhan case move` and the API move it.
public struct CasePages: Sendable {
    let dependencies: ServerDependencies
    let pages: WebPages
    let frame: PageFrame

    /// The pages over `dependencies`, rendered with `pages`.
    public init(dependencies: ServerDependencies, pages: WebPages) {
        self.dependencies = dependencies
        self.pages = pages
        self.frame = PageFrame(strings: pages.strings)
    }

    /// Adds the pages to `group`.
    public func addRoutes(to group: RouterGroup<WebContext>) {
        group.get("stations/:id/cases", use: list)
        group.get("cases/:id", use: show)
        group.post("cases/:id/move", use: move)
    }

    @Sendable func list(_ request: Request, context: WebContext) async throws -> Response {
        let station = try await dependencies.access.station(
            try context.parameters.require("id"),
            .readRecords,
            by: context.principal,
            route: context.route(of: request)
        )
        let language = PageLanguage.of(request)
        let openOnly = request.uri.queryParameters["all"] != "1"
        let today = dependencies.clock.today
        let files = try await dependencies.store.caseFiles(in: .station(station.id), openOnly: openOnly, limit: 5_000)
        let clients = try await maskedNames(files.map(\.client))
        let cards = files.map { CaseCard($0, station: station, on: today) }
        var stages: [[String: Any]] = []
        for stage in CaseStage.allCases {
            let here = cards.filter { $0.stage == stage.rawValue }
                .sorted { ($0.overdue ? 0 : 1, $0.since, $0.id) < ($1.overdue ? 0 : 1, $1.since, $1.id) }
            guard !here.isEmpty else { continue }
            stages.append([
                "stage": stage.label(in: language), "count": here.count,
                "cases": here.map { card -> [String: Any] in
                    [
                        "id": card.id, "client": clients[card.client] ?? "—", "since": card.since, "days": card.days,
                        "limit": card.limit.map(String.init) ?? "—", "overdue": card.overdue,
                    ]
                },
            ])
        }
        var values = frame.values(request, context: context, place: .station(station), section: .cases)
        values["station"] = ["id": station.id.rawValue, "name": station.name]
        values["stages"] = stages
        values["overdueCount"] = cards.filter(\.overdue).count
        values["openOnly"] = openOnly
        return try pages.page("cases", values, for: request)
    }

    @Sendable func show(_ request: Request, context: WebContext) async throws -> Response {
        let file = try await dependencies.access.caseFile(
            try context.parameters.require("id"),
            .readRecords,
            by: context.principal,
            route: context.route(of: request)
        )
        return try await casePage(request, context: context, file: file, issues: [], moved: false)
    }

    @Sendable func move(_ request: Request, context: WebContext) async throws -> Response {
        let file = try await dependencies.access.caseFile(
            try context.parameters.require("id"),
            .writeRecords,
            by: context.principal,
            route: context.route(of: request)
        )
        let body = try await FormBody.of(request, limit: context.maxUploadSize)
        do {
            _ = try await dependencies.cases.move(
                file.id.rawValue,
                to: body.value("stage") ?? "",
                date: body.value("date") ?? "",
                worker: body.value("worker") ?? "",
                actor: context.principal.actor
            )
            return Response(status: .seeOther, headers: [.location: "/cases/\(file.id.rawValue)?moved=1"])
        } catch let error as InputError {
            return try await casePage(request, context: context, file: file, issues: error.issues, moved: false)
        } catch let error as CaseTransitionError {
            let issue = InputIssue(
                code: .conflict,
                field: "stage",
                found: body.value("stage") ?? "",
                expected: LocalizedText(error.message(in: .zhHans), en: error.message(in: .en))
            )
            return try await casePage(request, context: context, file: file, issues: [issue], moved: false)
        }
    }

    /// A case's page: its client (masked), its history, and the move form where the grants allow.
    private func casePage(
        _ request: Request,
        context: WebContext,
        file: CaseFile,
        issues: [InputIssue],
        moved: Bool
    ) async throws -> Response {
        guard let station = try await dependencies.store.station(file.station) else { throw HTTPError(.notFound) }
        let language = PageLanguage.of(request)
        let names = try await StationNames(of: station, store: dependencies.store)
        let card = CaseCard(file, station: station, on: dependencies.clock.today)
        var values = frame.values(request, context: context, place: .station(station), section: .cases)
        values["station"] = ["id": station.id.rawValue, "name": station.name]
        values["case"] = [
            "id": file.id.rawValue, "client": try await maskedNames([file.client])[file.client.rawValue] ?? "—",
            "clientID": file.client.rawValue, "stage": file.stage.label(in: language), "days": card.days,
            "limit": card.limit.map(String.init) ?? "—", "overdue": card.overdue,
        ]
        values["history"] = file.history.map { entry -> [String: Any] in
            [
                "stage": entry.stage.label(in: language), "since": entry.since.description,
                "worker": names.worker(entry.worker),
            ]
        }
        if !file.stage.isFinal, context.principal.may(.writeRecords, at: station) {
            let body = issues.isEmpty ? nil : try await FormBody.of(request, limit: context.maxUploadSize)
            let chosen = body?.value("worker") ?? file.current.worker.rawValue
            values["move"] = [
                "stages": CaseStage.allCases.filter { file.stage.next.contains($0) }.map {
                    [
                        "code": $0.rawValue, "label": $0.label(in: language),
                        "selected": $0.rawValue == body?.value("stage"),
                    ]
                },
                "workers": names.workerChoices.map {
                    ["id": $0.id.rawValue, "name": $0.name, "selected": $0.id.rawValue == chosen]
                },
                "date": body?.value("date") ?? dependencies.clock.today.description,
                "today": dependencies.clock.today.description,
                "errors": issues.map { RecordPages.message($0, language) },
                "hasErrors": !issues.isEmpty,
            ]
        }
        values["moved"] = moved || request.uri.queryParameters["moved"] == "1"
        return try pages.page("case", values, for: request, status: issues.isEmpty ? .ok : .unprocessableContent)
    }

    /// The masked names of `ids`, by id.
    private func maskedNames(_ ids: [ClientID]) async throws -> [String: String] {
        let clients = try await dependencies.store.clients(Array(Set(ids)))
        return Dictionary(
            clients.map { ($0.id.rawValue, ClientCard.masked($0, opening: dependencies.vault).name) },
            uniquingKeysWith: { first, _ in first }
        )
    }
}
