public import Foundation

/// An API token's id: a UUIDv7, shown in lists and events (the secret never is).
public typealias TokenID = Identifier<APIToken>

/// A bearer token for `/api/v1`: random, kept only as its SHA-256, scoped by one grant, with an
/// expiry, revocable (issue 23.4).
public struct APIToken: Hashable, Sendable, Codable, Identifiable {
    /// The token's id.
    public var id: TokenID
    /// A label saying what the token is for (`县平台对接`), 1–32 characters.
    public var name: String
    /// SHA-256 of the secret, in lower-case hex.
    public var secretHash: String
    /// The role and scope the token acts with.
    public var grant: Grant
    /// The account that created it, if a user did (`nil`: the command line).
    public var createdBy: UserID?
    /// When it was created.
    public var createdAt: Date
    /// When it stops being accepted.
    public var expiresAt: Date
    /// When it was revoked, if it was.
    public var revokedAt: Date?

    /// Creates a token's record.
    public init(
        id: TokenID = .generate(),
        name: String,
        secretHash: String,
        grant: Grant,
        createdBy: UserID?,
        createdAt: Date,
        expiresAt: Date,
        revokedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.secretHash = secretHash
        self.grant = grant
        self.createdBy = createdBy
        self.createdAt = Date(millisecondsSince1970: createdAt.millisecondsSince1970)
        self.expiresAt = Date(millisecondsSince1970: expiresAt.millisecondsSince1970)
        self.revokedAt = revokedAt.map { Date(millisecondsSince1970: $0.millisecondsSince1970) }
    }

    /// Whether the token is accepted at `instant`: not revoked and not expired.
    public func isValid(at instant: Date) -> Bool { revokedAt == nil && instant < expiresAt }

    /// The actor events name when the token acts: `token:<id>`.
    public var actor: Actor { Actor(rawValue: "token:" + id.rawValue) }
}
