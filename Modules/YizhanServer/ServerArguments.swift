/// Where and how the server listens.
public struct ServerArguments: Sendable {
    /// The address to bind (`127.0.0.1` unless the operator opens it up).
    public var host: String
    /// The TCP port.
    public var port: Int
    /// TLS and proxies, as the router sees them.
    public var router: RouterSettings

    /// Arguments for `host`:`port`.
    public init(host: String = "127.0.0.1", port: Int = 8080, router: RouterSettings = RouterSettings()) {
        self.host = host
        self.port = port
        self.router = router
    }
}
