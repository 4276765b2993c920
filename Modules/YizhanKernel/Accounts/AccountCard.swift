public import Foundation

/// An account as a list or an answer shows it — never its password hash or credentials version.
/// `yizhan user … --json` and `/api/v1/users` both show accounts through this.
public struct AccountCard: Hashable, Sendable, Codable {
    /// The account id.
    public var id: String
    /// The login name.
    public var login: String
    /// The name shown on pages.
    public var displayName: String
    /// Its grants, as `role@scope`.
    public var grants: [String]
    /// Whether it is switched off.
    public var disabled: Bool
    /// When it was created.
    public var createdAt: Date

    /// The card of `account`.
    public init(_ account: UserAccount) {
        id = account.id.rawValue
        login = account.login.rawValue
        displayName = account.displayName
        grants = account.grants.map(\.description)
        disabled = account.isDisabled
        createdAt = account.createdAt
    }
}

/// An API token as a list or an answer shows it — never its secret or the secret's hash.
public struct TokenCard: Hashable, Sendable, Codable {
    /// The token id.
    public var id: String
    /// What it is for.
    public var name: String
    /// Its grant, as `role@scope`.
    public var grant: String
    /// When it was created.
    public var createdAt: Date
    /// When it stops working.
    public var expiresAt: Date
    /// When it was revoked, if it was.
    public var revokedAt: Date?

    /// The card of `token`.
    public init(_ token: APIToken) {
        id = token.id.rawValue
        name = token.name
        grant = token.grant.description
        createdAt = token.createdAt
        expiresAt = token.expiresAt
        revokedAt = token.revokedAt
    }
}

/// A token just created, with its secret: the only answer that ever holds the secret.
public struct IssuedToken: Hashable, Sendable, Codable {
    /// The token.
    public var token: TokenCard
    /// The secret to present as `Authorization: Bearer`, shown this once.
    public var secret: String

    /// The answer for `token` and its `secret`.
    public init(token: TokenCard, secret: String) {
        self.token = token
        self.secret = secret
    }
}
