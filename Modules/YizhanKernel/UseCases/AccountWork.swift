public import Foundation

/// Accounts and tokens: creating them, granting and revoking roles, new passwords, disabling,
/// signing out everywhere — each change one transaction with its event (issue 23.2).
///
/// The operator at the shell (`Authority.operator`) may do all of it; a signed-in user only within
/// the grants that let them manage accounts, and never giving more than they hold: the role given
/// must allow nothing their own role does not, over a scope inside theirs. An account or token
/// outside their reach is answered as not found (`AccessRefusal`), as if it did not exist.
public struct AccountWork: Sendable {
    let store: any StationStore
    let clock: WorkClock
    /// The unit events name when an account has no grant to place it (the workspace's top unit).
    let home: DivisionCode

    /// Who changes accounts: the operator at the shell, or a signed-in principal.
    public enum Authority: Sendable {
        /// The operating-system account at the shell: every power, named as the actor.
        case `operator`(Actor)
        /// A user or token, within its grants.
        case principal(Principal)

        var actor: Actor {
            switch self {
            case .operator(let actor): actor
            case .principal(let principal): principal.actor
            }
        }
    }

    /// Creates the use case; `home` is the unit events of accounts without grants are filed under.
    public init(store: any StationStore, home: DivisionCode, clock: WorkClock = .system) {
        self.store = store
        self.home = home
        self.clock = clock
    }

    /// Creates an account with `grants`.
    ///
    /// - Parameter passwordHash: the hash of a password `PasswordHasher` accepted.
    /// - Throws: `InputError` for a bad login or display name, a login taken, or a grant refused;
    ///   `AccessRefusal` when `authority` may not manage accounts at all.
    @discardableResult
    public func create(
        login: String,
        displayName: String,
        passwordHash: String,
        grants: [Grant],
        by authority: Authority
    ) async throws -> UserAccount {
        var check = FieldCheck()
        let name = LoginName(rawValue: login.trimmingWhitespace())
        if name == nil {
            check.refuse(
                .invalidFormat,
                "login",
                login,
                "3–32 个小写字母、数字、“.”“_”“-”,以字母开头",
                "3 to 32 lower-case letters, digits, '.', '_' or '-', starting with a letter"
            )
        }
        let shown = check.text(displayName, field: "display-name", limit: 32, "显示名", "display name")
        if let shown { check.freeText(shown, field: "display-name") }
        if grants.isEmpty {
            check.refuse(.missing, "grant", "", "至少一项角色与范围", "at least one role over a scope")
        }
        var townships: [DivisionCode] = []
        for grant in grants {
            if let unit = try await authorise(grant, by: authority, into: &check, forPeople: true) {
                townships.append(unit)
            }
        }
        if let name, try await store.account(login: name) != nil {
            check.refuse(.conflict, "login", name.rawValue, "未被占用的登录名", "a login name no account uses")
        }
        guard check.issues.isEmpty, let name, let shown else { throw InputError(issues: check.issues) }
        let instant = clock.now()
        let account = UserAccount(
            login: name,
            displayName: shown,
            passwordHash: passwordHash,
            grants: Self.unique(grants),
            createdAt: instant
        )
        let event = DomainEvent(
            AccountCreated(account),
            orgUnit: townships.first ?? home,
            station: nil,
            actor: authority.actor,
            at: instant
        )
        try await store.commit(ChangeSet(writes: [.account(account)], events: [event]))
        return account
    }

    /// Gives `grant` to the account `user`.
    @discardableResult
    public func grant(_ grant: Grant, to user: UserID, by authority: Authority) async throws -> UserAccount {
        var account = try await reachable(user, by: authority)
        var check = FieldCheck()
        let unit = try await authorise(grant, by: authority, into: &check, forPeople: true)
        guard check.issues.isEmpty, let unit else { throw InputError(issues: check.issues) }
        guard !account.grants.contains(grant) else { return account }
        account.grants.append(grant)
        return try await save(account, .granted, grant: grant, unit: unit, by: authority)
    }

    /// Takes `grant` away from the account `user`; its last grant cannot be taken (disable it).
    @discardableResult
    public func revoke(_ grant: Grant, from user: UserID, by authority: Authority) async throws -> UserAccount {
        var account = try await reachable(user, by: authority)
        var check = FieldCheck()
        if !account.grants.contains(grant) {
            check.refuse(
                .unknownReference,
                "grant",
                grant.description,
                "该账号持有的角色:" + account.grants.map(\.description).joined(separator: "、"),
                "a grant the account holds: " + account.grants.map(\.description).joined(separator: ", ")
            )
        } else if account.grants.count == 1 {
            check.refuse(
                .conflict,
                "grant",
                grant.description,
                "账号至少保留一项角色;要停用账号请用 disable",
                "an account keeps one grant at least; to switch it off use disable"
            )
        }
        guard check.issues.isEmpty else { throw InputError(issues: check.issues) }
        let unit = try await township(of: grant.scope) ?? home
        account.grants.removeAll { $0 == grant }
        return try await save(account, .revoked, grant: grant, unit: unit, by: authority)
    }

