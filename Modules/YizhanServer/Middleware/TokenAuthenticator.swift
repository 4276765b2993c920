public import Hummingbird
public import HummingbirdAuth
public import YizhanKernel
public import YizhanRuntime

/// The only authenticator of `/api/v1`: an `Authorization: Bearer` token, looked up by its hash;
/// a missing, unknown, expired or revoked token is answered 401 alike. Cookies are never read
/// here, so the API needs no CSRF defence.
public struct TokenAuthenticator: AuthenticatorMiddleware {
    /// The context the middleware runs in.
    public typealias Context = AppRequestContext

    let accounts: AccountServices

    /// An authenticator over `accounts`.
    public init(accounts: AccountServices) { self.accounts = accounts }

    /// The token's principal.
    ///
    /// - Throws: `APIError.unauthenticated` without a valid token.
    public func authenticate(request: Request, context: Context) async throws -> Principal? {
        guard let bearer = request.headers.bearer, bearer.token.utf8.count <= 128,
            let principal = try await accounts.signIn.principal(token: bearer.token)
        else { throw APIError.unauthenticated }
        return principal
    }
}
