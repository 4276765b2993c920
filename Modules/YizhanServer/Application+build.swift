public import Hummingbird
import HummingbirdCore
import HummingbirdTLS
public import Logging
import NIOSSL
public import YizhanKernel

/// The server application on `arguments`' address: the router, connection limits against slow
/// clients, graceful shutdown (requests in flight finish) from the service group it runs in, and
/// HTTPS when `arguments.tls` names a certificate and a key.
///
/// - Throws: `ServerSetupError` when the certificate or key cannot be read.
public func buildApplication(
    _ arguments: ServerArguments,
    dependencies: ServerDependencies,
    logger: Logger
) throws -> some ApplicationProtocol {
    let http = HTTPServerBuilder.http1(configuration: .init(idleTimeout: .seconds(arguments.idleSeconds)))
    var server = http
    if let files = arguments.tls { server = try .tls(http, tlsConfiguration: try tlsConfiguration(files)) }
    return Application(
        router: try buildRouter(dependencies, settings: arguments.router),
        server: server,
        configuration: ApplicationConfiguration(
            address: .hostname(arguments.host, port: arguments.port),
            serverName: "yizhan-server",
            availableConnectionsDelegate: .maximum(256, logger: logger)
        ),
        logger: logger
    )
}

/// TLS 1.2 and later with the certificate chain and key in `files`.
private func tlsConfiguration(_ files: ServerArguments.TLSFiles) throws -> TLSConfiguration {
    let chain: [NIOSSLCertificate]
    let key: NIOSSLPrivateKey
    do { chain = try NIOSSLCertificate.fromPEMFile(files.certificate) } catch {
        throw ServerSetupError.unreadable(files.certificate, certificate: true)
    }
    do { key = try NIOSSLPrivateKey(file: files.key, format: .pem) } catch {
        throw ServerSetupError.unreadable(files.key, certificate: false)
    }
    guard !chain.isEmpty else { throw ServerSetupError.unreadable(files.certificate, certificate: true) }
    var configuration = TLSConfiguration.makeServerConfiguration(
        certificateChain: chain.map { .certificate($0) },
        privateKey: .privateKey(key)
    )
    configuration.minimumTLSVersion = .tlsv12
    return configuration
}

/// Why the server could not start.
public enum ServerSetupError: Error, UserFacingError {
    /// A TLS file that does not exist or is not PEM: the certificate or the private key.
    case unreadable(String, certificate: Bool)

    /// What went wrong and what to do, in `language`.
    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.unreadable(let path, let certificate), .zhHans):
            "无法读取 TLS \(certificate ? "证书" : "私钥"):\(path)(应为 PEM 文件;请检查路径与权限)"
        case (.unreadable(let path, let certificate), .en):
            "cannot read the TLS \(certificate ? "certificate" : "private key") \(path) (a PEM file; check the path and permissions)"
        }
    }
}
