public import Hummingbird
import YizhanKernel
public import YizhanRuntime

/// The only authenticator of the HTML pages: the session cookie, looked up by its hash in the store
/// (so any server process knows it). A bearer token is never read here, so pages and the API each
/// take one kind of credential. A request without a valid session goes on unauthenticated: the
/// sign-in page is for it, every other page sends it there (`WebContext`).
public struct SessionAuthenticator: RouterMiddleware {
    /// The context the middleware runs in.
    public typealias Context = AppRequestContext

    let accounts: AccountServices
    let cookies: SessionCookies

    /// An authenticator over `accounts`, reading `cookies`' session cookie.
    public init(accounts: AccountServices, cookies: SessionCookies) {
        self.accounts = accounts
        self.cookies = cookies
    }

    /// Passes `request` on with its session's account, if the cookie names a valid session.
    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let secret = SessionCookies.value(cookies.session, in: request),
            let (account, session) = try await accounts.signIn.session(secret: secret)
        {
            let signedIn = SignedIn(account: account, session: session)
            context.signedIn = signedIn
            context.identity = signedIn.principal
        }
        return try await next(request, context)
    }
}
