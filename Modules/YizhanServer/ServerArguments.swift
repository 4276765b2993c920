/// Where and how the server listens.
public struct ServerArguments: Sendable {
    /// The PEM files of the server's own TLS: its certificate chain and its private key.
    public struct TLSFiles: Sendable {
        /// The certificate chain, leaf first.
        public var certificate: String
        /// The private key.
        public var key: String

        /// The files at these paths.
        public init(certificate: String, key: String) {
            self.certificate = certificate
            self.key = key
        }
    }

    /// The address to bind (`127.0.0.1` unless the operator opens it up).
    public var host: String
    /// The TCP port.
    public var port: Int
    /// TLS and proxies, as the router sees them.
    public var router: RouterSettings
    /// The server's own TLS, if it serves HTTPS itself (then `router.overTLS` holds).
    public var tls: TLSFiles?
    /// How many seconds a connection may stay idle before it is closed (against stalled clients).
    public var idleSeconds: Int64 = 30

    /// Arguments for `host`:`port`, over TLS with `tls`'s files when given.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        router: RouterSettings = RouterSettings(),
        tls: TLSFiles? = nil
    ) {
        self.host = host
        self.port = port
        self.router = router
        self.tls = tls
        if tls != nil { self.router.overTLS = true }
    }
}
