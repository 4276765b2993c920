public import Foundation
public import YizhanConfig
public import YizhanKernel

/// A subscription ready to deliver: its URL with placeholders filled, its secrets read, its filter
/// and its limits. Made once at start-up; secrets stay in memory only and are never logged.
public struct Endpoint: Sendable {
    /// The subscription's name.
    public var name: String
    /// The kind of receiver.
    public var kind: EndpointKind
    /// Where deliveries go (carries a robot's token: never log it).
    public var url: URL
    /// The signing secrets, newest first; empty when the subscription has none.
    public var secrets: [String]
    /// Which events it receives.
    public var selector: EventSelector
    /// Whether events go one at a time in log order (the default) or concurrently.
    public var ordered: Bool
    /// Message templates per event type, for the robots.
    public var templates: [String: String]
    /// Messages a minute it may receive (`nil`: no limit).
    public var ratePerMinute: Int?
    /// Whether a robot gets markdown (the default) or plain text.
    public var markdown: Bool
    /// The URL as the subscription writes it, placeholders unfilled: what messages show, redacted.
    public var urlTemplate: String?

    /// Creates an endpoint.
    public init(
        name: String,
        kind: EndpointKind,
        url: URL,
        secrets: [String] = [],
        selector: EventSelector,
        ordered: Bool = true,
        templates: [String: String] = [:],
        ratePerMinute: Int? = nil,
        markdown: Bool = true,
        urlTemplate: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.url = url
        self.secrets = secrets
        self.selector = selector
        self.ordered = ordered
        self.templates = templates
        self.ratePerMinute = ratePerMinute ?? kind.publishedRatePerMinute
        self.markdown = markdown
        self.urlTemplate = urlTemplate
    }

    /// The URL with its tokens hidden wherever they are (query, path, user), for messages and logs:
    /// WeCom's and DingTalk's token is in the query, Feishu's in the path.
    public var redactedURL: String { DeliveryURLRule.redacted(urlTemplate ?? url.absoluteString) }

    /// Resolves a subscription from `subscriptions.yaml`: fills `${NAME}` placeholders in the URL from
    /// `environment`, reads the secret from its variable or file (relative to `directory`; several
    /// secrets, one per line or space-separated, sign together during a key rotation).
    ///
    /// - Throws: `NotifierError` naming the subscription and the variable or file at fault.
    public static func resolve(
        _ subscription: SubscriptionsFile.Subscription,
        environment: [String: String],
        directory: URL
    ) throws -> Endpoint {
        let name = subscription.name
        guard let kind = EndpointKind(rawValue: subscription.kind) else {
            throw NotifierError(
                .invalidURL,
                subscription: name,
                detail: LocalizedText("未知类型 \(subscription.kind)", en: "unknown kind \(subscription.kind)")
            )
        }
        let filled = try fillPlaceholders(subscription.url, environment: environment, subscription: name)
        guard let url = URL(string: filled) else {
            throw NotifierError(
                .invalidURL,
                subscription: name,
                detail: LocalizedText(
                    "填入环境变量后的地址不是有效的 http(s) 地址",
                    en: "the URL, once filled in, is not a valid http(s) URL"
                )
            )
        }
        // Checked again once filled in: a variable may carry a host.
        if let problem = DeliveryURLRule.problem(
            with: url,
            allowLinkLocal: environment["YIZHAN_NOTIFY_ALLOW_LINK_LOCAL"] == "1"
        ) {
            throw NotifierError(.invalidURL, subscription: name, detail: problem)
        }
        var secrets: [String] = []
        if kind == .webhook, subscription.secret == nil {
            throw NotifierError(
                .malformedSecret,
                subscription: name,
                detail: LocalizedText(
                    "webhook 订阅须有签名密钥(secret),接收方据此验证消息",
                    en: "a webhook subscription needs a signing secret so that its receiver can verify messages"
                )
            )
        }
        if let secret = subscription.secret {
            secrets = try readSecret(secret, environment: environment, directory: directory, subscription: name)
            if kind == .webhook, StandardWebhookSigner(secrets: secrets) == nil {
                throw NotifierError(
                    .malformedSecret,
                    subscription: name,
                    detail: LocalizedText(
                        "webhook 密钥应为 whsec_ 加 base64(Standard Webhooks 格式)",
                        en: "a webhook secret must be whsec_ followed by base64 (Standard Webhooks)"
                    )
                )
            }
        }
        let scope: EventScope =
            if let station = subscription.scope?.station, let id = try? StationID(station) {
                .station(id)
            } else if let county = subscription.scope?.county {
                .within(county)
            } else {
                .everywhere
            }
        return Endpoint(
            name: name,
            kind: kind,
            url: url,
            secrets: secrets,
            selector: EventSelector(types: subscription.events, scope: scope),
            ordered: !(subscription.parallel ?? false),
            templates: subscription.templates ?? [:],
            ratePerMinute: subscription.ratePerMinute,
            markdown: subscription.format != "text",
            urlTemplate: subscription.url
        )
    }

    /// Replaces each `${NAME}` with the environment variable NAME.
    static func fillPlaceholders(_ text: String, environment: [String: String], subscription: String) throws -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { break }
            let variable = String(rest[open.upperBound..<close])
            guard let value = environment[variable], !value.isEmpty else {
                throw NotifierError(
                    .missingEnvironment,
                    subscription: subscription,
                    detail: LocalizedText(
                        "地址中的 ${\(variable)} 未设置:请设置环境变量 \(variable)",
                        en: "${\(variable)} in the URL is not set: set the environment variable \(variable)"
                    )
                )
            }
            result += rest[..<open.lowerBound] + value
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    private static func readSecret(
        _ secret: SubscriptionsFile.Secret,
        environment: [String: String],
        directory: URL,
        subscription: String
    ) throws -> [String] {
        let text: String
        if let variable = secret.env {
            guard let value = environment[variable], !value.isEmpty else {
                throw NotifierError(
                    .missingEnvironment,
                    subscription: subscription,
                    detail: LocalizedText(
                        "密钥的环境变量 \(variable) 未设置",
                        en: "the secret's environment variable \(variable) is not set"
                    )
                )
            }
            text = value
        } else if let path = secret.file {
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw NotifierError(
                    .unreadableSecret,
                    subscription: subscription,
                    detail: LocalizedText("无法读取密钥文件 \(path)", en: "cannot read the secret file \(path)")
                )
            }
            let mode = (try? FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? 0
            guard mode & 0o077 == 0 else {
                throw NotifierError(
                    .unreadableSecret,
                    subscription: subscription,
                    detail: LocalizedText(
                        "密钥文件 \(path) 的权限为 \(String(mode, radix: 8)),其他用户也能读取;请运行 chmod 600 \(path) 后重试",
                        en:
                            "the secret file \(path) has mode \(String(mode, radix: 8)) and others can read it; run chmod 600 \(path) and retry"
                    )
                )
            }
            text = String(decoding: data, as: UTF8.self)
        } else {
            return []
        }
        return text.split(whereSeparator: { $0 == " " || $0.isNewline }).map(String.init)
    }
}
