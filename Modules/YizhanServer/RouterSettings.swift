/// How the router is to treat what reaches it: whether it is served over TLS (cookie names and
/// attributes, HSTS) and which proxies' `X-Forwarded-For` it believes.
public struct RouterSettings: Sendable {
    /// Whether the server is reached over TLS (its own, or a proxy's that forwards to it).
    public var overTLS: Bool
    /// The proxies whose `X-Forwarded-For` names the client.
    public var trustedProxies: Set<String>

    /// Settings for a server served over TLS or not, behind `trustedProxies`.
    public init(overTLS: Bool = false, trustedProxies: Set<String> = []) {
        self.overTLS = overTLS
        self.trustedProxies = trustedProxies
    }
}
