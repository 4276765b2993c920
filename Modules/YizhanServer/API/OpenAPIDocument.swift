public import Foundation
import Yams

/// The API's OpenAPI 3.1 document: `Resources/openapi.yaml`, kept by hand, checked against the
/// router by a test and served as JSON at `/api/v1/openapi.json`.
public enum OpenAPIDocument {
    /// The YAML text as shipped.
    public static func yaml() throws -> String {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The document as JSON, with sorted keys.
    public static func json() throws -> Data {
        guard let tree = try Yams.load(yaml: yaml()) else { throw CocoaError(.fileReadCorruptFile) }
        return try JSONSerialization.data(withJSONObject: tree, options: [.sortedKeys])
    }
}
