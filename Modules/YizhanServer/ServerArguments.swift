/// Where and how the server listens.
public struct ServerArguments: Sendable {
    /// The address to bind (`127.0.0.1` unless the operator opens it up).
    public var host: String
    /// The TCP port.
    public var port: Int

    /// Arguments for `host`:`port`.
    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}
