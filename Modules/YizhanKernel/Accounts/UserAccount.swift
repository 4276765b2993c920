public import Foundation

/// A user's account id: a UUIDv7, the only way events and logs name the user.
public typealias UserID = Identifier<UserAccount>

/// A person's account on the server: a login name, a name to show, a password hash and the roles
/// they hold (issue 23.2).
///
/// The login name and the display name may be a person's name, so neither is ever put in an event
/// or a log line; the id is. Every change that should end the user's sessions (a new password, a
/// disabling, a sign-out everywhere) raises `credentialsVersion`: a session is valid only at the
/// version it was started at.
public struct UserAccount: Hashable, Sendable, Codable, Identifiable {
    /// The account's id.
    public var id: UserID
    /// What the user types to sign in; unique in the store.
    public var login: LoginName
    /// The name shown on pages (a person's name: never in events or logs).
    public var displayName: String
    /// The password's hash (`PasswordHasher`'s bcrypt text of the keyed pre-hash).
    public var passwordHash: String
    /// The roles the user holds, each over a scope, in the order granted.
    public var grants: [Grant]
    /// Whether the account is switched off: it cannot sign in and its sessions are void.
    public var isDisabled: Bool
    /// Raised whenever the user's sessions must end.
    public var credentialsVersion: Int
    /// When the account was created.
    public var createdAt: Date

    /// Creates an account.
    public init(
        id: UserID = .generate(),
        login: LoginName,
        displayName: String,
        passwordHash: String,
        grants: [Grant],
        isDisabled: Bool = false,
        credentialsVersion: Int = 1,
        createdAt: Date
    ) {
        self.id = id
        self.login = login
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.grants = grants
        self.isDisabled = isDisabled
        self.credentialsVersion = credentialsVersion
        self.createdAt = Date(millisecondsSince1970: createdAt.millisecondsSince1970)
    }

    /// The actor events name when this user acts: `user:<id>`.
    public var actor: Actor { Actor(rawValue: "user:" + id.rawValue) }
}

/// A login name: 3–32 lower-case ASCII letters, digits, `.`, `_` or `-`, starting with a letter.
public struct LoginName: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The name's text.
    public let rawValue: String

    /// Validates `rawValue` (after lower-casing it).
    public init?(rawValue: String) {
        let text = rawValue.lowercased()
        guard (3...32).contains(text.utf8.count), let first = text.utf8.first, first >= 0x61, first <= 0x7A,
            text.utf8.allSatisfy({ byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x2E
                    || byte == 0x5F
            })
        else { return nil }
        self.rawValue = text
    }

    /// The name's text.
    public var description: String { rawValue }

    public static func < (lhs: LoginName, rhs: LoginName) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let name = LoginName(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "not a login name: \(text.count) characters"
            )
        }
        self = name
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
