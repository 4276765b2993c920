public import Hummingbird

/// Why a page was not shown, answered by `PageErrorMiddleware` as a page (or a redirect), never
/// as the API's JSON.
public enum PageProblem: Error, Sendable {
    /// No valid session: go to the sign-in page (303).
    case signInFirst
    /// A form post that did not come from Yizhan's own page, or without its CSRF token (403).
    case forgedRequest
    /// The form's body is not what the page sends (400).
    case badForm
    /// Something failed that the user cannot fix (500, logged by type).
    case internalFailure

    /// The status answered.
    public var status: HTTPResponse.Status {
        switch self {
        case .signInFirst: .seeOther
        case .forgedRequest: .forbidden
        case .badForm: .badRequest
        case .internalFailure: .internalServerError
        }
    }
}
