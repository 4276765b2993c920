import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanRuntime
import YizhanWebhooks

/// `yizhan-notify test SUBSCRIPTION`: sends one test message and says what the receiver answered.
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "向一个订阅发送一条测试消息 / send one test message to a subscription",
        discussion: """
            测试消息的事件类型为 notifier.test,不写入事件日志,也不影响推送进度。
            The test message has event type notifier.test; it is not in the event log and changes no progress.

            示例 / Example:
              yizhan-notify test baibu-group
            """
    )

    @OptionGroup var options: NotifyOptions

    @Argument(help: "订阅名称 / the subscription's name")
    var subscription: String

    func run() async throws {
        let zh = options.global.language == .zhHans
        try await options.global.reporting {
            let workspace = try options.global.openWorkspace()
            guard let endpoint = try options.endpoints(in: workspace).first(where: { $0.name == subscription }) else {
                throw NotifierError(
                    .unknownSubscription,
                    subscription: subscription,
                    detail: LocalizedText("订阅文件中没有这个名称", en: "no such name in the subscriptions file")
                )
            }
            let now = Date()
            let event = DomainEvent(
                type: EventType(rawValue: "notifier.test"),
                occurredAt: now,
                orgUnit: workspace.file.county,
                station: nil,
                actor: Actor(rawValue: "notifier"),
                schemaVersion: 1,
                payload: #"{"message":"驿站推送测试 / Yizhan test message","subscription":"\#(subscription)"}"#
            )
            var test = endpoint
            test.templates[event.type.rawValue] =
                test.templates[event.type.rawValue] ?? "【驿站】推送测试:订阅 {subscription} 已连通"
            let request = RequestBuilder.request(for: StoredEvent(sequence: .start, event: event), to: test, at: now)
            let verdict: DeliveryVerdict
            var status = "—"
            do {
                let reply = try await AsyncHTTPTransport.shared.send(request, timeout: 10)
                status = "\(reply.status)"
                verdict = ResponseClassifier.classify(reply, kind: endpoint.kind, now: Date())
            } catch {
                verdict = .retry(
                    reason: "transport: \(Notifier.describe(error))"
                )
            }
            let (ok, text): (Bool, String) =
                switch verdict {
                case .delivered: (true, zh ? "送达" : "delivered")
                case .retry(let reason): (false, (zh ? "失败,会重试:" : "failed, would retry: ") + reason)
                case .wait(_, let reason): (false, (zh ? "被限流:" : "rate limited: ") + reason)
                case .drop(let reason): (false, (zh ? "被拒收:" : "refused: ") + reason)
                case .disable(let reason):
                    (false, (zh ? "地址或凭据已失效:" : "endpoint gone or credentials rejected: ") + reason)
                }
            Terminal.out("\(endpoint.name) → \(endpoint.redactedURL)  HTTP \(status)  \(text)")
            if !ok { throw ExitCode.failure }
        }
    }
}
