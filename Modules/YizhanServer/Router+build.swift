public import Hummingbird
import HummingbirdAuth
import NIOCore
import YizhanKernel

/// The server's router: the public probes, then `/api/v1` behind the bearer-token authenticator.
/// Kept apart from the application so that tests drive it without sockets.
public func buildRouter(_ dependencies: ServerDependencies, overTLS: Bool = false) throws -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    let methods = RouteMethods()
    router.addMiddleware {
        RequestLogMiddleware()
        SecurityHeadersMiddleware<AppRequestContext>(overTLS: overTLS)
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
    StationsController(dependencies: dependencies).addRoutes(to: api)
    RecordsController(dependencies: dependencies).addRoutes(to: api)
    ClientsController(dependencies: dependencies).addRoutes(to: api)
    CasesController(dependencies: dependencies).addRoutes(to: api)
    EventsController(dependencies: dependencies).addRoutes(to: api)
    methods.record(router.routes.map { ("\($0.path)", $0.method.rawValue) })
    return router
}
