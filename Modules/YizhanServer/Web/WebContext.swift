public import Hummingbird
public import YizhanKernel

/// The context of a page for signed-in users: a request whose session cookie is valid, with its
/// account and session non-optional (anyone else is sent to the sign-in page first).
public struct WebContext: ChildRequestContext, ScopedRequestContext {
    /// Hummingbird's part of the context.
    public var coreContext: CoreRequestContextStorage
    /// Who is signed in, and the session.
    public let signedIn: SignedIn

    /// Form bodies larger than this are refused with 413 (ASVS 5.2.1).
    public var maxUploadSize: Int { 64 * 1024 }

    /// The page context of `context`, which must carry a session.
    ///
    /// - Throws: `PageProblem.signInFirst` without one.
    public init(context: AppRequestContext) throws {
        guard let signedIn = context.signedIn else { throw PageProblem.signInFirst }
        self.coreContext = context.coreContext
        self.signedIn = signedIn
    }

    /// What the signed-in account may do.
    public var principal: Principal { signedIn.principal }
}
