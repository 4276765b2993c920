public import Hummingbird
public import YizhanKernel

/// The signed-in user's first page: who they are and the scopes they work in.
public struct HomeController: Sendable {
    let store: any StationStore
    let pages: WebPages

    /// The controller over `store`.
    public init(store: any StationStore, pages: WebPages) {
        self.store = store
        self.pages = pages
    }

    /// Adds `GET /` to `group`.
    public func addRoutes(to group: RouterGroup<WebContext>) {
        group.get("/", use: home)
    }

    @Sendable func home(_ request: Request, context: WebContext) async throws -> Response {
        let account = context.signedIn.account
        var grants: [[String: Any]] = []
        for grant in account.grants {
            grants.append(["role": grant.role.name(in: .zhHans), "scope": try await scopeName(grant.scope)])
        }
        return try pages.page(
            "home",
            [
                "signedIn": true, "csrf": context.signedIn.session.csrfSecret,
                "displayName": account.displayName, "login": account.login.rawValue, "grants": grants,
            ]
        )
    }

    /// `scope` as people name it: the station's or the unit's name, with its id or code.
    private func scopeName(_ scope: Scope) async throws -> String {
        switch scope {
        case .all: return "全部 (*)"
        case .station(let id): return "\(try await store.station(id)?.name ?? id.rawValue)(\(id.rawValue))"
        case .within(let code): return "\(try await store.orgUnit(code)?.name ?? "\(code)")(\(scope))"
        }
    }
}
