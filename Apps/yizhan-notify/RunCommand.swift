import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import UnixSignals
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanRuntime
import YizhanWebhooks

/// `yizhan-notify run`: the delivery daemon, or one pass with `--once`.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "推送事件(常驻;--once 推送一轮后退出) / deliver events (a daemon; --once for cron)",
        discussion: """
            常驻时收到 SIGTERM 或 Ctrl-C:手头这一批送完并记录后退出;被强行终止(SIGKILL)时,未记录结果的
            推送在租约(--lease)到期后重发,不会丢失。多个进程可共用一个数据库。
            On SIGTERM or Ctrl-C the batch in flight is finished and recorded, then it exits; after a
            SIGKILL, deliveries without a recorded outcome are sent again once their lease expires. Several
            processes may share one database.

            示例 / Examples:
              yizhan-notify run --metrics-file /var/lib/node_exporter/yizhan.prom
              yizhan-notify run --once --json
            """
    )

    @OptionGroup var options: NotifyOptions

    @Flag(help: "只推送当前到期的事件,然后退出 / deliver what is due now, then exit")
    var once = false

    @Option(help: "每批读取和推送的条数 / events per batch")
    var batchSize = 100

    @Option(help: "认领租约秒数:进程中断后多久由别的进程接手 / seconds a claim holds")
    var lease: Double = 60

    @Option(help: "单次请求超时秒数 / seconds a request may take")
    var timeout: Double = 10

    @Option(help: "空闲时查看事件日志的间隔(毫秒) / poll interval when idle, in ms")
    var pollMs = 100

    @Option(help: "失败后首次重试的等待秒数(其后按 2 倍递增,带随机抖动) / first retry wait in seconds")
    var retryBase: Double = 10

    @Option(help: "最多尝试次数,用尽即转入死信 / attempts before a dead letter")
    var maxAttempts = 8

    @Option(help: "Prometheus 文本格式指标文件(供 node_exporter textfile 采集) / Prometheus metrics file")
    var metricsFile: String?

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size 至少为 1 / at least 1") }
        guard lease > timeout else { throw ValidationError("--lease 应大于 --timeout / must exceed --timeout") }
        guard timeout > 0, retryBase > 0 else {
            throw ValidationError("--timeout、--retry-base 应为正数 / must be positive")
        }
        guard pollMs >= 10 else { throw ValidationError("--poll-ms 至少 10 / at least 10") }
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts 至少为 1 / at least 1") }
    }

    func run() async throws {
        let registry = PrometheusCollectorRegistry()
        if metricsFile != nil { MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry)) }
        let logger = Logger(label: "yizhan.notify")
        let client = AsyncHTTPTransport.makeClient(readTimeout: timeout)
        do {
            try await options.withNotifier { workspace, store, endpoints in
                let notifier = Notifier(
                    ledger: store,
                    endpoints: endpoints,
                    transport: AsyncHTTPTransport(client: client),
                    settings: NotifierSettings(
                        orgUnit: workspace.file.county,
                        batchSize: batchSize,
                        lease: lease,
                        requestTimeout: timeout,
                        pollInterval: Double(pollMs) / 1_000,
                        retry: RetryPolicy(base: retryBase, maxAttempts: maxAttempts)
                    ),
                    logger: logger
                )
                if once {
                    let summary = try await notifier.runOnce()
                    if let metricsFile { try MetricsFile.write(registry, to: metricsFile) }
                    report(summary)
                    return
                }
                var services: [any Service] = [notifier]
                if let metricsFile { services.append(MetricsFile(registry: registry, path: metricsFile)) }
                logger.notice(
                    "notifier started",
                    metadata: ["subscriptions": "\(endpoints.map(\.name).joined(separator: ","))"]
                )
                let group = ServiceGroup(
                    services: services,
                    gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: logger
                )
                try await group.run()
                logger.notice("notifier stopped")
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    private func report(_ summary: Notifier.Summary) {
        let zh = options.global.language == .zhHans
        if options.global.json {
            let object: [String: Any] = [
                "eventsRead": summary.eventsRead, "delivered": summary.delivered, "retried": summary.retried,
                "dead": summary.dead, "postponed": summary.postponed, "disabled": summary.disabled,
            ]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            Terminal.out(String(decoding: data, as: UTF8.self))
            return
        }
        Terminal.out(
            zh
                ? "读取事件 \(summary.eventsRead),送达 \(summary.delivered),待重试 \(summary.retried),死信 \(summary.dead),延后 \(summary.postponed)"
                : "events read \(summary.eventsRead), delivered \(summary.delivered), to retry \(summary.retried), dead \(summary.dead), postponed \(summary.postponed)"
        )
        for name in summary.disabled {
            Terminal.out(
                zh
                    ? "已停用订阅 \(name)(见 yizhan-notify status)"
                    : "disabled subscription \(name) (see yizhan-notify status)"
            )
        }
    }
}

/// Writes the metrics in Prometheus' text format to a file every 15 seconds and at shutdown, for
/// node_exporter's textfile collector (the notifier opens no port).
struct MetricsFile: Service {
    let registry: PrometheusCollectorRegistry
    let path: String

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            try Self.write(registry, to: path)
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(15)) }
        }
        try Self.write(registry, to: path)
    }

    /// Writes the registry's text to `path` atomically (a reader never sees half a file).
    static func write(_ registry: PrometheusCollectorRegistry, to path: String) throws {
        try OutputFile(path).write(Data(registry.emitToBuffer()))
    }
}
