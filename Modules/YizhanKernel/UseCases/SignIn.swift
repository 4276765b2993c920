public import Foundation

/// Checks a password against a stored hash, and spends the same time when there is no hash, so
/// that an unknown login cannot be told from a wrong password (`YizhanAccounts.PasswordHasher`).
public protocol PasswordVerifying: Sendable {
    /// Whether `password` matches `hash`.
    func verify(_ password: String, hash: String) async -> Bool
    /// Spends the time a verification takes, matching nothing.
    func verifyNothing(_ password: String) async
}

/// Makes the random secrets of sessions: the secret for the cookie and the hash the store keeps.
public protocol SecretMaking: Sendable {
    /// A new random 256-bit secret, as URL-safe text, and its SHA-256 in hex.
    func makeSecret() -> (secret: String, hash: String)
    /// The SHA-256 in hex of a secret presented.
    func hash(_ secret: String) -> String
}

/// Signing in, and finding who a session cookie or an API token belongs to (issue 23.4): one rule
/// for every server process, with the throttle, the sessions and the events in the store.
public struct SignIn: Sendable {
    let store: any StationStore
    let verifier: any PasswordVerifying
    let secrets: any SecretMaking
    /// The clock sign-ins and sessions are judged by.
    public let clock: WorkClock
    /// How many failures are allowed.
    public let throttle: LoginThrottle
    /// How long sessions last.
    public let sessions: SessionPolicy
    /// The unit `auth.failed` events are filed under when no account places them.
    let home: DivisionCode

    /// Creates the use case.
    public init(
        store: any StationStore,
        verifier: any PasswordVerifying,
        secrets: any SecretMaking,
        home: DivisionCode,
        throttle: LoginThrottle = LoginThrottle(),
        sessions: SessionPolicy = SessionPolicy(),
        clock: WorkClock = .system
    ) {
        self.store = store
        self.verifier = verifier
        self.secrets = secrets
        self.home = home
        self.throttle = throttle
        self.sessions = sessions
        self.clock = clock
    }

    /// What came of a sign-in.
    public enum Outcome: Sendable {
        /// Signed in: the cookie's secret (shown to the browser only), the account and the session.
        case signedIn(secret: String, account: UserAccount, session: AccessSession)
        /// Refused: wrong login or password, or a disabled account (the same answer for each).
        case refused
        /// Too many failures: try again after `retryAfter`.
        case throttled(retryAfter: Date)
    }

    /// Signs in as `login` with `password`, from the address whose keyed digest is `addressDigest`.
    public func signIn(login: String, password: String, addressDigest: String) async throws -> Outcome {
        let instant = clock.now()
        let since = instant.addingTimeInterval(-throttle.window)
        var account: UserAccount?
        if let name = LoginName(rawValue: login.trimmingWhitespace()) { account = try await store.account(login: name) }
        let address = LoginThrottle.subject(addressDigest: addressDigest)
        var waits: [Date] = []
        let fromAddress = try await store.loginFailures(subject: address, since: since)
        if fromAddress.count >= throttle.perAddress {
            waits.append(fromAddress[fromAddress.count - throttle.perAddress])
        }
        if let account {
            let ofAccount = try await store.loginFailures(
                subject: LoginThrottle.subject(account: account.id),
                since: since
            )
            if ofAccount.count >= throttle.perAccount { waits.append(ofAccount[ofAccount.count - throttle.perAccount]) }
        }
        if let oldest = waits.max() {
            try await fail(account, .throttled, counting: [], at: instant)
            return .throttled(retryAfter: oldest.addingTimeInterval(throttle.window))
        }
        guard let account else {
            await verifier.verifyNothing(password)
            try await fail(nil, .unknownAccount, counting: [address], at: instant)
            return .refused
        }
        let matches = await verifier.verify(password, hash: account.passwordHash)
        guard matches, !account.isDisabled else {
            let reason: AuthFailed.Reason = matches ? .disabled : .wrongPassword
            try await fail(
                account,
                reason,
                counting: [address, LoginThrottle.subject(account: account.id)],
                at: instant
            )
            return .refused
        }
        try await store.clearLoginFailures(subject: LoginThrottle.subject(account: account.id))
        let (secret, hash) = secrets.makeSecret()
        let session = AccessSession(
            secretHash: hash,
            user: account.id,
            credentialsVersion: account.credentialsVersion,
            csrfSecret: secrets.makeSecret().secret,
            startedAt: instant,
            lastSeenAt: instant
        )
        try await store.startSession(session, droppingBefore: instant.addingTimeInterval(-sessions.absolute))
        return .signedIn(secret: secret, account: account, session: session)
    }

    /// The account and session a cookie's `secret` belongs to, if still valid; touches the session
    /// (at most once per `SessionPolicy.touchInterval`).
    public func session(secret: String) async throws -> (UserAccount, AccessSession)? {
        let hash = secrets.hash(secret)
        guard var session = try await store.session(secretHash: hash),
            let account = try await store.account(session.user)
        else { return nil }
        let instant = clock.now()
        guard sessions.isValid(session, of: account, at: instant) else {
            try await store.endSession(secretHash: hash)
            return nil
        }
        if instant.timeIntervalSince(session.lastSeenAt) >= sessions.touchInterval {
            try await store.touchSession(secretHash: hash, at: instant)
            session.lastSeenAt = Date(millisecondsSince1970: instant.millisecondsSince1970)
        }
        return (account, session)
    }

    /// Ends the session of a cookie's `secret` (sign-out).
    public func signOut(secret: String) async throws {
        try await store.endSession(secretHash: secrets.hash(secret))
    }

    /// The principal an API token's `secret` acts as, if the token is valid now. A known token that
    /// expired or was revoked is refused with `auth.failed`.
    public func principal(token secret: String) async throws -> Principal? {
        guard let token = try await store.apiToken(secretHash: secrets.hash(secret)) else { return nil }
        let instant = clock.now()
        guard token.isValid(at: instant) else {
            let event = DomainEvent(
                AuthFailed(token: token.id, reason: .invalidToken),
                orgUnit: home,
                station: nil,
                actor: token.actor,
                at: instant
            )
            try await store.commit(ChangeSet(events: [event]))
            return nil
        }
        return Principal(token)
    }

    private func fail(
        _ account: UserAccount?,
        _ reason: AuthFailed.Reason,
        counting subjects: [String],
        at instant: Date
    )
        async throws
    {
        let event = DomainEvent(
            AuthFailed(user: account?.id, reason: reason),
            orgUnit: home,
            station: nil,
            actor: account?.actor ?? Actor(rawValue: "anonymous"),
            at: instant
        )
        try await store.recordLoginFailures(
            subjects.map { LoginFailure(subject: $0, at: instant) },
            event: event,
            forgetBefore: instant.addingTimeInterval(-24 * 60 * 60)
        )
    }
}
