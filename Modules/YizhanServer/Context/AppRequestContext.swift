public import Foundation
public import Hummingbird
public import HummingbirdAuth
public import NIOCore
import Synchronization
public import YizhanKernel

/// The context of every request: who is asking (once authenticated), where from, and what the
/// request log should say about it.
public struct AppRequestContext: AuthRequestContext, RemoteAddressRequestContext, RequestContext {
    /// Hummingbird's part of the context.
    public var coreContext: CoreRequestContextStorage
    /// The principal a bearer token acts as (`TokenAuthenticator`), or a session's account
    /// (`SessionAuthenticator`).
    public var identity: Principal? {
        didSet { trail.actor = identity?.actor }
    }
    /// The account and session a page's cookie names, set by `SessionAuthenticator`.
    public var signedIn: SignedIn?
    /// The connected peer (a proxy's address when behind one).
    public let remoteAddress: SocketAddress?
    /// Shared with the copies of this context further in, so the log names the user.
    public let trail: RequestTrail

    /// Bodies larger than this are refused with 413 (ASVS 5.2.1): no route needs more.
    public var maxUploadSize: Int { 64 * 1024 }

    /// JSON with sorted keys and ISO 8601 instants: the same answer reads the same every time.
    public var responseEncoder: JSONEncoder { .api }

    /// A context for a request arriving on `source`'s channel.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.signedIn = nil
        self.remoteAddress = source.channel.remoteAddress
        self.trail = RequestTrail()
    }
}

/// What inner middleware and handlers learn about a request that the outer request log reports.
public final class RequestTrail: Sendable {
    private let state = Mutex<Actor?>(nil)

    /// Creates an empty trail.
    public init() {}

    /// The actor the request was authenticated as, if any.
    public var actor: Actor? {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }
}
