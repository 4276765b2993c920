/// Who is asking, as the server knows them after authentication: a user's account or an API
/// token, with the grants they act under.
///
/// Every object a request reaches is checked here, against the station it belongs to; the server
/// answers 404 for one outside (issue 23.3).
public struct Principal: Hashable, Sendable {
    /// The actor events name: `user:<id>` or `token:<id>`.
    public var actor: Actor
    /// The user's account id (`nil` for a token).
    public var user: UserID?
    /// The grants held.
    public var grants: [Grant]

    /// Creates a principal.
    public init(actor: Actor, user: UserID?, grants: [Grant]) {
        self.actor = actor
        self.user = user
        self.grants = grants
    }

    /// The principal of a signed-in user.
    public init(_ account: UserAccount) {
        self.init(actor: account.actor, user: account.id, grants: account.grants)
    }

    /// The principal of a token.
    public init(_ token: APIToken) {
        self.init(actor: token.actor, user: nil, grants: [token.grant])
    }

    /// Whether some grant allows `permission` at `station`.
    public func may(_ permission: Permission, at station: Station) -> Bool {
        grants.contains { $0.allows(permission, at: station) }
    }

    /// Whether some grant allows `permission` anywhere.
    public func mayAnywhere(_ permission: Permission) -> Bool {
        grants.contains { $0.role.permissions.contains(permission) }
    }

    /// The scopes in which `permission` is allowed, one per grant that allows it.
    public func scopes(for permission: Permission) -> [Scope] {
        grants.filter { $0.role.permissions.contains(permission) }.map(\.scope)
    }
}
