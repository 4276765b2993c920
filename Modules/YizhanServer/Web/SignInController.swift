import Foundation
public import Hummingbird
import YizhanAccounts
import YizhanKernel
public import YizhanRuntime

/// Signing in and out of the pages (issue 23.4): the sign-in form, its post (throttled per account
/// and per address, in the store), and sign-out. The form is guarded against cross-site posts by
/// the Origin check and a nonce kept in a cookie of its own that the form must echo.
public struct SignInController: Sendable {
    let accounts: AccountServices
    let pages: WebPages
    let cookies: SessionCookies
    let addresses: ClientAddress

    /// The controller.
    public init(accounts: AccountServices, pages: WebPages, cookies: SessionCookies, addresses: ClientAddress) {
        self.accounts = accounts
        self.pages = pages
        self.cookies = cookies
        self.addresses = addresses
    }

    /// Adds `GET /login` and `POST /login` to `group` (any visitor) and `POST /logout` to `signedIn`.
    public func addRoutes(to group: RouterGroup<AppRequestContext>, signedIn: RouterGroup<WebContext>) {
        group.get("login", use: form)
        group.post("login", use: signIn)
        signedIn.post("logout", use: signOut)
    }

    /// What the sign-in form posts.
    struct SignInForm: Decodable {
        let login: String
        let password: String
        let csrf: String
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        if context.signedIn != nil { return Response(status: .seeOther, headers: [.location: "/"]) }
        return try formPage(request, login: "", message: nil, status: .ok)
    }

    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(SignInForm.self, from: request, context: context)
        guard let nonce = SessionCookies.value(cookies.signInForm, in: request), ConstantTime.equal(form.csrf, nonce)
        else { throw PageProblem.forgedRequest }
        let address = addresses.of(request, peer: context.remoteAddress)
        let outcome = try await accounts.signIn.signIn(
            login: form.login,
            password: form.password,
            addressDigest: accounts.secrets.addressDigest(address)
        )
        switch outcome {
        case .signedIn(let secret, _, _):
            // A session the browser already had is ended, so that a planted cookie cannot ride a sign-in.
            if let previous = SessionCookies.value(cookies.session, in: request) {
                try await accounts.signIn.signOut(secret: previous)
            }
            var response = Response(status: .seeOther, headers: [.location: "/"])
            response.setCookie(cookies.session(secret))
            response.setCookie(cookies.clearing(cookies.signInForm))
            return response
        case .refused:
            return try formPage(
                request,
                login: form.login,
                message: LocalizedText("登录名或密码不正确。", en: "Wrong login or password."),
                status: .unauthorized
            )
        case .throttled(let retryAfter):
            let seconds = max(1, Int(retryAfter.timeIntervalSince(accounts.signIn.clock.now()).rounded(.up)))
            var response = try formPage(
                request,
                login: form.login,
                message: LocalizedText(
                    "登录失败次数过多,请 \((seconds + 59) / 60) 分钟后再试。",
                    en: "Too many failed sign-ins: try again in \((seconds + 59) / 60) minutes."
                ),
                status: .tooManyRequests
            )
            response.headers[.retryAfter] = "\(seconds)"
            return response
        }
    }

    @Sendable func signOut(_ request: Request, context: WebContext) async throws -> Response {
        if let secret = SessionCookies.value(cookies.session, in: request) {
            try await accounts.signIn.signOut(secret: secret)
        }
        var response = Response(status: .seeOther, headers: [.location: "/login"])
        response.setCookie(cookies.clearing(cookies.session))
        return response
    }

    /// The sign-in form, with the nonce its post must echo (the browser's, or a new one).
    private func formPage(
        _ request: Request,
        login: String,
        message: LocalizedText?,
        status: HTTPResponse.Status
    ) throws -> Response {
        let existing = SessionCookies.value(cookies.signInForm, in: request)
        let nonce = existing ?? accounts.secrets.makeSecret().secret
        var values: [String: Any] = ["csrf": nonce, "login": String(login.prefix(32))]
        if let message { values["message"] = message.text(in: PageLanguage.of(request)) }
        var response = try pages.page("login", values, for: request, status: status)
        if existing == nil { response.setCookie(cookies.signInForm(nonce)) }
        return response
    }
}
