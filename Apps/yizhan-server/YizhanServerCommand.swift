import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import NIOCore
import Prometheus
import ServiceLifecycle
import UnixSignals
import YizhanBrands
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanRuntime
import YizhanServer

/// `yizhan-server`: serves a workspace's JSON API to many users at once, on the same use cases and
/// store as the command line.
@main
struct YizhanServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yizhan-server",
        abstract: "驿站服务器:多用户 JSON 接口 — Yizhan's multi-user server.",
        discussion: """
            /api/v1 下的接口只接受令牌(请求头 Authorization: Bearer 令牌,令牌由 yizhan token create
            建立),只答复令牌范围内的对象;范围外的对象答 404。接口文档在 /api/v1/openapi.json。
            网页(/login 登录)只认登录后的会话 Cookie,表单带 CSRF 令牌并核对来源。
            收到 SIGTERM 或 Ctrl-C 时,不再接受新连接,手头的请求答完后退出。
            /api/v1 takes only bearer tokens (yizhan token create) and answers only within the
            token's grant. The document is at /api/v1/openapi.json. The pages (/login) take only the
            session cookie; their forms carry a CSRF token and their origin is checked. On SIGTERM or Ctrl-C it stops
            accepting connections and exits once the requests in flight are answered.

            示例 / Examples:
              yizhan-server --workspace yizhan-demo
              yizhan-server --workspace /srv/yizhan --host 0.0.0.0 --port 8443 \\
                --tls-certificate /etc/yizhan/cert.pem --tls-key /etc/yizhan/key.pem
              yizhan-server --workspace /srv/yizhan --https-at-proxy --trusted-proxy 127.0.0.1   # nginx 在前
            """,
        version: "0.1.0"
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "监听地址 / address to bind") var host = "127.0.0.1"
    @Option(help: "监听端口 / port") var port = 8080
    @Option(
        name: .customLong("trusted-proxy"),
        help: "可信的反向代理地址,只信它转来的 X-Forwarded-For(可重复)/ a proxy whose X-Forwarded-For is believed (repeatable)"
    )
    var trustedProxies: [String] = []
    @Flag(
        name: .customLong("https-at-proxy"),
        help:
            "代理以 HTTPS 对外服务:Cookie 加 Secure 与 __Host- 前缀,并发送 HSTS / the proxy serves HTTPS: Secure __Host- cookies, HSTS"
    )
    var httpsAtProxy = false
    @Option(
        name: .customLong("tls-certificate"),
        help: "自行以 HTTPS 服务:证书链 PEM 文件(与 --tls-key 一起)/ serve HTTPS: the certificate chain (PEM)"
    )
    var tlsCertificate: String?
    @Option(name: .customLong("tls-key"), help: "私钥 PEM 文件 / the private key (PEM)")
    var tlsKey: String?

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port 应在 1–65535 之间 / 1 to 65535") }
        guard (tlsCertificate == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-certificate 与 --tls-key 须一起给出 / give both or neither")
        }
        for proxy in trustedProxies where (try? SocketAddress(ipAddress: proxy, port: 0)) == nil {
            throw ValidationError("--trusted-proxy “\(proxy)”不是 IP 地址(如 127.0.0.1)/ not an IP address")
        }
    }

    func run() async throws {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        var logger = Logger(label: "yizhan.server")
        logger.logLevel = .info
        try await options.withStore { workspace, store in
            let dependencies = ServerDependencies(
                store: store,
                accounts: try await workspace.accounts(for: store),
                vault: try await workspace.vault(for: store),
                home: workspace.file.county,
                plugins: try BrandCatalog.registry(for: workspace),
                reportConfig: try Self.reportConfig(
                    requests: try ShippedConfig.requestPolicy(enabledIn: workspace.file),
                    logger: logger
                ),
                ledgerHeaders: try? ShippedConfig.locate("config/ledgers/headers.yaml", option: "--headers"),
                approvalWorkflows: try ShippedConfig.approvalWorkflows(enabledIn: workspace.file),
                clock: workspace.clock,
                metrics: { String(decoding: registry.emitToBuffer(), as: UTF8.self) }
            )
            let app = try buildApplication(
                ServerArguments(
                    host: host,
                    port: port,
                    router: RouterSettings(overTLS: httpsAtProxy, trustedProxies: Set(trustedProxies)),
                    tls: tlsCertificate.flatMap { certificate in
                        tlsKey.map { ServerArguments.TLSFiles(certificate: certificate, key: $0) }
                    }
                ),
                dependencies: dependencies,
                logger: logger
            )
            let group = ServiceGroup(
                configuration: .init(
                    services: [.init(service: app)],
                    gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: logger
                )
            )
            logger.notice("server starting", metadata: ["address": "\(host):\(port)"])
            try await group.run()
            logger.notice("server stopped")
        }
    }

    /// The shipped standards and schemes the report routes name, and the workspace's request rules;
    /// without a `config/` folder near the server, the compliance and evaluation reports answer
    /// that none is loaded.
    static func reportConfig(requests: RequestPolicy, logger: Logger) throws -> ReportConfig {
        do {
            return ReportConfig(
                standards: try ShippedConfig.standards(id: nil, file: nil),
                schemes: try ShippedConfig.schemes(),
                requestPolicy: requests
            )
        } catch let error as RuntimeError {
            logger.warning(
                "no config/ folder: compliance and evaluation reports unavailable",
                metadata: ["error": "\(error.message(in: .en))"]
            )
            return ReportConfig(requestPolicy: requests)
        }
    }

}
