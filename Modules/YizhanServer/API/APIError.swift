public import Foundation
public import Hummingbird
import NIOCore
public import YizhanKernel

/// A refusal the server answers with: an HTTP status and the same error document the command line
/// prints with `--json` (message in both languages, each refused field's issue).
public struct APIError: HTTPResponseError, Sendable {
    /// The status answered.
    public let status: HTTPResponse.Status
    /// The body.
    public let document: ErrorDocument
    /// Extra headers (`WWW-Authenticate` on a 401).
    public let headers: HTTPFields

    /// An error with `status` and `document`.
    public init(_ status: HTTPResponse.Status, _ document: ErrorDocument, headers: HTTPFields = [:]) {
        self.status = status
        self.document = document
        self.headers = headers
    }

    /// 401: no bearer token, or one that is unknown, expired or revoked (answered alike).
    public static let unauthenticated = APIError(
        .unauthorized,
        ErrorDocument(
            LocalizedText(
                "需要有效的令牌:请求头 Authorization: Bearer 令牌(令牌由 yizhan token create 建立)",
                en: "a valid token is needed: Authorization: Bearer TOKEN (made by yizhan token create)"
            )
        ),
        headers: [.wwwAuthenticate: #"Bearer realm="yizhan""#]
    )

    /// 500: what went wrong stays in the log; the caller learns only that nothing was written.
    public static let internalFailure = APIError(
        .internalServerError,
        ErrorDocument(
            LocalizedText("服务器内部错误,未做改动;请稍后重试或联系管理员", en: "internal error; nothing was changed")
        )
    )

    /// The error as a JSON response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try context.responseEncoder.encode(document, from: request, context: context)
        response.status = status
        response.headers.append(contentsOf: headers)
        return response
    }
}

extension JSONEncoder {
    /// The API's encoder: sorted keys, ISO 8601 instants.
    public static var api: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}
