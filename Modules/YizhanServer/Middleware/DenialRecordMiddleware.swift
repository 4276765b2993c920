public import Hummingbird
public import YizhanKernel

/// Makes every refusal of an object leave one `access.denied` event (issue 23.3): a use case that
/// refused without recording (an account outside the caller's county, a token of another scope)
/// has its refusal recorded here, with the caller and the route, before the 404 is answered.
public struct DenialRecordMiddleware<Context: ScopedRequestContext>: RouterMiddleware {
    let access: ObjectAccess

    /// The middleware, recording through `access`.
    public init(access: ObjectAccess) { self.access = access }

    /// Answers `next`'s response, or rethrows its refusal once recorded.
    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let refusal as AccessRefusal where !refusal.isRecorded {
            throw try await access.deny(refusal.kind, by: context.principal, route: context.route(of: request))
        }
    }
}
