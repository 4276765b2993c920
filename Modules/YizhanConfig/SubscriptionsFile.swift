public import Foundation
public import YizhanKernel

/// Who is notified of which events, and how (`config/subscriptions.yaml`). Secrets come from an
/// environment variable or a file, never from this file.
public struct SubscriptionsFile: ConfigFile, Hashable {
    /// The subscriptions.
    public var subscriptions: [Subscription]

    /// One subscriber.
    public struct Subscription: Hashable, Sendable, Codable {
        /// Its name.
        public var name: String
        /// `webhook`, `wecom`, `dingtalk` or `feishu`.
        public var kind: String
        /// Where deliveries go; `${NAME}` is replaced by the environment variable NAME when delivering,
        /// which is how a chat robot's URL keeps its token out of this file.
        public var url: String
        /// Where the signing secret comes from.
        public var secret: Secret?
        /// Event types, with `*` wildcards (`service.*`).
        public var events: [String]
        /// One station, or a county's whole subtree.
        public var scope: SubscriptionScope?
        /// Deliver in parallel instead of in order.
        public var parallel: Bool?
        /// Messages a minute the receiver accepts; the robots' published limits apply by default.
        public var ratePerMinute: Int?
        /// A robot's message format: `markdown` (the default) or `text`.
        public var format: String?
        /// Message templates per event type, for the chat robots.
        public var templates: [String: String]?

        /// Creates a subscription.
        public init(
            name: String,
            kind: String,
            url: String,
            secret: Secret? = nil,
            events: [String],
            scope: SubscriptionScope? = nil,
            parallel: Bool? = nil,
            ratePerMinute: Int? = nil,
            format: String? = nil,
            templates: [String: String]? = nil
        ) {
            self.name = name
            self.kind = kind
            self.url = url
            self.secret = secret
            self.events = events
            self.scope = scope
            self.parallel = parallel
            self.ratePerMinute = ratePerMinute
            self.format = format
            self.templates = templates
        }
    }

    /// Where a secret comes from.
    public struct Secret: Hashable, Sendable, Codable {
        /// An environment variable.
        public var env: String?
        /// A file.
        public var file: String?

        /// Creates a secret source: one of `env` or `file`.
        public init(env: String? = nil, file: String? = nil) {
            self.env = env
            self.file = file
        }
    }

    /// What a subscription covers.
    public struct SubscriptionScope: Hashable, Sendable, Codable {
        /// A county's code.
        public var county: DivisionCode?
        /// A station's id.
        public var station: String?

        /// Creates a scope: one of `county` or `station`.
        public init(county: DivisionCode? = nil, station: String? = nil) {
            self.county = county
            self.station = station
        }
    }

    public static let shape = ObjectShape([
        .required(
            "subscriptions",
            .list(
                .object(
                    ObjectShape([
                        .required("name", .identifier, LocalizedText("订阅名称", en: "subscription name")),
                        .required(
                            "kind",
                            .oneOf(["webhook", "wecom", "dingtalk", "feishu"]),
                            LocalizedText("类型:通用 webhook、企业微信、钉钉、飞书", en: "webhook, WeCom, DingTalk or Feishu")
                        ),
                        .required("url", .text, LocalizedText("推送地址", en: "delivery URL")),
                        .optional(
                            "secret",
                            .object(
                                ObjectShape([
                                    .optional("env", .text, LocalizedText("环境变量名", en: "environment variable")),
                                    .optional("file", .text, LocalizedText("文件路径", en: "file path")),
                                ])
                            ),
                            LocalizedText("签名密钥的来源(不可直接写在文件里)", en: "where the secret comes from (never inline)")
                        ),
                        .required(
                            "events",
                            .list(.text),
                            LocalizedText("事件类型,可用 * 通配", en: "event types, * wildcards")
                        ),
                        .optional(
                            "scope",
                            .object(
                                ObjectShape([
                                    .optional("county", .divisionCode, LocalizedText("县", en: "county")),
                                    .optional("station", .identifier, LocalizedText("社工站", en: "station")),
                                ])
                            ),
                            LocalizedText("范围", en: "scope")
                        ),
                        .optional("parallel", .boolean, LocalizedText("并行推送", en: "deliver in parallel")),
                        .optional(
                            "ratePerMinute",
                            .integer(1...6_000),
                            LocalizedText("每分钟最多推送条数", en: "deliveries a minute at most")
                        ),
                        .optional(
                            "format",
                            .oneOf(["markdown", "text"]),
                            LocalizedText(
                                "机器人消息格式:markdown(默认)或 text",
                                en: "robot message format: markdown (default) or text"
                            )
                        ),
                        .optional("templates", .dictionary(.text), LocalizedText("各事件的消息模板", en: "message templates")),
                    ])
                )
            ),
            LocalizedText("订阅", en: "subscriptions")
        )
    ])

