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
            let language = PageLanguage.of(request)
            var values: [String: Any] = [
                "heading": problem.heading.text(in: language), "message": problem.message.text(in: language),
            ]
            if !problem.issues.isEmpty { values["issues"] = ["items": problem.issues.map { $0.message(in: language) }] }
            return try pages.page("problem", values, for: request, status: problem.status, headers: problem.headers)
        }
    }

    /// What a page says about `error`.
    struct Problem {
        var status: HTTPResponse.Status
        var heading: LocalizedText
        var message: LocalizedText
        var issues: [InputIssue] = []
        var headers: HTTPFields = [:]
    }

    static func problem(for error: any Error) -> Problem {
        switch error {
        case PageProblem.forgedRequest:
            return Problem(
                status: .forbidden,
                heading: LocalizedText("请求被拒绝", en: "Request refused"),
                message: LocalizedText(
                    "这个表单不是从驿站自己的页面提交的,或已过期。请回到页面刷新后重新提交。",
                    en:
                        "The form did not come from Yizhan's own page, or it expired: reload the page and send it again."
                )
            )
        case PageProblem.badForm, is DecodingError:
            return Problem(
                status: .badRequest,
                heading: LocalizedText("表单内容不完整", en: "Incomplete form"),
                message: LocalizedText(
                    "提交的表单缺少必填项或格式不对。请回到页面重新填写。",
                    en: "The form sent is incomplete or malformed: fill it in again."
                )
            )
        case is AccessRefusal:
            return notFound
        case let error as InputError:
            return Problem(
                status: .unprocessableContent,
                heading: LocalizedText("填写有误", en: "Please correct the request"),
                message: LocalizedText("输入有误,未做任何改动:", en: "Invalid input; nothing was changed:"),
                issues: error.issues
            )
        case let error as StoreError:
            // A rule the checks missed reaches the user as the field to fix, as on the command line.
            if let input = InputError(constraint: error) { return problem(for: input) }
            if error.code == .busy {
                return Problem(
                    status: .serviceUnavailable,
                    heading: LocalizedText("数据库正忙", en: "The database is busy"),
                    message: LocalizedText(error.message(in: .zhHans), en: error.message(in: .en)),
                    headers: [.retryAfter: "5"]
                )
            }
            return problem(for: PageProblem.internalFailure)
        case let error as HTTPError:
            if error.status == .notFound { return notFound }
            return Problem(
                status: error.status,
                heading: LocalizedText("请求未能完成", en: "Request not completed"),
                message: LocalizedText(
                    "请求未能完成(\(error.status.code))。",
                    en: "The request failed (\(error.status.code))."
                ),
                headers: error.headers
            )
        case let error as any UserFacingError:
            return Problem(
                status: .unprocessableContent,
                heading: LocalizedText("未能完成", en: "Not done"),
                message: LocalizedText(error.message(in: .zhHans), en: error.message(in: .en))
            )
        default:
            return Problem(
                status: .internalServerError,
                heading: LocalizedText("服务器内部错误", en: "Internal error"),
                message: LocalizedText(
                    "服务器内部错误,未做改动。请稍后重试或联系管理员。",
                    en: "Internal error; nothing was changed. Try again later or ask the administrator."
                )
            )
        }
    }

    private static var notFound: Problem {
        Problem(
            status: .notFound,
            heading: LocalizedText("没有这个页面", en: "Not found"),
            message: LocalizedText(
                "没有这个页面,或它不在您的工作范围内。",
                en: "No such page, or it is outside what you may see."
            )
        )
    }
}
