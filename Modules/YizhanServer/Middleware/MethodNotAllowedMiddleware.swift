public import Hummingbird
import Synchronization

/// The methods each route of the router takes, filled once its routes are added.
public final class RouteMethods: Sendable {
    private let table = Mutex<[(segments: [Substring], methods: [String])]>([])

    /// An empty table.
    public init() {}

    /// Records `routes` (`(path, method)`, the path as Hummingbird describes it: `/api/v1/records/{id}`).
    public func record(_ routes: [(path: String, method: String)]) {
        var byPath: [String: [String]] = [:]
        for route in routes { byPath[route.path, default: []].append(route.method) }
        table.withLock { table in
            table = byPath.map { path, methods in
                (path.split(separator: "/"), Array(Set(methods)).sorted())
            }
        }
    }

    /// The methods the route matching `path` takes; empty when no route matches it.
    public func allowed(for path: String) -> [String] {
        let asked = path.split(separator: "/")
        return table.withLock { table in
            table.first { route in
                route.segments.count == asked.count
                    && zip(route.segments, asked).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
            }?.methods ?? []
        }
    }
}

/// Answers a known path asked with a method it does not take 405 with `Allow` (RFC 9110
/// §15.5.6), where the router alone would answer 404 as for a path that does not exist.
public struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let methods: RouteMethods

    /// A middleware over `methods`.
    public init(methods: RouteMethods) { self.methods = methods }

    /// Answers `next`'s response, or 405 in place of the router's 404 for a known path.
    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = methods.allowed(for: request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else { throw error }
            throw HTTPError(.methodNotAllowed, headers: [.allow: allowed.joined(separator: ", ")])
        }
    }
}
