import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime
import YizhanWebhooks

/// `yizhan-notify status`: each subscription's progress, backlog and state.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "各订阅的推送进度、积压与状态 / each subscription's progress and state"
    )

    @OptionGroup var options: NotifyOptions

    func run() async throws {
        try await options.withNotifier { _, store, endpoints in
            try await store.openSubscriptions(endpoints.map(\.name), at: Date())
            let last = try await store.lastEventSequence()
            let progress = Dictionary(
                try await store.subscriptionProgress().map { ($0.subscription, $0) },
                uniquingKeysWith: { first, _ in first }
            )
            let rows = endpoints.compactMap { endpoint in progress[endpoint.name].map { (endpoint, $0) } }
            if options.global.json {
                try Terminal.json(rows.map { Row(endpoint: $0.0, progress: $0.1, lastEvent: last) })
                return
            }
            let zh = options.global.language == .zhHans
            var table = TextTable(columns: [
                .init(zh ? "订阅" : "subscription"), .init(zh ? "类型" : "kind"), .init(zh ? "地址" : "URL"),
                .init(zh ? "未读事件" : "unread", alignment: .right), .init(zh ? "待送" : "pending", alignment: .right),
                .init(zh ? "已送达" : "delivered", alignment: .right), .init(zh ? "死信" : "dead", alignment: .right),
                .init(zh ? "积压时长" : "lag"), .init(zh ? "状态" : "state"),
            ])
            let now = Date()
            for (endpoint, row) in rows {
                let lag = row.oldestPendingOccurredAt.map { Self.duration(now.timeIntervalSince($0), zh: zh) } ?? "—"
                let state =
                    row.disabledAt == nil
                    ? (zh ? "启用" : "active")
                    : (zh ? "已停用:" : "disabled: ") + (row.disabledReason ?? "")
                table.append([
                    endpoint.name, endpoint.kind.rawValue, endpoint.redactedURL,
                    groupedDigits(Int(last.rawValue - row.cursor.rawValue)), groupedDigits(row.pending),
                    groupedDigits(row.delivered), groupedDigits(row.dead), lag, state,
                ])
            }
            Terminal.out(table.render())
        }
    }

    /// `42 秒`, `3 分`, `2 小时`.
    static func duration(_ seconds: TimeInterval, zh: Bool) -> String {
        let value = Int(max(0, seconds))
        if value < 60 { return zh ? "\(value) 秒" : "\(value) s" }
        if value < 3_600 { return zh ? "\(value / 60) 分" : "\(value / 60) min" }
        return zh ? "\(value / 3_600) 小时" : "\(value / 3_600) h"
    }

    /// One subscription in `--json`.
    struct Row: Encodable {
        var subscription: String
        var kind: String
        var url: String
        var unreadEvents: Int64
        var pending: Int
        var delivered: Int
        var dead: Int
        var oldestPendingOccurredAt: Date?
        var disabledAt: Date?
        var disabledReason: String?

        init(endpoint: Endpoint, progress: SubscriptionProgress, lastEvent: EventSequence) {
            subscription = endpoint.name
            kind = endpoint.kind.rawValue
            url = endpoint.redactedURL
            unreadEvents = lastEvent.rawValue - progress.cursor.rawValue
            pending = progress.pending
            delivered = progress.delivered
            dead = progress.dead
            oldestPendingOccurredAt = progress.oldestPendingOccurredAt
            disabledAt = progress.disabledAt
            disabledReason = progress.disabledReason
        }
    }
}