    /// Replaces the password of `user` by `passwordHash` and ends all of its sessions.
    @discardableResult
    public func setPassword(
        hash passwordHash: String,
        of user: UserID,
        by authority: Authority
    ) async throws
        -> UserAccount
    {
        var account = try await reachable(user, by: authority, allowingSelf: true)
        account.passwordHash = passwordHash
        account.credentialsVersion += 1
        return try await save(account, .password, unit: try await unit(of: account), by: authority)
    }

    /// Switches the account off (`disabled`) or on again; switching off ends its sessions.
    @discardableResult
    public func setDisabled(_ disabled: Bool, _ user: UserID, by authority: Authority) async throws -> UserAccount {
        var account = try await reachable(user, by: authority)
        guard account.isDisabled != disabled else { return account }
        account.isDisabled = disabled
        if disabled { account.credentialsVersion += 1 }
        return try await save(
            account,
            disabled ? .disabled : .enabled,
            unit: try await unit(of: account),
            by: authority
        )
    }

    /// Ends every session of `user`, in every browser and every server process.
    @discardableResult
    public func signOutEverywhere(_ user: UserID, by authority: Authority) async throws -> UserAccount {
        var account = try await reachable(user, by: authority, allowingSelf: true)
        account.credentialsVersion += 1
        return try await save(account, .signedOut, unit: try await unit(of: account), by: authority)
    }

    /// The accounts `authority` may manage, ordered by login.
    public func accounts(by authority: Authority) async throws -> [UserAccount] {
        var reachable: [UserAccount] = []
        for account in try await store.accounts() where try await mayManage(account, by: authority) {
            reachable.append(account)
        }
        return reachable
    }

    /// Creates an API token acting with `grant` until `expiresAt`.
    ///
    /// - Parameter secretHash: the SHA-256 of the secret shown once to whoever asked for it.
    @discardableResult
    public func createToken(
        name: String,
        secretHash: String,
        grant: Grant,
        expiresAt: Date,
        by authority: Authority
    ) async throws -> APIToken {
        var check = FieldCheck()
        let label = check.text(name, field: "name", limit: 32, "令牌用途", "token label")
        if let label { check.freeText(label, field: "name") }
        let unit = try await authorise(grant, by: authority, into: &check, forPeople: false)
        let instant = clock.now()
        let longest: TimeInterval = 366 * 24 * 60 * 60
        if expiresAt <= instant || expiresAt > instant.addingTimeInterval(longest) {
            check.refuse(.outOfRange, "expires", "", "1 天至 366 天内的到期时间", "an expiry within 1 to 366 days")
        }
        guard check.issues.isEmpty, let label, let unit else { throw InputError(issues: check.issues) }
        let creator: UserID? = if case .principal(let principal) = authority { principal.user } else { nil }
        let token = APIToken(
            name: label,
            secretHash: secretHash,
            grant: grant,
            createdBy: creator,
            createdAt: instant,
            expiresAt: expiresAt
        )
        let event = DomainEvent(TokenCreated(token), orgUnit: unit, station: nil, actor: authority.actor, at: instant)
        try await store.commit(ChangeSet(writes: [.apiToken(token)], events: [event]))
        return token
    }

    /// Revokes the token `id`; it is refused from the next request on.
    @discardableResult
    public func revokeToken(_ id: TokenID, by authority: Authority) async throws -> APIToken {
        guard var token = try await store.apiToken(id), try await mayManage(token.grant, by: authority) else {
            throw AccessRefusal(kind: "token")
        }
        guard token.revokedAt == nil else { return token }
        let instant = clock.now()
        token.revokedAt = Date(millisecondsSince1970: instant.millisecondsSince1970)
        let unit = try await township(of: token.grant.scope) ?? home
        let event = DomainEvent(
            TokenRevoked(token: id),
            orgUnit: unit,
            station: nil,
            actor: authority.actor,
            at: instant
        )
        try await store.commit(ChangeSet(writes: [.apiToken(token)], events: [event]))
        return token
    }

    /// The tokens `authority` may manage, newest first.
    public func tokens(by authority: Authority) async throws -> [APIToken] {
        var reachable: [APIToken] = []
        for token in try await store.apiTokens() where try await mayManage(token.grant, by: authority) {
            reachable.append(token)
        }
        return reachable
    }

    // MARK: - The rules

