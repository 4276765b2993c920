public import Hummingbird
import Logging
import YizhanKernel

/// Answers what a page's handler threw as a page: a sign-in redirect, a refused form, an object
/// outside the user's grants as "not found" (its existence is not revealed), input the use case
/// refused with each field's issue, anything else as a generic failure logged by its type only.
public struct PageErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: WebPages

    /// The middleware, rendering with `pages`.
    public init(pages: WebPages) { self.pages = pages }

    /// Answers `next`'s response, or the error it threw as a page.
    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch PageProblem.signInFirst {
            return Response(status: .seeOther, headers: [.location: "/login"])
        } catch {
            let problem = Self.problem(for: error)
            if problem.status == .internalServerError {
                context.logger.error("page failed", metadata: ["error.type": "\(String(reflecting: type(of: error)))"])
            }
            var values: [String: Any] = [
                "heading": problem.heading, "message": problem.message, "english": problem.english,
            ]
            if !problem.issues.isEmpty { values["issues"] = ["items": problem.issues] }
            return try pages.page("problem", values, status: problem.status, headers: problem.headers)
        }
    }

    /// What a page says about `error`.
    struct Problem {
        var status: HTTPResponse.Status
        var heading: String
        var message: String
        var english: String
        var issues: [String] = []
        var headers: HTTPFields = [:]
    }

    static func problem(for error: any Error) -> Problem {
        switch error {
        case PageProblem.forgedRequest:
            return Problem(
                status: .forbidden,
                heading: "请求被拒绝",
                message: "这个表单不是从驿站自己的页面提交的,或已过期。请回到页面刷新后重新提交。",
                english:
                    "The form did not come from Yizhan's own page, or it expired: reload the page and send it again."
            )
        case PageProblem.badForm, is DecodingError:
            return Problem(
                status: .badRequest,
                heading: "表单内容不完整",
                message: "提交的表单缺少必填项或格式不对。请回到页面重新填写。",
                english: "The form sent is incomplete or malformed: fill it in again."
            )
        case is AccessRefusal:
            return notFound
        case let error as InputError:
            return Problem(
                status: .unprocessableContent,
                heading: "填写有误",
                message: error.message(in: .zhHans),
                english: error.message(in: .en),
                issues: error.issues.map { $0.message(in: .zhHans) }
            )
        case let error as HTTPError:
            if error.status == .notFound { return notFound }
            return Problem(
                status: error.status,
                heading: "请求未能完成",
                message: "请求未能完成(\(error.status.code))。",
                english: "The request failed (\(error.status.code)).",
                headers: error.headers
            )
        default:
            return Problem(
                status: .internalServerError,
                heading: "服务器内部错误",
                message: "服务器内部错误,未做改动。请稍后重试或联系管理员。",
                english: "Internal error; nothing was changed."
            )
        }
    }

    private static var notFound: Problem {
        Problem(
            status: .notFound,
            heading: "没有这个页面",
            message: "没有这个页面,或它不在您的工作范围内。",
            english: "No such page, or it is outside what you may see."
        )
    }
}
