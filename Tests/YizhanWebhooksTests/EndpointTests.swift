import Foundation
import Testing
import YizhanConfig
import YizhanKernel
import YizhanKernelTesting
import YizhanWebhooks

@Suite("Subscriptions resolved for delivery, and robot messages")
struct EndpointTests {
    private func subscription(
        kind: String = "wecom",
        url: String = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${BAIBU_KEY}",
        secret: SubscriptionsFile.Secret? = nil
    ) -> SubscriptionsFile.Subscription {
        SubscriptionsFile.Subscription(
            name: "baibu-group",
            kind: kind,
            url: url,
            secret: secret,
            events: ["service.*"],
            scope: SubscriptionsFile.SubscriptionScope(county: nil, station: "baibu"),
            parallel: nil,
            ratePerMinute: nil,
            templates: ["service.*": "**百步** {typeName} {personTimes} 人次"]
        )
    }

    @Test func fillsTheTokenFromTheEnvironmentAndHidesItInMessages() throws {
        let endpoint = try Endpoint.resolve(
            subscription(),
            environment: ["BAIBU_KEY": "k-123"],
            directory: URL(fileURLWithPath: "/tmp")
        )
        #expect(endpoint.url.absoluteString.hasSuffix("key=k-123"))
        #expect(endpoint.redactedURL == "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?…")
        #expect(endpoint.ratePerMinute == 20 && endpoint.ordered)
        #expect(endpoint.selector.scope == .station(Fixtures.baibu.id))
    }

    @Test func aMissingVariableNamesItAndTheSubscription() {
        #expect {
            try Endpoint.resolve(subscription(), environment: [:], directory: URL(fileURLWithPath: "/tmp"))
        } throws: { error in
            let message = (error as? NotifierError)?.message(in: .zhHans) ?? ""
            return message.contains("baibu-group") && message.contains("BAIBU_KEY")
        }
    }

    @Test func readsRotatedSecretsFromAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-secret-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let secrets =
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\nwhsec_" + Data(repeating: 1, count: 24).base64EncodedString()
            + "\n"
        try secrets.write(to: folder.appendingPathComponent("hook.secret"), atomically: true, encoding: .utf8)
        let endpoint = try Endpoint.resolve(
            subscription(kind: "webhook", url: "http://127.0.0.1:9/hook", secret: .init(env: nil, file: "hook.secret")),
            environment: [:],
            directory: folder
        )
        #expect(endpoint.secrets.count == 2 && endpoint.ratePerMinute == nil)
        #expect {
            try Endpoint.resolve(
                subscription(kind: "webhook", url: "http://127.0.0.1:9/hook", secret: .init(env: "BAD", file: nil)),
                environment: ["BAD": "plain-text"],
                directory: folder
            )
        } throws: { ($0 as? NotifierError)?.code == .malformedSecret }
    }

    @Test func templatesFillPayloadFieldsAndKeepUnknownPlaceholders() {
        let record = Fixtures.record("r1", participants: .headCount(12))
        var change = ChangeSet()
        change.record(record, at: Fixtures.baibu, by: .cli, at: Date(millisecondsSince1970: 1_636_075_800_000))
        let stored = StoredEvent(sequence: EventSequence(rawValue: 7), event: change.events[0])
        let template = MessageTemplate(templates: ["service.*": "{typeName}:{personTimes} 人次 {oops} #{sequence}"])
        #expect(template.render(stored) == "新增服务记录:12 人次 {oops} #7")
        let body = String(decoding: RequestBuilder.webhookBody(stored), as: UTF8.self)
        #expect(body.contains(#""timestamp":"2021-11-05T01:30:00.000Z""#) && body.hasPrefix(#"{"data":{"actor":"cli""#))
        let fallback = MessageTemplate(templates: [:]).render(stored)
        #expect(fallback == "【驿站】新增服务记录 · 社工站 baibu · 2021-11-05 09:30")
    }

    /// The webhook body is written by hand for speed; it must stay valid JSON whatever the text holds.
    @Test func theWebhookBodyIsValidJSONEvenForAwkwardText() throws {
        let awkward = "导入 \"台账\"\n\t\\ \u{1}"
        let event = DomainEvent(
            type: EventType(rawValue: "service.recorded"),
            occurredAt: Date(millisecondsSince1970: -1),
            orgUnit: Fixtures.haiyan,
            station: nil,
            actor: Actor(rawValue: awkward),
            schemaVersion: 2,
            payload: #"{"note":"a/b","n":[1,2]}"#
        )
        let body = RequestBuilder.webhookBody(StoredEvent(sequence: EventSequence(rawValue: 9), event: event))
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        let data = try #require(json["data"] as? [String: Any])
        #expect(data["actor"] as? String == awkward && data["station"] == nil && data["sequence"] as? Int == 9)
        #expect(json["timestamp"] as? String == "1969-12-31T23:59:59.999Z")
        #expect((data["payload"] as? [String: Any])?["note"] as? String == "a/b")
    }
}
