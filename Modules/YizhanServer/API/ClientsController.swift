import Hummingbird
import YizhanKernel

/// `/api/v1/clients`: the people a station serves, listed and shown masked, registered through
/// `RegisterClient` and revealed through `RevealClient` (with a reason, recorded before anything
/// is shown), as the command line does.
struct ClientsController {
    let dependencies: ServerDependencies

    /// The most clients one page lists.
    static let maximumLimit = 500

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("clients", use: list)
        group.post("clients", use: create)
        group.get("clients/:id", use: show)
        group.post("clients/:id/reveal", use: reveal)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> ClientList {
        let query = request.uri.queryParameters
        var check = QueryCheck()
        let limit = check.integer(query, "limit", in: 1...Self.maximumLimit) ?? 100
        try check.finish()
        let clients = try await dependencies.listEach(
            request,
            context: context,
            limit: limit,
            in: { $0.id.rawValue < $1.id.rawValue },
            page: { scope in
                try await dependencies.store.clients(in: scope, limit: limit)
            }
        )
        return ClientList(clients: clients.map { ClientCard.masked($0, opening: dependencies.vault) })
    }

    @Sendable func create(_ request: Request, context: APIContext) async throws -> EditedResponse<ClientCreated> {
        let input = try await request.decode(as: ClientInput.self, context: context)
        _ = try await dependencies.access.station(
            input.station,
            .writeRecords,
            by: context.principal,
            route: context.route(of: request)
        )
        let stored = try await BodyField.renaming {
            try await dependencies.registrar.register(input.request, actor: context.principal.actor)
        }
        let payload = try stored.event.decodePayload(as: ClientRegistered.self)
        guard let client = try await dependencies.store.clients([payload.client]).first else {
            throw APIError.internalFailure
        }
        return EditedResponse(
            status: .created,
            headers: [.location: "/api/v1/clients/\(payload.client.rawValue)"],
            response: ClientCreated(
                client: ClientCard.masked(client, opening: dependencies.vault),
                event: stored.sequence.rawValue
            )
        )
    }

    @Sendable func show(_ request: Request, context: APIContext) async throws -> ClientCard {
        let client = try await dependencies.access.client(
            try context.parameters.require("id"),
            .readRecords,
            by: context.principal,
            route: context.route(of: request)
        )
        return ClientCard.masked(client, opening: dependencies.vault)
    }

    @Sendable func reveal(_ request: Request, context: APIContext) async throws -> ClientCard {
        let client = try await dependencies.access.client(
            try context.parameters.require("id"),
            .revealPersonalData,
            by: context.principal,
            route: context.route(of: request)
        )
        let input = try await request.decode(as: RevealInput.self, context: context)
        let purpose = try RevealPurpose.parsing(input.reason)
        let (revealed, data) = try await dependencies.revealer.reveal(
            client.id,
            in: .station(client.station),
            purpose: purpose,
            actor: context.principal.actor
        )
        return ClientCard(revealed, data, revealed: true)
    }
}
