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
    /// envelope (id, sequence, unit, station, actor, schema version) and its payload. Sorted keys,
    /// so the same event always gives the same body.
    public static func webhookBody(_ stored: StoredEvent) -> Data {
        let event = stored.event
        let payload = (try? JSONSerialization.jsonObject(with: Data(event.payload.utf8))) ?? [String: Any]()
        var data: [String: Any] = [
            "id": event.id.rawValue,
            "sequence": stored.sequence.rawValue,
            "orgUnit": event.orgUnit.rawValue,
            "actor": event.actor.rawValue,
            "schemaVersion": event.schemaVersion,
            "occurredAt": iso8601(event.occurredAt),
            "payload": payload,
        ]
        if let station = event.station { data["station"] = station.rawValue }
        let envelope: [String: Any] = [
            "type": event.type.rawValue, "timestamp": iso8601(event.occurredAt), "data": data,
        ]
        return json(envelope)
    }

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
        let text = MessageTemplate(templates: endpoint.templates).render(stored)
        let body = json(["msgtype": "markdown", "markdown": ["content": text]])
        return DeliveryRequest(url: endpoint.url, headers: robotHeaders, body: body)
    }

    private static func dingTalk(_ stored: StoredEvent, _ endpoint: Endpoint, _ now: Date) -> DeliveryRequest {
        let text = MessageTemplate(templates: endpoint.templates).render(stored)
        let title = EventText.chineseName(of: stored.event.type)
        let body = json(["msgtype": "markdown", "markdown": ["title": title, "text": text]])
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
        let text = MessageTemplate(templates: endpoint.templates).render(stored)
        var message: [String: Any] = [
            "msg_type": "interactive",
            "card": ["elements": [["tag": "markdown", "content": text]]],
        ]
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

    private static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
