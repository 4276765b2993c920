import Foundation
public import Hummingbird
import Logging
import YizhanApproval
import YizhanKernel

/// Turns every error a route throws into a JSON error document, so that a refusal reads the same
/// whatever raised it; an unexpected error answers a generic 500 and is logged by its type only
/// (its text may hold what a person typed).
public struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Creates the middleware.
    public init() {}

    /// Answers `next`'s response, or the error it threw as JSON.
    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let answer = Self.answer(for: error)
            if answer.status == .internalServerError {
                context.logger.error(
                    "request failed",
                    metadata: ["error.type": "\(String(reflecting: type(of: error)))"]
                )
            }
            return try answer.response(from: request, context: context)
        }
    }

    /// The answer to `error`.
    static func answer(for error: any Error) -> APIError {
        switch error {
        case let error as APIError: return error
        case let error as AccessRefusal: return APIError(.notFound, ErrorDocument(error))
        case let error as InputError: return APIError(.unprocessableContent, ErrorDocument(error))
        case let error as PeriodLockedError: return APIError(.conflict, ErrorDocument(error))
        case let error as ApprovalError:
            switch error {
            case .unknownWorkflow: return APIError(.notFound, ErrorDocument(error))
            case .wrongLevel: return APIError(.forbidden, ErrorDocument(error))
            case .notAllowed, .movedOn: return APIError(.conflict, ErrorDocument(error))
            case .reasonRequired, .futurePeriod: return APIError(.unprocessableContent, ErrorDocument(error))
            }
        case let error as StoreError:
            // A rule the checks missed reaches the caller as the field to fix, as on the command line.
            if let input = InputError(constraint: error) {
                return APIError(.unprocessableContent, ErrorDocument(input))
            }
            // Another process holds the write lock (an import): nothing changed, so try again.
            if error.code == .busy {
                return APIError(.serviceUnavailable, ErrorDocument(error), headers: [.retryAfter: "5"])
            }
            return .internalFailure
        case is DecodingError:
            return APIError(
                .badRequest,
                ErrorDocument(
                    LocalizedText(
                        "请求体不是所需的 JSON:请对照 /api/v1/openapi.json 中该接口的格式",
                        en: "the body is not the JSON this route takes; see /api/v1/openapi.json"
                    )
                )
            )
        case let error as HTTPError:
            return APIError(error.status, ErrorDocument(Self.text(for: error.status)), headers: error.headers)
        case let error as any HTTPResponseError:
            return APIError(error.status, ErrorDocument(Self.text(for: error.status)))
        case let error as any UserFacingError:
            return APIError(.unprocessableContent, ErrorDocument(error))
        default:
            return .internalFailure
        }
    }

    private static func text(for status: HTTPResponse.Status) -> LocalizedText {
        switch status {
        case .notFound: LocalizedText("没有这个地址", en: "no such route")
        case .methodNotAllowed: LocalizedText("该地址不接受这种请求方法", en: "method not allowed on this route")
        case .contentTooLarge: LocalizedText("请求体超过 64 KiB", en: "the body is larger than 64 KiB")
        case .unsupportedMediaType:
            LocalizedText("请求体应为 application/json", en: "the body must be application/json")
        default:
            LocalizedText("请求未能完成(\(status.code))", en: "the request failed (\(status.code))")
        }
    }
}
