public import Hummingbird
import NIOCore
import YizhanKernel

/// Refuses a state-changing form post of a signed-in user unless its `csrf` field is the session's
/// CSRF secret (ASVS 3.5.1; the synchroniser-token pattern, the secret kept with the session in the
/// store so every server process checks it). Runs before any handler, so no page can forget it.
public struct CSRFMiddleware: RouterMiddleware {
    /// The context the middleware runs in.
    public typealias Context = WebContext

    /// Creates the middleware.
    public init() {}

    /// Passes `request` on, its body collected for the handler, or refuses it.
    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard ![.get, .head].contains(request.method) else { return try await next(request, context) }
        var request = request
        let contentType = request.headers[.contentType] ?? ""
        let token: String?
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            // An upload (a ledger): larger, and its token is one of its parts.
            let body = try await request.collectBody(upTo: LedgerImportPage.uploadLimit)
            token = MultipartForm(body, contentType: contentType)?.value("csrf")
        } else {
            // Read as the pages read forms: repeated names (a form's checkboxes) are a form's own.
            token = FormBody(String(buffer: try await request.collectBody(upTo: context.maxUploadSize))).value("csrf")
        }
        guard let token, ConstantTime.equal(token, context.signedIn.session.csrfSecret) else {
            throw PageProblem.forgedRequest
        }
        return try await next(request, context)
    }
}
