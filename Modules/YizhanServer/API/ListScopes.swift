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
}
