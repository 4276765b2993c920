public import YizhanKernel

/// Who a browser's session cookie belongs to, found by `SessionAuthenticator`: the account as it is
/// now (grants changed since sign-in apply at once) and the session, whose CSRF secret forms carry.
public struct SignedIn: Sendable {
    /// The account.
    public let account: UserAccount
    /// The session the cookie names.
    public let session: AccessSession

    /// Creates the pair.
    public init(account: UserAccount, session: AccessSession) {
        self.account = account
        self.session = session
    }

    /// What the account may do.
    public var principal: Principal { Principal(account) }
}