    /// Whether the operator allows link-local delivery addresses (`YIZHAN_NOTIFY_ALLOW_LINK_LOCAL=1`).
    static var linkLocalAllowed: Bool { ProcessInfo.processInfo.environment["YIZHAN_NOTIFY_ALLOW_LINK_LOCAL"] == "1" }

    /// The problems a shape cannot express, by key path.
    func subscriptionProblems() -> [(String, LocalizedText)] {
        var problems: [(String, LocalizedText)] = []
        var names = Set<String>()
        for (index, subscription) in subscriptions.enumerated() {
            let path = "subscriptions[\(index)]"
            if !names.insert(subscription.name).inserted {
                problems.append(
                    (
                        "\(path).name",
                        LocalizedText(
                            "订阅名称“\(subscription.name)”重复",
                            en: "subscription name '\(subscription.name)' is used twice"
                        )
                    )
                )
            }
            let url = DeliveryURLRule.withStandIns(subscription.url)
            if let problem = url.map({ DeliveryURLRule.problem(with: $0, allowLinkLocal: Self.linkLocalAllowed) })
                ?? LocalizedText("不是有效的 http(s) 地址", en: "not a valid http(s) URL")
            {
                problems.append(("\(path).url", problem))
            }
            if subscription.kind == "webhook", subscription.secret == nil {
                problems.append(
                    (
                        "\(path).secret",
                        LocalizedText(
                            "webhook 订阅须有签名密钥(secret: {env: …} 或 {file: …}),接收方据此验证消息确实来自驿站",
                            en:
                                "a webhook subscription needs a signing secret (secret: {env: …} or {file: …}) so that its receiver can verify each message"
                        )
                    )
                )
            }
            if subscription.kind != "webhook", !subscription.url.contains("${") {
                problems.append(
                    (
                        "\(path).url",
                        LocalizedText(
                            "机器人地址含令牌,须写成环境变量占位,如 …?key=${BAIBU_WECOM_KEY}",
                            en:
                                "a robot URL carries its token: write it as an environment placeholder, e.g. …?key=${BAIBU_WECOM_KEY}"
                        )
                    )
                )
            }
            if let secret = subscription.secret, (secret.env == nil) == (secret.file == nil) {
                problems.append(
                    (
                        "\(path).secret",
                        LocalizedText("secret 须写 env 或 file 之一", en: "secret needs exactly one of env or file")
                    )
                )
            }
            for (e, filter) in subscription.events.enumerated()
            where filter.range(of: #"^(\*|[a-z]+(\.([a-z][a-zA-Z]*|\*))?)$"#, options: .regularExpression) == nil {
                problems.append(
                    (
                        "\(path).events[\(e)]",
                        LocalizedText(
                            "事件过滤“\(filter)”应形如 service.recorded、service.* 或 *",
                            en: "event filter '\(filter)' should look like service.recorded, service.* or *"
                        )
                    )
                )
            }
            if let scope = subscription.scope, (scope.county == nil) == (scope.station == nil) {
                problems.append(
                    (
                        "\(path).scope",
                        LocalizedText(
                            "scope 须写 county 或 station 之一",
                            en: "scope needs exactly one of county or station"
                        )
                    )
                )
            }
        }
        return problems
    }
}

extension SubscriptionsFile {
    /// Loads a subscriptions file and checks it on its own, as `yizhan-notify` does at start.
    ///
    /// - Throws: `ConfigErrors` with every problem, each with its line and column.
    public static func loadChecked(from url: URL, displayPath: String? = nil) throws(ConfigErrors) -> SubscriptionsFile
    {
        let loaded = try ConfigLoader.loadWithPositions(SubscriptionsFile.self, from: url, displayPath: displayPath)
        let problems = loaded.value.subscriptionProblems().map { loaded.problem(.invalidValue, at: $0.0, $0.1) }
        guard problems.isEmpty else { throw ConfigErrors(problems) }
        return loaded.value
    }
}
