import Foundation
import HTTPTypes
public import Hummingbird

/// Refuses a state-changing request to a page unless the browser says it came from Yizhan's own
/// pages (ASVS 3.5.2, OWASP's "verify origin with standard headers"): `Sec-Fetch-Site`, when sent,
/// must be `same-origin`, and `Origin` must be sent and name the host the request was made to.
/// Reads and the API (bearer tokens, no cookies) are not concerned.
public struct RequestOriginMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Creates the middleware.
    public init() {}

    /// Passes `request` on, or refuses it with `PageProblem.forgedRequest`.
    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard
            [.get, .head].contains(request.method)
                || Self.isSameOrigin(request.headers, authority: request.head.authority)
        else { throw PageProblem.forgedRequest }
        return try await next(request, context)
    }

    /// Whether `headers` show a request from a page of `authority` (`host[:port]` asked for).
    static func isSameOrigin(_ headers: HTTPFields, authority: String?) -> Bool {
        if let site = headers[.secFetchSite], site != "same-origin" { return false }
        guard let origin = headers[.origin], let authority,
            let schemeEnd = origin.range(of: "://")
        else { return false }
        let named = origin[schemeEnd.upperBound...]
        return !named.isEmpty && named.lowercased() == authority.lowercased()
    }
}
