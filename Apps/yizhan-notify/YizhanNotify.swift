import ArgumentParser
import Logging
import YizhanCommandLine

/// `yizhan-notify`: delivers the event log to webhooks and chat-group robots.
@main
struct YizhanNotify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yizhan-notify",
        abstract: "驿站事件推送:通用 webhook、企业微信、钉钉、飞书机器人 — Yizhan's notifier.",
        discussion: """
            订阅写在工作区的 subscriptions.yaml(或 --subscriptions 指定的文件)。每个订阅第一次出现时从事件日志
            末尾开始;历史事件用 replay 补发。至少送达一次:接收方按 webhook-id 去重。
            Subscriptions are read from the workspace's subscriptions.yaml (or --subscriptions). A new
            subscription starts at the end of the event log; use replay for history. Delivery is at least
            once: receivers deduplicate by webhook-id.

            示例 / Examples:
              yizhan-notify run                        常驻推送,SIGTERM 时送完手头的再退出
              yizhan-notify run --once                 推送当前到期的全部后退出(供 cron 使用)
              yizhan-notify status
              yizhan-notify deliveries --failed
              yizhan-notify replay --since 2021-11-01 --subscription county-system
              yizhan-notify test baibu-group
              yizhan-notify enable county-system
            """,
        version: "0.1.0",
        subcommands: [
            RunCommand.self, StatusCommand.self, DeliveriesCommand.self, ReplayCommand.self, TestCommand.self,
            EnableCommand.self,
        ]
    )

    static func main() async { await runLogging(defaultLevel: .notice) }
}
