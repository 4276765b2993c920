import Foundation
public import Hummingbird
import Logging
import Metrics

/// One log line and one measurement per request: the request id, the matched route (never the
/// path or the query as sent, which may hold ids or names), the status, the duration and the
/// actor — never a header, a cookie, a token or a body (ASVS 16.2.5).
public struct RequestLogMiddleware: RouterMiddleware {
    /// The context the middleware runs in.
    public typealias Context = AppRequestContext

    /// Creates the middleware.
    public init() {}

    /// Logs and measures `next`.
    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        var status = HTTPResponse.Status.internalServerError
        defer {
            let elapsed = ContinuousClock.now - start
            let route = context.endpointPath.map(APIContext.openAPIPath) ?? "unmatched"
            var metadata: Logger.Metadata = [
                "http.method": "\(request.method)", "http.route": "\(route)", "http.status": "\(status.code)",
                "http.duration_ms": "\(Self.milliseconds(elapsed))",
            ]
            if let actor = context.trail.actor { metadata["user"] = "\(actor)" }
            context.logger.info("request", metadata: metadata)
            let dimensions = [("method", "\(request.method)"), ("route", route), ("status", "\(status.code)")]
            Counter(label: "yizhan_http_requests_total", dimensions: dimensions).increment()
            Metrics.Timer(label: "yizhan_http_request_duration_seconds", dimensions: dimensions[0...1].map { $0 })
                .recordNanoseconds(
                    Int64(elapsed.components.seconds) * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
                )
        }
        do {
            var response = try await next(request, context)
            status = response.status
            response.headers[.xRequestID] = context.id
            return response
        } catch let error as any HTTPResponseError {
            status = error.status
            throw error
        }
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.1f", Double(seconds) * 1_000 + Double(attoseconds) / 1e15)
    }
}
