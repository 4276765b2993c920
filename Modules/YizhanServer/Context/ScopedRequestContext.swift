public import Hummingbird
public import YizhanKernel

/// A context whose request is made by a known principal: an API token's or a signed-in account's.
public protocol ScopedRequestContext: RequestContext {
    /// Who is asking.
    var principal: Principal { get }
}

extension ScopedRequestContext {
    /// The route `request` matched, with its method (`GET /api/v1/records/{id}`), as
    /// `access.denied` names it: never the id or the query asked for.
    public func route(of request: Request) -> String {
        "\(request.method) \(APIContext.openAPIPath(endpointPath ?? ""))"
    }
}