    /// Checks that `authority` may give `grant`, collecting refusals; returns the unit the grant's
    /// scope lies in.
    private func authorise(
        _ grant: Grant,
        by authority: Authority,
        into check: inout FieldCheck,
        forPeople: Bool
    ) async throws -> DivisionCode? {
        if forPeople && !grant.role.isForPeople {
            check.refuse(
                .invalidFormat,
                "grant",
                grant.description,
                "socialWorker、stationHead、countyAdmin 或 viewer(system 只用于令牌)",
                "socialWorker, stationHead, countyAdmin or viewer (system is for tokens only)"
            )
            return nil
        }
        guard let unit = try await township(of: grant.scope) else {
            check.refuse(
                .unknownReference,
                "grant",
                grant.description,
                "已登记的社工站标识或行政区划代码",
                "a registered station id or division code"
            )
            return nil
        }
        if case .principal(let principal) = authority, !(try await holds(grant, principal)) {
            check.refuse(
                .outOfRange,
                "grant",
                grant.description,
                "不超过本人所持的角色与范围(" + principal.grants.map(\.description).joined(separator: "、") + ")",
                "no more than the grants held (" + principal.grants.map(\.description).joined(separator: ", ") + ")"
            )
        }
        return unit
    }

    /// Whether one of `principal`'s account-managing grants covers `grant`: a scope inside its own,
    /// and a role that allows nothing it does not.
    private func holds(_ grant: Grant, _ principal: Principal) async throws -> Bool {
        for held in principal.grants where held.role.permissions.contains(.manageAccounts) {
            guard grant.role.permissions.isSubset(of: held.role.permissions) else { continue }
            if try await held.scope.covers(grant.scope, station: store.station) { return true }
        }
        return false
    }

    private func mayManage(_ grant: Grant, by authority: Authority) async throws -> Bool {
        guard case .principal(let principal) = authority else { return true }
        return try await holds(grant, principal)
    }

    /// Whether `authority` may manage `account`: every grant it holds is one the principal could give.
    private func mayManage(_ account: UserAccount, by authority: Authority) async throws -> Bool {
        for grant in account.grants where !(try await mayManage(grant, by: authority)) { return false }
        return true
    }

    /// The account `user`, if `authority` may manage it (or it is the principal's own, where
    /// `allowingSelf`); otherwise an `AccessRefusal`, as if it did not exist.
    private func reachable(
        _ user: UserID,
        by authority: Authority,
        allowingSelf: Bool = false
    ) async throws
        -> UserAccount
    {
        guard let account = try await store.account(user) else { throw AccessRefusal(kind: "account") }
        if allowingSelf, case .principal(let principal) = authority, principal.user == user { return account }
        guard try await mayManage(account, by: authority) else { throw AccessRefusal(kind: "account") }
        return account
    }

    private func township(of scope: Scope) async throws -> DivisionCode? {
        switch scope {
        case .all: nil
        case .station(let id): try await store.station(id)?.orgUnit
        case .within(let code): try await store.orgUnit(code) == nil ? nil : code
        }
    }

    private func unit(of account: UserAccount) async throws -> DivisionCode {
        guard let first = account.grants.first else { return home }
        return try await township(of: first.scope) ?? home
    }

    private func save(
        _ account: UserAccount,
        _ change: AccountChanged.Change,
        grant: Grant? = nil,
        unit: DivisionCode,
        by authority: Authority
    ) async throws -> UserAccount {
        let event = DomainEvent(
            AccountChanged(user: account.id, change: change, grant: grant),
            orgUnit: unit,
            station: nil,
            actor: authority.actor,
            at: clock.now()
        )
        try await store.commit(ChangeSet(writes: [.account(account)], events: [event]))
        return account
    }

    private static func unique(_ grants: [Grant]) -> [Grant] {
        var seen: Set<Grant> = []
        return grants.filter { seen.insert($0).inserted }
    }
}

/// An object asked for that lies outside the asker's grants, or does not exist: the two are
/// answered alike (404), so that what exists elsewhere is not revealed (issue 23.3).
public struct AccessRefusal: Error, Hashable, Sendable, UserFacingError {
    /// The kind of object asked for: `client`, `serviceRecord`, `account` …
    public var kind: String
    /// Whether its `access.denied` event is committed already (`ObjectAccess.deny`); a server
    /// records the others before answering, so that every refusal leaves one event.
    public var isRecorded: Bool

    /// Creates a refusal, recorded or not yet.
    public init(kind: String, isRecorded: Bool = false) {
        self.kind = kind
        self.isRecorded = isRecorded
    }

    /// `未找到该账号` in the reader's language.
    public func message(in language: Language) -> String {
        language == .zhHans ? "未找到(\(kind)),或不在您的权限范围内" : "not found (\(kind)), or outside your grants"
    }
}
