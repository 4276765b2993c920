public import Hummingbird
public import YizhanKernel

/// The signed-in user's first page: straight to the station or county of an account that works
/// in one; otherwise (and at `/account`) who they are and their scopes, each a link to its pages.
public struct HomeController: Sendable {
    let store: any StationStore
    let pages: WebPages
    let home: DivisionCode

    /// The controller over `store`, in the workspace's county `home`.
    public init(store: any StationStore, pages: WebPages, home: DivisionCode) {
        self.store = store
        self.pages = pages
        self.home = home
    }

    /// Adds `GET /` and `GET /account` to `group`.
    public func addRoutes(to group: RouterGroup<WebContext>) {
        group.get("/", use: home)
        group.get("account", use: account)
    }

    /// Home: the one station or county the account works in, or the list of its places.
    @Sendable func home(_ request: Request, context: WebContext) async throws -> Response {
        let grants = context.signedIn.account.grants
        let places = Set(grants.compactMap { place(of: $0.scope) })
        return Response(
            status: .seeOther,
            headers: [.location: places.count == 1 ? places.first ?? "/account" : "/account"]
        )
    }

    /// Who is signed in, and the scopes they work in, each a link to its pages.
    @Sendable func account(_ request: Request, context: WebContext) async throws -> Response {
        let account = context.signedIn.account
        let language = PageLanguage.of(request)
        var grants: [[String: Any]] = []
        for grant in account.grants {
            var item: [String: Any] = [
                "role": grant.role.name(in: language), "scope": try await scopeName(grant.scope),
            ]
            if let place = place(of: grant.scope) { item["href"] = place }
            grants.append(item)
        }
        var values = PageFrame(strings: pages.strings).values(request, context: context, place: .none)
        values["login"] = account.login.rawValue
        values["grants"] = grants
        return try pages.page("home", values, for: request)
    }

    /// The page a grant's scope opens on: a station's home, or the dashboard of the county served.
    private func place(of scope: Scope) -> String? {
        switch scope {
        case .station(let id): "/stations/\(id.rawValue)"
        case .within(let code) where code == home: "/county"
        case .all: "/county"
        case .within: nil
        }
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
