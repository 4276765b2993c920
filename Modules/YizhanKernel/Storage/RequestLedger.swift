/// Residents' requests as they stand, and the steps that led there (issue 26).
public protocol RequestLedger: Sendable {
    /// The request with `id`, if any.
    func residentRequest(_ id: RequestID) async throws -> ResidentRequest?
    /// The requests at the stations in `scope`, in `states` when given, oldest filing first.
    func residentRequests(in scope: Scope, states: Set<RequestState>?) async throws -> [ResidentRequest]
    /// What the resident wrote and how to reach them, sealed, if the request exists.
    func requestContent(_ id: RequestID) async throws -> SealedRequestContent?
    /// The request whose tracking code has `digest`, if any.
    func residentRequest(trackingDigest digest: String) async throws -> ResidentRequest?
    /// The steps of the request, oldest first.
    func requestSteps(_ id: RequestID) async throws -> [RequestStep]
}
