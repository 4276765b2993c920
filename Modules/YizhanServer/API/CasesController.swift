import Hummingbird
import YizhanKernel

/// `/api/v1/cases`: cases listed and shown within the caller's grants, opened and moved through
/// `CaseWork` as the command line does.
struct CasesController {
    let dependencies: ServerDependencies

    /// The most cases one page lists.
    static let maximumLimit = 500

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("cases", use: list)
        group.post("cases", use: open)
        group.get("cases/:id", use: show)
        group.post("cases/:id/moves", use: move)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> CaseList {
        let query = request.uri.queryParameters
        var check = QueryCheck()
        let limit = check.integer(query, "limit", in: 1...Self.maximumLimit) ?? 100
        let openOnly = check.boolean(query, "open") ?? false
        try check.finish()
        let files = try await dependencies.listEach(
            request,
            context: context,
            limit: limit,
            in: { ($0.history[0].since, $0.id.rawValue) > ($1.history[0].since, $1.id.rawValue) },
            page: { scope in
                try await dependencies.store.caseFiles(in: scope, openOnly: openOnly, limit: limit)
            }
        )
        return CaseList(cases: try await cards(files))
    }

    @Sendable func open(_ request: Request, context: APIContext) async throws -> EditedResponse<CaseAnswer> {
        let input = try await request.decode(as: CaseInput.self, context: context)
        _ = try await dependencies.access.station(
            input.station,
            .writeRecords,
            by: context.principal,
            route: context.route(of: request)
        )
        let (file, stored) = try await BodyField.renaming(keeping: ["client", "worker"]) {
            try await dependencies.cases.open(
                station: input.station,
                client: input.client,
                worker: input.worker,
                date: input.date,
                actor: context.principal.actor
            )
        }
        return EditedResponse(
            status: .created,
            headers: [.location: "/api/v1/cases/\(file.id.rawValue)"],
            response: CaseAnswer(case: try await card(file), event: stored.sequence.rawValue)
        )
    }

    @Sendable func show(_ request: Request, context: APIContext) async throws -> CaseCard {
        let file = try await dependencies.access.caseFile(
            try context.parameters.require("id"),
            .readRecords,
            by: context.principal,
            route: context.route(of: request)
        )
        return try await card(file)
    }

    @Sendable func move(_ request: Request, context: APIContext) async throws -> CaseAnswer {
        let file = try await dependencies.access.caseFile(
            try context.parameters.require("id"),
            .writeRecords,
            by: context.principal,
            route: context.route(of: request)
        )
        let input = try await request.decode(as: CaseMoveInput.self, context: context)
        let (moved, stored) = try await BodyField.renaming(keeping: ["client", "worker"]) {
            try await dependencies.cases.move(
                file.id.rawValue,
                to: input.stage,
                date: input.date,
                worker: input.worker,
                actor: context.principal.actor
            )
        }
        return CaseAnswer(case: try await card(moved), event: stored.sequence.rawValue)
    }

    private func card(_ file: CaseFile) async throws -> CaseCard {
        CaseCard(
            file,
            station: try await dependencies.store.station(file.station),
            on: dependencies.clock.day(at: dependencies.clock.now())
        )
    }

    /// The cards of `files`, judged overdue by their stations' limits as of today.
    private func cards(_ files: [CaseFile]) async throws -> [CaseCard] {
        let today = dependencies.clock.day(at: dependencies.clock.now())
        var stations: [StationID: Station] = [:]
        for id in Set(files.map(\.station)) { stations[id] = try await dependencies.store.station(id) }
        return files.map { CaseCard($0, station: stations[$0.station], on: today) }
    }
}
