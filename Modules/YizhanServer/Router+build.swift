public import Hummingbird
import HummingbirdAuth
import NIOCore
import YizhanKernel

/// The server's router: the public probes, `/api/v1` behind the bearer-token authenticator, and the
/// pages behind the session cookie, the Origin check and (once signed in) the CSRF check. Kept apart
/// from the application so that tests drive it without sockets.
public func buildRouter(
    _ dependencies: ServerDependencies,
    settings: RouterSettings = RouterSettings()
) throws -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    let methods = RouteMethods()
    router.addMiddleware {
        RequestLogMiddleware()
        SecurityHeadersMiddleware<AppRequestContext>(overTLS: settings.overTLS)
        ErrorMiddleware<AppRequestContext>()
        MethodNotAllowedMiddleware<AppRequestContext>(methods: methods)
    }
    router.get("healthz") { _, _ -> Health in
        Health(status: "ok", lastEvent: try await dependencies.store.lastEventSequence().rawValue)
    }
    router.get("metrics") { _, _ -> Response in
        Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: await dependencies.metrics()))
        )
    }
    let openAPI = try OpenAPIDocument.json()
    router.get("api/v1/openapi.json") { _, _ -> Response in
        Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=300"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: openAPI))
        )
    }
    let api = router.group("api/v1")
        .add(middleware: TokenAuthenticator(accounts: dependencies.accounts))
        .group(context: APIContext.self)
        .add(middleware: DenialRecordMiddleware<APIContext>(access: dependencies.access))
    StationsController(dependencies: dependencies).addRoutes(to: api)
    RecordsController(dependencies: dependencies).addRoutes(to: api)
    ClientsController(dependencies: dependencies).addRoutes(to: api)
    CasesController(dependencies: dependencies).addRoutes(to: api)
    EventsController(dependencies: dependencies).addRoutes(to: api)
    ApprovalsController(dependencies: dependencies).addRoutes(to: api)
    VolunteersController(dependencies: dependencies).addRoutes(to: api)
    ReportsController(dependencies: dependencies).addRoutes(to: api)
    AccountsController(dependencies: dependencies).addRoutes(to: api)
    try addPages(to: router, dependencies, settings: settings)
    methods.record(router.routes.map { ("\($0.path)", $0.method.rawValue) })
    return router
}

/// The HTML pages: the stylesheet, the sign-in form and the pages of signed-in users.
private func addPages(
    to router: Router<AppRequestContext>,
    _ dependencies: ServerDependencies,
    settings: RouterSettings
) throws {
    let pages = try WebPages()
    let cookies = SessionCookies(overTLS: settings.overTLS)
    let assets = pages.assets
    router.get("assets/:name") { _, context -> Response in
        let name = try context.parameters.require("name")
        guard let body = assets[name] else { throw HTTPError(.notFound) }
        let type =
            name.hasSuffix(".css")
            ? "text/css; charset=utf-8" : name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : "image/svg+xml"
        return Response(
            status: .ok,
            headers: [.contentType: type, .cacheControl: "public, max-age=3600"],
            body: ResponseBody(byteBuffer: body)
        )
    }
    let web = router.group()
        .add(middleware: PageErrorMiddleware<AppRequestContext>(pages: pages))
        .add(middleware: RequestOriginMiddleware<AppRequestContext>())
        .add(middleware: SessionAuthenticator(accounts: dependencies.accounts, cookies: cookies))
    PageLanguage.addRoutes(to: web, overTLS: settings.overTLS)
    let signedIn = web.group(context: WebContext.self)
        .add(middleware: CSRFMiddleware())
        .add(middleware: DenialRecordMiddleware<WebContext>(access: dependencies.access))
    SignInController(
        accounts: dependencies.accounts,
        pages: pages,
        cookies: cookies,
        addresses: ClientAddress(trustedProxies: settings.trustedProxies)
    ).addRoutes(to: web, signedIn: signedIn)
    HomeController(store: dependencies.store, pages: pages, home: dependencies.home).addRoutes(to: signedIn)
    // The figures the station homes and the dashboard build, kept until the event log moves.
    let figures = FigureCache()
    StationHomePage(dependencies: dependencies, pages: pages, cache: figures).addRoutes(to: signedIn)
    RecordPages(dependencies: dependencies, pages: pages).addRoutes(to: signedIn)
    ClientPages(dependencies: dependencies, pages: pages).addRoutes(to: signedIn)
    CasePages(dependencies: dependencies, pages: pages).addRoutes(to: signedIn)
    RequestPages(dependencies: dependencies, pages: pages).addRoutes(to: signedIn)
    VolunteerPages(dependencies: dependencies, pages: pages, overTLS: settings.overTLS).addRoutes(to: signedIn)
    CountyPages(dependencies: dependencies, pages: pages, cache: figures).addRoutes(to: signedIn)
    ApprovalPages(dependencies: dependencies, pages: pages).addRoutes(to: signedIn)
    AccountPages(dependencies: dependencies, pages: pages).addRoutes(to: signedIn)
    LedgerImportPage(dependencies: dependencies, pages: pages).addRoutes(to: signedIn)
    ReportsController(dependencies: dependencies).addRoutes(to: signedIn)
    CheckInPage(
        dependencies: dependencies,
        pages: pages,
        cookies: cookies,
        addresses: ClientAddress(trustedProxies: settings.trustedProxies)
    ).addRoutes(to: web)
}
