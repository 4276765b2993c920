public import Foundation
public import YizhanKernel

/// Where the notifier may send events: the one rule the subscriptions check and the notifier's
/// start-up both apply, on the parsed URL rather than its text (issue 21.13).
///
/// - https, or http to a loopback host only (127.0.0.0/8, `localhost`, `::1`), for local tests;
/// - no user or password before the host (`http://127.0.0.1@example.com/` goes to example.com);
/// - no link-local or cloud-metadata host (169.254.0.0/16, `fe80::/10`, `metadata.google.internal`)
///   unless the operator allows it.
public enum DeliveryURLRule {
    /// What is wrong with `url` as a delivery address, or `nil` when it may be used.
    public static func problem(with url: URL, allowLinkLocal: Bool = false) -> LocalizedText? {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
            let scheme = components.scheme?.lowercased(), let host = components.host?.lowercased(), !host.isEmpty
        else {
            return LocalizedText("不是有效的 http(s) 地址", en: "not a valid http(s) URL")
        }
        if components.user != nil || components.password != nil {
            return LocalizedText(
                "地址不得在主机名前带用户名或密码(@ 之前的部分)",
                en: "the URL must not carry a user or password before the host (the part before @)"
            )
        }
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if !allowLinkLocal, isLinkLocal(bare) {
            return LocalizedText(
                "地址 \(host) 是链路本地或云元数据地址,默认不得推送;确有需要请设置 YIZHAN_NOTIFY_ALLOW_LINK_LOCAL=1",
                en:
                    "\(host) is a link-local or cloud-metadata address and is refused; set YIZHAN_NOTIFY_ALLOW_LINK_LOCAL=1 if it is really meant"
            )
        }
        switch scheme {
        case "https": return nil
        case "http" where isLoopback(bare): return nil
        default:
            return LocalizedText(
                "地址应以 https:// 开头(本机测试可用 http://127.0.0.1)",
                en: "the URL must be https:// (http://127.0.0.1 for local tests)"
            )
        }
    }

    /// Whether `host` (no brackets) is this machine.
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" { return true }
        guard let octets = ipv4(host) else { return false }
        return octets[0] == 127
    }

    /// Whether `host` (no brackets) is link-local or a cloud's metadata service.
    static func isLinkLocal(_ host: String) -> Bool {
        if host == "metadata.google.internal" || host.hasPrefix("fe8") || host.hasPrefix("fe9")
            || host.hasPrefix("fea") || host.hasPrefix("feb")
        {
            return true
        }
        guard let octets = ipv4(host) else { return false }
        return octets[0] == 169 && octets[1] == 254
    }

    private static func ipv4(_ host: String) -> [Int]? {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        let octets = parts.compactMap { Int($0) }.filter { (0...255).contains($0) }
        return octets.count == 4 ? octets : nil
    }

    /// `text` with a robot's token or a webhook's secret path hidden wherever it is: the query
    /// becomes `?…`, any `${NAME}` placeholder stays as written (it names a variable, not a value),
    /// and any other path segment of 16 or more characters becomes `…`; a user or password is dropped.
    public static func redacted(_ text: String) -> String {
        var placeholders: [String] = []
        let marked = replacingPlaceholders(in: text) { name in
            placeholders.append(name)
            return "yizhan-placeholder-\(placeholders.count - 1)"
        }
        guard let components = URLComponents(string: marked), let scheme = components.scheme,
            let host = components.percentEncodedHost
        else { return "…" }
        let port = components.port.map { ":\($0)" } ?? ""
        let path = components.percentEncodedPath.split(separator: "/", omittingEmptySubsequences: false).map {
            segment in
            segment.hasPrefix("yizhan-placeholder-") || segment.count < 16 ? String(segment) : "…"
        }.joined(separator: "/")
        var shown = "\(scheme)://\(host)\(port)\(path)"
        for (index, name) in placeholders.enumerated().reversed() {
            shown = shown.replacingOccurrences(of: "yizhan-placeholder-\(index)", with: "${\(name)}")
        }
        return components.percentEncodedQuery == nil ? shown : shown + "?…"
    }

    /// The URL a subscription's text stands for with every `${NAME}` filled by a stand-in, so that
    /// the rule can be checked before the environment is known.
    public static func withStandIns(_ text: String) -> URL? {
        URL(string: replacingPlaceholders(in: text) { _ in "placeholder" })
    }

    private static func replacingPlaceholders(in text: String, _ replace: (String) -> String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${"), let close = rest[open.upperBound...].firstIndex(of: "}") {
            result += rest[..<open.lowerBound] + replace(String(rest[open.upperBound..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
