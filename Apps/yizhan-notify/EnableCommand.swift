import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanRuntime
import YizhanWebhooks

/// `yizhan-notify enable SUBSCRIPTION`: switches a disabled subscription back on.
struct EnableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable",
        abstract: "恢复一个已停用的订阅(记录事件) / switch a disabled subscription back on (with an event)",
        discussion: """
            订阅因 410 或机器人凭据失效而停用后,先修正地址或密钥,再运行本命令;积压的推送随即到期重发。
            After a subscription was disabled (410, or a robot's credentials rejected), fix its URL or
            secret, then run this; its pending deliveries become due at once.
            """
    )

    @OptionGroup var options: NotifyOptions

    @Argument(help: "订阅名称 / the subscription's name")
    var subscription: String

    func run() async throws {
        try await options.withNotifier { workspace, store, _ in
            let zh = options.global.language == .zhHans
            let now = Date()
            let event = DomainEvent(
                SubscriptionEnabled(subscription: subscription),
                orgUnit: workspace.file.county,
                station: nil,
                actor: .commandLineUser,
                at: now
            )
            if try await store.enableSubscription(subscription, at: now, event: event) {
                Terminal.out(zh ? "已恢复订阅 \(subscription)" : "enabled \(subscription)")
            } else {
                Terminal.error(zh ? "订阅 \(subscription) 不存在或并未停用" : "\(subscription) does not exist or is not disabled")
                throw ExitCode.failure
            }
        }
    }
}
