public import Foundation
public import Hummingbird
public import YizhanKernel

/// The context of a route under `/api/v1`: a request that carried a valid bearer token, with its
/// principal non-optional (a request without one never reaches a handler).
public struct APIContext: ChildRequestContext, ScopedRequestContext {
    /// Hummingbird's part of the context.
    public var coreContext: CoreRequestContextStorage
    /// Who is asking.
    public let principal: Principal

    /// Bodies larger than this are refused with 413 (ASVS 5.2.1).
    public var maxUploadSize: Int { 64 * 1024 }

    /// JSON with sorted keys and ISO 8601 instants: the same answer reads the same every time.
    public var responseEncoder: JSONEncoder { .api }

    /// The API context of `context`, which must carry a principal.
    ///
    /// - Throws: `APIError.unauthenticated` without one.
    public init(context: AppRequestContext) throws {
        guard let principal = context.identity else { throw APIError.unauthenticated }
        self.coreContext = context.coreContext
        self.principal = principal
    }

    /// Hummingbird's `/api/v1/records/:id` written as OpenAPI writes it, `/api/v1/records/{id}`.
    public static func openAPIPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
        }.joined(separator: "/")
    }
}
