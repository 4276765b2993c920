import Foundation
public import Hummingbird
import NIOCore

/// A posted form's fields (`application/x-www-form-urlencoded`), in order, repeated names kept
/// (a form's checkboxes): what a page's handler reads after `CSRFMiddleware` has checked the token.
public struct FormBody: Sendable {
    /// The fields as posted.
    public let fields: [(name: String, value: String)]

    /// The fields of `text`.
    public init(_ text: String) {
        fields = text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            return (decoded(parts[0]), parts.count > 1 ? decoded(parts[1]) : "")
        }
    }

    /// The form `request` posted, up to `limit` bytes.
    public static func of(_ request: Request, limit: Int) async throws -> FormBody {
        var request = request
        return FormBody(String(buffer: try await request.collectBody(upTo: limit)))
    }

    /// The first value of `name`, trimmed; `nil` when absent or blank.
    public func value(_ name: String) -> String? {
        guard let value = fields.first(where: { $0.name == name })?.value.trimmingCharacters(in: .whitespaces),
            !value.isEmpty
        else { return nil }
        return value
    }

    /// Every non-blank value of `name`, in order.
    public func values(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map { $0.value.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
