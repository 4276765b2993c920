public import Hummingbird
public import Logging

/// The server application on `arguments`' address: the router, connection limits against slow
/// clients, and graceful shutdown (requests in flight finish) from the service group it runs in.
public func buildApplication(
    _ arguments: ServerArguments,
    dependencies: ServerDependencies,
    logger: Logger
) throws -> some ApplicationProtocol {
    Application(
        router: try buildRouter(dependencies, settings: arguments.router),
        server: .http1(configuration: .init(idleTimeout: .seconds(30))),
        configuration: ApplicationConfiguration(
            address: .hostname(arguments.host, port: arguments.port),
            serverName: "yizhan-server",
            availableConnectionsDelegate: .maximum(256, logger: logger)
        ),
        logger: logger
    )
}
