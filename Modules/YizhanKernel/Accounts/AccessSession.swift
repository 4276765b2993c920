public import Foundation

/// A signed-in browser session, kept in the store so that any server process answers it (issue
/// 23.4, 23.7). The cookie holds a random 256-bit secret; the store keeps only its SHA-256.
public struct AccessSession: Hashable, Sendable, Codable {
    /// SHA-256 of the cookie's secret, in lower-case hex: the session's key.
    public var secretHash: String
    /// Whose session it is.
    public var user: UserID
    /// The user's `credentialsVersion` when it started: a later version voids it.
    public var credentialsVersion: Int
    /// The secret the session's forms carry against cross-site requests (CSRF).
    public var csrfSecret: String
    /// When it started; it ends `SessionPolicy.absolute` later whatever happens.
    public var startedAt: Date
    /// When it was last used; it ends `SessionPolicy.idle` after that.
    public var lastSeenAt: Date

    /// Creates a session.
    public init(
        secretHash: String,
        user: UserID,
        credentialsVersion: Int,
        csrfSecret: String,
        startedAt: Date,
        lastSeenAt: Date
    ) {
        self.secretHash = secretHash
        self.user = user
        self.credentialsVersion = credentialsVersion
        self.csrfSecret = csrfSecret
        self.startedAt = Date(millisecondsSince1970: startedAt.millisecondsSince1970)
        self.lastSeenAt = Date(millisecondsSince1970: lastSeenAt.millisecondsSince1970)
    }
}

/// How long sessions last (ASVS 7.3): 30 minutes idle, 12 hours in all.
public struct SessionPolicy: Hashable, Sendable {
    /// How long a session may go unused.
    public var idle: TimeInterval
    /// How long a session lasts from sign-in, used or not.
    public var absolute: TimeInterval
    /// How often, at most, a request moves `lastSeenAt` (fewer writes under load).
    public var touchInterval: TimeInterval

    /// Creates a policy.
    public init(idle: TimeInterval = 30 * 60, absolute: TimeInterval = 12 * 60 * 60, touchInterval: TimeInterval = 60) {
        self.idle = idle
        self.absolute = absolute
        self.touchInterval = touchInterval
    }

    /// Whether `session` of `account` is still valid at `instant`.
    public func isValid(_ session: AccessSession, of account: UserAccount, at instant: Date) -> Bool {
        !account.isDisabled && account.id == session.user
            && account.credentialsVersion == session.credentialsVersion
            && instant < session.startedAt.addingTimeInterval(absolute)
            && instant < session.lastSeenAt.addingTimeInterval(idle)
    }
}
