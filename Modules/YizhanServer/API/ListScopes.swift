import Hummingbird
import YizhanKernel

extension ServerDependencies {
    /// The scopes a list route reads: the station its `station` query parameter names, reached like
    /// any object (404 and `access.denied` outside the grants), or else every scope in which the
    /// caller holds `permission`.
    func listScopes(_ request: Request, context: APIContext, _ permission: Permission) async throws -> [Scope] {
        guard let station = request.uri.queryParameters["station"] else {
            return context.principal.scopes(for: permission)
        }
        let reached = try await access.station(
            String(station),
            permission,
            by: context.principal,
            route: context.route(of: request)
        )
        return [.station(reached.id)]
    }

    /// What a list route answers: the items `page` reads in each scope `listScopes` reaches, each
    /// item once (a caller's grants may overlap), in `order`, at most `limit`.
    func listEach<Item: Identifiable>(
        _ request: Request,
        context: APIContext,
        limit: Int,
        in order: (Item, Item) -> Bool,
        page: (Scope) async throws -> [Item]
    ) async throws -> [Item] {
        var seen: Set<Item.ID> = []
        var items: [Item] = []
        for scope in try await listScopes(request, context: context, .readRecords) {
            items += try await page(scope).filter { seen.insert($0.id).inserted }
        }
        return Array(items.sorted(by: order).prefix(limit))
    }
}
