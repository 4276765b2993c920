public import Hummingbird

/// Security headers on every response, errors included (ASVS 3.4): a CSP that allows no inline
/// script and no framing, `nosniff`, a same-origin referrer, and `no-store` — responses may carry
/// personal data and must not stay in a shared cache. HSTS only when served over TLS.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The Content-Security-Policy sent.
    public static var contentSecurityPolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    let overTLS: Bool

    /// The middleware; `overTLS` adds `Strict-Transport-Security`.
    public init(overTLS: Bool) { self.overTLS = overTLS }

    /// Adds the headers to `next`'s response.
    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "same-origin"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.crossOriginOpenerPolicy] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if overTLS { response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains" }
        return response
    }
}
