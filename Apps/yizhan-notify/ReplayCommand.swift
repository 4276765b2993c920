import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanRuntime
import YizhanWebhooks

/// `yizhan-notify replay`: send events again, from a date or one event.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "重新推送:某日(北京时间)起的事件,或某一事件 / send events again, since a date or one event",
        discussion: """
            只补发订阅已经读过的事件(之后的事件本来就会推送);已送达和死信都会重新排队。
            Only events the subscription has already read are replayed (later ones are on their way);
            delivered ones and dead letters are queued again.

            示例 / Examples:
              yizhan-notify replay --since 2021-11-01
              yizhan-notify replay 0190f0c4-6c0b-7d43-9a57-1f0e9d0b1c2a --subscription county-system
            """
    )

    @OptionGroup var options: NotifyOptions

    @Option(help: "自该日 0 时(北京时间)起发生的事件 / events from this day (Beijing time)")
    var since: String?

    @Argument(help: "一个事件的 id / one event's id")
    var event: String?

    @Option(help: "只对这个订阅 / one subscription only (default: all)")
    var subscription: String?

    func validate() throws {
        guard (since == nil) != (event == nil) else {
            throw ValidationError("请给出 --since 日期或一个事件 id(二选一) / give --since DATE or one EVENT_ID")
        }
        if let since, (try? CivilDate(parsing: since)) == nil {
            throw ValidationError("--since 应为日期,如 2021-11-01 / a date such as 2021-11-01")
        }
    }

    func run() async throws {
        try await options.withNotifier { _, store, endpoints in
            let zh = options.global.language == .zhHans
            let chosen = endpoints.filter { subscription == nil || $0.name == subscription }
            guard !chosen.isEmpty else {
                Terminal.error(zh ? "没有订阅“\(subscription ?? "")”" : "no subscription '\(subscription ?? "")'")
                throw ExitCode.failure
            }
            let start: ReplayStart
            if let since, let day = try? CivilDate(parsing: since) {
                start = .occurredSince(day.startInShanghai)
            } else if let event, let id = try? EventID(event) {
                start = .event(id)
            } else {
                Terminal.error(zh ? "事件 id 无效:\(event ?? "")" : "not an event id: \(event ?? "")")
                throw ExitCode.failure
            }
            try await store.openSubscriptions(chosen.map(\.name), at: Date())
            for endpoint in chosen {
                let count = try await store.replay(
                    subscription: endpoint.name,
                    selector: endpoint.selector,
                    from: start,
                    at: Date()
                )
                Terminal.out(zh ? "\(endpoint.name):重新排队 \(count) 条" : "\(endpoint.name): \(count) queued again")
            }
        }
    }
}
