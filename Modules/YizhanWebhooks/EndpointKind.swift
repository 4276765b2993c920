/// The kind of receiver a subscription delivers to.
public enum EndpointKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// A generic HTTPS endpoint, signed per the Standard Webhooks specification.
    case webhook
    /// A WeCom (企业微信) group robot.
    case wecom
    /// A DingTalk (钉钉) custom robot.
    case dingtalk
    /// A Feishu (飞书) custom bot.
    case feishu

    /// Messages a minute the receiver accepts, when it publishes a limit.
    ///
    /// WeCom: "每个机器人发送的消息不能超过20条/分钟" (developer.work.weixin.qq.com/document/path/91770).
    /// DingTalk: 20 a minute per robot (open.dingtalk.com, 自定义机器人发送群消息).
    /// Feishu: 100 a minute and 5 a second per bot (open.feishu.cn, 自定义机器人使用指南).
    public var publishedRatePerMinute: Int? {
        switch self {
        case .webhook: nil
        case .wecom, .dingtalk: 20
        case .feishu: 100
        }
    }

    /// The kind's name in Chinese, for messages.
    public var chineseName: String {
        switch self {
        case .webhook: "通用 webhook"
        case .wecom: "企业微信机器人"
        case .dingtalk: "钉钉机器人"
        case .feishu: "飞书机器人"
        }
    }
}
