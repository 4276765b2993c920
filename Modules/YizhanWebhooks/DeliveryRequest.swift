public import Foundation
public import YizhanKernel

/// One HTTP request to send: everything a transport needs, built without I/O.
public struct DeliveryRequest: Hashable, Sendable {
    /// Where it goes (may carry a robot's token: never log it).
    public var url: URL
    /// The headers, names lower-cased.
    public var headers: [String: String]
    /// The body.
    public var body: Data

    /// Creates a request.
    public init(url: URL, headers: [String: String], body: Data) {
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// Builds the request each kind of receiver expects for one event.
public enum RequestBuilder {
    /// The `User-Agent` of every request.
    public static let userAgent = "yizhan-notify/1"

    /// The request for `stored` to `endpoint` at `now`.
    public static func request(for stored: StoredEvent, to endpoint: Endpoint, at now: Date) -> DeliveryRequest {
        switch endpoint.kind {
        case .webhook: webhook(stored, endpoint, now)
        case .wecom: wecom(stored, endpoint)
        case .dingtalk: dingTalk(stored, endpoint, now)
        case .feishu: feishu(stored, endpoint, now)
        }
    }

    /// The Standard Webhooks payload: `{"type", "timestamp", "data"}`, where `data` is the event's
    /// envelope (id, sequence, unit, station, actor, schema version) and its payload. Keys sorted, so
    /// the same event always gives the same body; the stored payload (valid JSON, checked by the
    /// store) is embedded as it is, which is several times faster than re-serialising it.
    public static func webhookBody(_ stored: StoredEvent) -> Data {
        let event = stored.event
        let occurredAt = quoted(iso8601(event.occurredAt))
        var text = #"{"data":{"actor":"# + quoted(event.actor.rawValue)
        text += #","id":"# + quoted(event.id.rawValue)
        text += #","occurredAt":"# + occurredAt
        text += #","orgUnit":"# + quoted(event.orgUnit.rawValue)
        text += #","payload":"# + event.payload
        text += #","schemaVersion":"# + String(event.schemaVersion)
        text += #","sequence":"# + String(stored.sequence.rawValue)
        if let station = event.station { text += #","station":"# + quoted(station.rawValue) }
        text += #"},"timestamp":"# + occurredAt + #","type":"# + quoted(event.type.rawValue) + "}"
        return Data(text.utf8)
    }

    /// `text` as a JSON string literal (RFC 8259 §7).
    static func quoted(_ text: String) -> String { JSONText.quoted(text) }

    private static func webhook(_ stored: StoredEvent, _ endpoint: Endpoint, _ now: Date) -> DeliveryRequest {
        let body = webhookBody(stored)
        let id = stored.event.id.rawValue
        let timestamp = Int64(now.timeIntervalSince1970)
        var headers = [
            "content-type": "application/json", "user-agent": userAgent, "webhook-id": id,
            "webhook-timestamp": String(timestamp),
        ]
        if let signer = StandardWebhookSigner(secrets: endpoint.secrets) {
            headers["webhook-signature"] = signer.signature(id: id, timestamp: timestamp, body: body)
        }
        return DeliveryRequest(url: endpoint.url, headers: headers, body: body)
    }

    private static func wecom(_ stored: StoredEvent, _ endpoint: Endpoint) -> DeliveryRequest {
        let text = MessageTemplate(templates: endpoint.templates).render(stored, markdown: endpoint.markdown)
        let body =
            endpoint.markdown
            ? json(["msgtype": "markdown", "markdown": ["content": text]])
            : json(["msgtype": "text", "text": ["content": text]])
        return DeliveryRequest(url: endpoint.url, headers: robotHeaders, body: body)
    }

    private static func dingTalk(_ stored: StoredEvent, _ endpoint: Endpoint, _ now: Date) -> DeliveryRequest {
        let text = MessageTemplate(templates: endpoint.templates).render(stored, markdown: endpoint.markdown)
        let title = EventText.chineseName(of: stored.event.type)
        let body =
            endpoint.markdown
            ? json(["msgtype": "markdown", "markdown": ["title": title, "text": text]])
            : json(["msgtype": "text", "text": ["content": text]])
        var url = endpoint.url
        if let secret = endpoint.secrets.first {
            let timestamp = now.millisecondsSince1970
            let sign = RobotSignature.queryEncoded(
                RobotSignature.dingTalk(secret: secret, timestampMilliseconds: timestamp)
            )
            let separator = url.query == nil ? "?" : "&"
            url = URL(string: url.absoluteString + "\(separator)timestamp=\(timestamp)&sign=\(sign)") ?? url
        }
        return DeliveryRequest(url: url, headers: robotHeaders, body: body)
    }

    private static func feishu(_ stored: StoredEvent, _ endpoint: Endpoint, _ now: Date) -> DeliveryRequest {
        let text = MessageTemplate(templates: endpoint.templates).render(stored, markdown: endpoint.markdown)
        var message: [String: Any] =
            endpoint.markdown
            ? ["msg_type": "interactive", "card": ["elements": [["tag": "markdown", "content": text]]]]
            : ["msg_type": "text", "content": ["text": text]]
        if let secret = endpoint.secrets.first {
            let timestamp = Int64(now.timeIntervalSince1970)
            message["timestamp"] = String(timestamp)
            message["sign"] = RobotSignature.feishu(secret: secret, timestampSeconds: timestamp)
        }
        return DeliveryRequest(url: endpoint.url, headers: robotHeaders, body: json(message))
    }

    private static let robotHeaders = ["content-type": "application/json; charset=utf-8", "user-agent": userAgent]

    private static func json(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    /// `2021-11-05T01:30:00.000Z`: UTC with milliseconds, computed directly (a formatter per call
    /// cost more than the HMAC).
    static func iso8601(_ date: Date) -> String {
        let milliseconds = date.millisecondsSince1970
        let (seconds, millisecond) = floorDivision(milliseconds, 1_000)
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let day = CivilDate(daysSinceEpoch: Int(days))
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(day)T\(pad(secondOfDay / 3_600, 2)):\(pad(secondOfDay % 3_600 / 60, 2)):\(pad(secondOfDay % 60, 2))."
            + "\(pad(millisecond, 3))Z"
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
