import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime
import YizhanWebhooks

/// `yizhan-notify deliveries`: recent deliveries, or the failed ones.
struct DeliveriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliveries",
        abstract: "查看推送记录(--failed 只看失败的) / list deliveries (--failed: failures only)",
        discussion: """
            --failed 列出死信和至少失败过一次、仍待重试的推送。
            --failed lists dead letters and pending deliveries that have failed at least once.

            示例 / Examples:
              yizhan-notify deliveries --failed
              yizhan-notify deliveries --subscription county-system --limit 20 --json
            """
    )

    @OptionGroup var options: NotifyOptions

    @Flag(help: "只看失败的 / failures only")
    var failed = false

    @Option(help: "只看这个订阅 / one subscription only")
    var subscription: String?

    @Option(help: "最多列出条数 / at most this many")
    var limit = 50

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit 应为正整数 / must be at least 1") }
    }

    func run() async throws {
        try await options.withNotifier { _, store, _ in
            let statuses: Set<DeliveryStatus> = failed ? [.dead, .pending] : Set(DeliveryStatus.allCases)
            var rows = try await store.deliveries(
                subscription: subscription,
                statuses: statuses,
                limit: failed ? limit * 20 : limit
            )
            if failed { rows = Array(rows.filter { $0.status == .dead || $0.lastError != nil }.prefix(limit)) }
            if options.global.json {
                try Terminal.json(rows)
                return
            }
            let zh = options.global.language == .zhHans
            var table = TextTable(columns: [
                .init(zh ? "序号" : "seq", alignment: .right), .init(zh ? "订阅" : "subscription"),
                .init(zh ? "事件" : "event"), .init(zh ? "状态" : "status"),
                .init(zh ? "次数" : "attempts", alignment: .right),
                .init("HTTP", alignment: .right), .init(zh ? "时间" : "time"), .init(zh ? "原因" : "reason"),
            ])
            for row in rows {
                let status =
                    switch row.status {
                    case .pending: zh ? "待送" : "pending"
                    case .delivered: zh ? "已送达" : "delivered"
                    case .dead: zh ? "死信" : "dead"
                    }
                let time = row.deliveredAt ?? row.nextAttemptAt
                table.append([
                    row.sequence.description, row.subscription, row.eventType.rawValue, status, "\(row.attempts)",
                    row.lastHTTPStatus.map(String.init) ?? "—", Terminal.shanghaiTime(time), row.lastError ?? "",
                ])
            }
            Terminal.out(table.render())
            if rows.isEmpty { Terminal.out(zh ? "(没有记录)" : "(none)") }
        }
    }
}
