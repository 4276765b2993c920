extension EventType {
    /// A user's account was created.
    public static let accountCreated = EventType(rawValue: "account.created")
    /// An account was granted or lost a role, was disabled or enabled, got a new password, or was
    /// signed out everywhere.
    public static let accountChanged = EventType(rawValue: "account.changed")
    /// An API token was created.
    public static let tokenCreated = EventType(rawValue: "token.created")
    /// An API token was revoked.
    public static let tokenRevoked = EventType(rawValue: "token.revoked")
    /// A sign-in or a token was refused.
    public static let authFailed = EventType(rawValue: "auth.failed")
    /// Someone asked for an object outside their grants, or for a function their roles lack.
    public static let accessDenied = EventType(rawValue: "access.denied")
}

/// `account.created`: the account's id and its grants — never its login or display name, which
/// may be a person's name.
public struct AccountCreated: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.accountCreated
    public static let schemaVersion = 1
    /// The account.
    public var user: UserID
    /// Its grants.
    public var grants: [Grant]

    /// Describes `account`.
    public init(_ account: UserAccount) {
        user = account.id
        grants = account.grants
    }
}

/// `account.changed`: what changed of an account, by id.
public struct AccountChanged: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.accountChanged
    public static let schemaVersion = 1

    /// What changed.
    public enum Change: String, Hashable, Sendable, Codable {
        /// A role was granted (`grant`).
        case granted
        /// A role was taken away (`grant`).
        case revoked
        /// The account was switched off; its sessions ended.
        case disabled
        /// The account was switched back on.
        case enabled
        /// The password was changed; its sessions ended.
        case password
        /// Its sessions were ended everywhere.
        case signedOut
    }

    /// The account.
    public var user: UserID
    /// What changed.
    public var change: Change
    /// The grant given or taken, for `granted` and `revoked`.
    public var grant: Grant?

    /// Describes a change of `user`.
    public init(user: UserID, change: Change, grant: Grant? = nil) {
        self.user = user
        self.change = change
        self.grant = grant
    }
}

/// `token.created`: the token's id, grant and expiry — never its secret or hash.
public struct TokenCreated: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.tokenCreated
    public static let schemaVersion = 1
    /// The token.
    public var token: TokenID
    /// What it acts with.
    public var grant: Grant
    /// When it stops being accepted, in milliseconds since 1970 (UTC).
    public var expiresAtMs: Int64

    /// Describes `token`.
    public init(_ token: APIToken) {
        self.token = token.id
        grant = token.grant
        expiresAtMs = token.expiresAt.millisecondsSince1970
    }
}

/// `token.revoked`: which token.
public struct TokenRevoked: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.tokenRevoked
    public static let schemaVersion = 1
    /// The token.
    public var token: TokenID

    /// Describes the revocation of `token`.
    public init(token: TokenID) { self.token = token }
}

/// `auth.failed`: a refused sign-in or token — the account if one was named, and why. Never the
/// login typed (it may be a password typed in the wrong field), the password, or the address.
public struct AuthFailed: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.authFailed
    public static let schemaVersion = 1

    /// Why it was refused.
    public enum Reason: String, Hashable, Sendable, Codable {
        /// No account has the login given.
        case unknownAccount
        /// The password did not match.
        case wrongPassword
        /// The account is disabled.
        case disabled
        /// Too many failures: the sign-in was not tried.
        case throttled
        /// The token is expired or revoked.
        case invalidToken
        /// A check-in code matched no volunteer of the activity's station (`activity` names it).
        case wrongCheckInCode
        /// A resident's tracking code matched no request, or the phone's last four did not.
        case wrongTrackingCode
    }

    /// The account named, when one was.
    public var user: UserID?
    /// The token presented, when it was a known one.
    public var token: TokenID?
    /// The volunteer activity a self check-in was tried at, for a check-in code.
    public var activity: VolunteerActivityID?
    /// Why.
    public var reason: Reason

    /// Describes a refusal.
    public init(user: UserID? = nil, token: TokenID? = nil, activity: VolunteerActivityID? = nil, reason: Reason) {
        self.user = user
        self.token = token
        self.activity = activity
        self.reason = reason
    }
}

/// `access.denied`: who asked for what kind of object on which route — the route as the router
/// matched it (`/api/v1/clients/{id}`), never the URL with its values.
public struct AccessDenied: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.accessDenied
    public static let schemaVersion = 1
    /// The kind of object or function asked for: `client`, `serviceRecord`, `case`, `account` …
    public var kind: String
    /// The matched route, with its method: `GET /api/v1/clients/{id}`.
    public var route: String

    /// Describes a denial.
    public init(kind: String, route: String) {
        self.kind = kind
        self.route = route
    }
}
