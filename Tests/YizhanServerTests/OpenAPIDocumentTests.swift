import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Yams
import YizhanServer

/// The hand-kept OpenAPI document and the router describe the same routes (issue 23.5).
struct OpenAPIDocumentTests {
    @Test func theDocumentNamesEveryRouteOfTheRouterAndNoOther() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let router = try buildRouter(harness.dependencies)
        // The pages (sign-in, home, the stylesheet) are HTML for browsers, not part of the JSON API.
        let routed = Set(
            router.routes.map { "\($0.method) \(APIContext.openAPIPath("\($0.path)"))" }.filter { route in
                route.contains(" /api/") || route.hasSuffix(" /healthz") || route.hasSuffix(" /metrics")
            }
        )
        let document = try #require(try Yams.load(yaml: OpenAPIDocument.yaml()) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(
            paths.flatMap { path, operations in
                operations.keys.filter { ["get", "post", "put", "patch", "delete"].contains($0) }
                    .map { "\($0.uppercased()) \(path)" }
            }
        )
        #expect(
            routed == documented,
            "only routed: \(routed.subtracting(documented)); only documented: \(documented.subtracting(routed))"
        )
        try router.validate()
    }

    @Test func theDocumentIsServedAsJSON() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        try await harness.application().test(.router) { client in
            let served = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            #expect(served.status == .ok)
            let object = try JSONSerialization.jsonObject(with: Data(served.body.readableBytesView)) as? [String: Any]
            #expect((object?["paths"] as? [String: Any])?["/api/v1/records/{id}"] != nil)
        }
    }
}
