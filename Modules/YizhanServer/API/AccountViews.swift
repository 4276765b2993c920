public import Hummingbird
public import YizhanKernel

extension AccountCard: ResponseEncodable {}
extension TokenCard: ResponseEncodable {}
extension IssuedToken: ResponseEncodable {}

/// The accounts the caller may manage.
public struct UserList: ResponseEncodable, Decodable, Sendable {
    /// The accounts, by login.
    public var users: [AccountCard]
}

/// The tokens the caller may manage.
public struct TokenList: ResponseEncodable, Decodable, Sendable {
    /// The tokens.
    public var tokens: [TokenCard]
}

/// An account as `POST /api/v1/users` takes it: the same fields as `yizhan user add`.
public struct UserInput: Decodable, Sendable {
    /// The login name: 3–32 lower-case letters, digits, `.`, `_`, `-`.
    public var login: String
    /// The name shown on pages.
    public var displayName: String
    /// The first password, 8–128 characters; hand it over by a safe channel.
    public var password: String
    /// Its grants, `role@scope` each (`socialWorker@baibu`).
    public var grants: [String]
}

/// A grant to give or take away: `{"grant": "socialWorker@baibu"}`.
public struct GrantInput: Decodable, Sendable {
    /// The grant, `role@scope`.
    public var grant: String
}

/// A new password: `{"password": "…"}`; every session of the account ends.
public struct PasswordInput: Decodable, Sendable {
    /// The password, 8–128 characters.
    public var password: String
}

/// A token as `POST /api/v1/tokens` takes it: the same fields as `yizhan token create`.
public struct TokenInput: Decodable, Sendable {
    /// What it is for (shown in lists).
    public var name: String
    /// Its grant, `role@scope`.
    public var grant: String
    /// Days until it expires, 1–366 (90 if not given).
    public var days: Int?
}
