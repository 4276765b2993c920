import Foundation
public import Hummingbird
import YizhanAccounts
import YizhanKernel
import YizhanRuntime

/// The county's accounts as pages (issue 24.3), for whoever may manage accounts: the list, a new
/// account, a grant added, an account disabled or enabled — through `AccountWork`, which keeps a
/// county admin within their county and their own role, as the API and `yizhan user` do.
public struct AccountPages: Sendable {
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
        group.get("county/accounts", use: list)
        group.post("county/accounts", use: create)
        group.post("county/accounts/grants", use: grant)
        group.post("county/accounts/:id/disable") { request, context in
            try await setDisabled(true, request, context)
        }
        group.post("county/accounts/:id/enable") { request, context in
            try await setDisabled(false, request, context)
        }
    }

    private var work: AccountWork { dependencies.accounts.work }

    /// The caller as an authority over accounts; anyone else is answered as if there were no page.
    private func authority(_ context: WebContext) throws -> AccountWork.Authority {
        guard context.principal.mayAnywhere(.manageAccounts) else { throw AccessRefusal(kind: "account") }
        return .principal(context.principal)
    }

    @Sendable func list(_ request: Request, context: WebContext) async throws -> Response {
        try await listPage(request, context: context, issues: [], body: nil)
    }

    @Sendable func create(_ request: Request, context: WebContext) async throws -> Response {
        let authority = try authority(context)
        let body = try await FormBody.of(request, limit: context.maxUploadSize)
        let password = body.fields.first { $0.name == "password" }?.value ?? ""
        do {
            let grant = try Grant(parsing: "\(body.value("role") ?? "")@\(body.value("scope") ?? "")")
            if let issue = PasswordHasher.issue(password) { throw InputError(issues: [issue]) }
            let account = try await work.create(
                login: body.value("login") ?? "",
                displayName: body.value("displayName") ?? "",
                passwordHash: try await dependencies.accounts.hasher.hash(password),
                grants: [grant],
                by: authority
            )
            return Response(
                status: .seeOther,
                headers: [.location: "/county/accounts?added=\(WebPages.queryValue(account.login.rawValue))"]
            )
        } catch let error as InputError {
            return try await listPage(request, context: context, issues: error.issues, body: body)
        }
    }

    @Sendable func grant(_ request: Request, context: WebContext) async throws -> Response {
        let authority = try authority(context)
        let body = try await FormBody.of(request, limit: context.maxUploadSize)
        guard let id = try? UserID(body.value("account") ?? "") else { throw AccessRefusal(kind: "account") }
        do {
            let grant = try Grant(parsing: "\(body.value("role") ?? "")@\(body.value("scope") ?? "")")
            _ = try await work.grant(grant, to: id, by: authority)
            return Response(status: .seeOther, headers: [.location: "/county/accounts"])
        } catch let error as InputError {
            return try await listPage(request, context: context, issues: error.issues, body: nil)
        }
    }

    private func setDisabled(_ disabled: Bool, _ request: Request, _ context: WebContext) async throws -> Response {
        let authority = try authority(context)
        _ = try await work.setDisabled(disabled, try Self.id(context), by: authority)
        return Response(status: .seeOther, headers: [.location: "/county/accounts"])
    }

    /// The accounts the caller manages, the form to add one (with what `body` posted), and `issues`.
    private func listPage(
        _ request: Request,
        context: WebContext,
        issues: [InputIssue],
        body: FormBody?
    ) async throws -> Response {
        let authority = try authority(context)
        let language = PageLanguage.of(request)
        let home = dependencies.home
        let county = try await dependencies.store.orgUnit(home) ?? OrgUnit(code: home, name: home.rawValue)
        let accounts = try await work.accounts(by: authority)
        let stations = try await dependencies.store.stations(in: .within(home))
        let scopes: [(code: String, name: String)] =
            [(String(home.significantPrefix), "\(county.name)(\(home.significantPrefix))")]
            + stations.map { ($0.id.rawValue, "\($0.name)(\($0.id.rawValue))") }
        let roles: [Role] = [.socialWorker, .stationHead, .countyAdmin, .viewer]
        var values = frame.values(request, context: context, place: .county(county), section: .accounts)
        values["accounts"] = accounts.sorted { $0.login.rawValue < $1.login.rawValue }.map { account -> [String: Any] in
            [
                "id": account.id.rawValue, "login": account.login.rawValue, "name": account.displayName,
                "grants": account.grants.map(\.description).joined(separator: "、"), "disabled": account.isDisabled,
                "self": account.id == context.signedIn.account.id,
            ]
        }
        values["roles"] = roles.map {
            ["code": $0.rawValue, "label": $0.name(in: language), "selected": $0.rawValue == body?.value("role")]
        }
        values["scopes"] = scopes.map { scope -> [String: Any] in
            ["code": scope.code, "name": scope.name, "selected": scope.code == body?.value("scope")]
        }
        values["form"] = ["login": body?.value("login") ?? "", "displayName": body?.value("displayName") ?? ""]
        values["errors"] = issues.map { RecordPages.message($0, language) }
        values["hasErrors"] = !issues.isEmpty
        if let added = request.uri.queryParameters["added"] { values["added"] = String(added) }
        return try pages.page("accounts", values, for: request, status: issues.isEmpty ? .ok : .unprocessableContent)
    }

    /// The path's account id; one that is not an id is answered as one that does not exist.
    private static func id(_ context: WebContext) throws -> UserID {
        guard let id = try? UserID(try context.parameters.require("id")) else { throw AccessRefusal(kind: "account") }
        return id
    }
}
