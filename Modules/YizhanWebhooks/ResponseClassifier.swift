public import Foundation

/// Decides what an answer means for each kind of receiver.
///
/// Generic webhooks speak HTTP: 2xx accepted; 410 Gone switches the endpoint off; 429, and 503 with
/// Retry-After, ask to wait; 400, 413, 415 and 422 refuse the message for good; anything else
/// (other 4xx, 5xx, 3xx with redirects off) is retried on the schedule.
///
/// The chat robots answer HTTP 200 even on failure, with an error code in the body; their codes are
/// classified from each platform's error-code pages. A code not listed is retried: the schedule
/// ends in a dead letter, so an unknown code never loops forever.
public enum ResponseClassifier {
    /// How long to wait when a robot's rate limit is hit and it gives no time: its window, a minute.
    public static let robotRateLimitWait: TimeInterval = 60

    /// The verdict for `reply` from a receiver of `kind`, at `now` (for an HTTP-date Retry-After).
    public static func classify(_ reply: HTTPReply, kind: EndpointKind, now: Date = Date()) -> DeliveryVerdict {
        let status = reply.status
        if !(200..<300).contains(status) || kind == .webhook {
            return classifyHTTP(reply, now: now)
        }
        guard let object = try? JSONSerialization.jsonObject(with: reply.body) as? [String: Any] else {
            return .retry(reason: "\(kind.rawValue): HTTP 200 with a body that is not JSON")
        }
        switch kind {
        case .webhook: return .delivered
        case .wecom: return wecom(code(object["errcode"]), message: object["errmsg"])
        case .dingtalk: return dingTalk(code(object["errcode"]), message: object["errmsg"])
        case .feishu:
            return feishu(
                code(object["code"] ?? object["StatusCode"]),
                message: object["msg"] ?? object["StatusMessage"]
            )
        }
    }

    private static func classifyHTTP(_ reply: HTTPReply, now: Date) -> DeliveryVerdict {
        let status = reply.status
        let reason = "HTTP \(status)"
        switch status {
        case 200..<300: return .delivered
        case 410: return .disable(reason: "HTTP 410 Gone")
        case 429:
            return .wait(
                after: retryAfter(reply.headers["retry-after"], now: now) ?? robotRateLimitWait,
                reason: reason
            )
        case 503:
            if let after = retryAfter(reply.headers["retry-after"], now: now) {
                return .wait(after: after, reason: reason)
            }
            return .retry(reason: reason)
        case 400, 413, 415, 422: return .drop(reason: reason)
        case 300..<400: return .retry(reason: "\(reason) (redirects are not followed)")
        default: return .retry(reason: reason)
        }
    }

    /// Seconds to wait from a Retry-After header: delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
    public static func retryAfter(_ header: String?, now: Date) -> TimeInterval? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if let seconds = Int(header) { return TimeInterval(max(0, seconds)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: header) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// WeCom group robot (developer.work.weixin.qq.com/document/path/90313, 全局错误码).
    static func wecom(_ code: Int?, message: Any?) -> DeliveryVerdict {
        let reason = "WeCom errcode \(code.map(String.init) ?? "?")"
        switch code {
        case 0: return .delivered
        case 45009: return .wait(after: robotRateLimitWait, reason: reason + " (api freq out of limit)")
        case 93000: return .disable(reason: reason + " (invalid webhook url: the robot's key is wrong or removed)")
        case 40008, 40035, 44004, 45002: return .drop(reason: reason + " (the message is refused)")
        default: return .retry(reason: reason)
        }
    }

    /// DingTalk custom robot (open.dingtalk.com, 自定义机器人 错误码).
    static func dingTalk(_ code: Int?, message: Any?) -> DeliveryVerdict {
        let reason = "DingTalk errcode \(code.map(String.init) ?? "?")"
        switch code {
        case 0: return .delivered
        case 130101, 410100: return .wait(after: robotRateLimitWait, reason: reason + " (send too fast)")
        case 310000:
            return .disable(reason: reason + " (security settings: signature, keyword or IP allow-list)")
        case 300001, 400013, 400101, 400102:
            return .disable(reason: reason + " (the robot or its group no longer exists or is stopped)")
        case 430101, 430102, 430103, 430104, 460101: return .drop(reason: reason + " (the message is refused)")
        default: return .retry(reason: reason)
        }
    }

    /// Feishu custom bot (open.feishu.cn, 自定义机器人使用指南 常见问题).
    static func feishu(_ code: Int?, message: Any?) -> DeliveryVerdict {
        let reason = "Feishu code \(code.map(String.init) ?? "?")"
        switch code {
        case 0: return .delivered
        case 11232: return .wait(after: robotRateLimitWait, reason: reason + " (frequency limited)")
        case 19001, 19021, 19022, 19024:
            return .disable(reason: reason + " (token, signature, IP allow-list or keyword rejected)")
        case 9499: return .drop(reason: reason + " (bad request)")
        default: return .retry(reason: reason)
        }
    }

    private static func code(_ value: Any?) -> Int? {
        switch value {
        case let number as NSNumber: number.intValue
        case let text as String: Int(text)
        default: nil
        }
    }
}
