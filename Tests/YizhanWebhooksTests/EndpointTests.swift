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
        let file = folder.appendingPathComponent("hook.secret")
        try secrets.write(to: file, atomically: true, encoding: .utf8)
        // A secret file others can read is refused until it is the owner's alone.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        #expect {
            try Endpoint.resolve(
                subscription(
                    kind: "webhook",
                    url: "http://127.0.0.1:9/hook",
                    secret: .init(env: nil, file: "hook.secret")
                ),
                environment: [:],
                directory: folder
            )
        } throws: { error in
            (error as? NotifierError)?.message(in: .zhHans).contains("chmod 600 hook.secret") == true
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
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

    /// The shipped chat template of a missed submission reads as the station's group expects (issue 25.5).
    @Test func anOverdueSubmissionReadsAsTheChatGroupExpects() throws {
        let workflow = ApprovalWorkflow(
            id: "haiyan-month",
            name: "月度台账",
            covers: [.services],
            periodType: .month,
            levels: [.station, .county],
            deadline: ApprovalDeadline(day: 5)
        )
        let november = try ApprovalPeriod(parsing: "2021-11", type: .month)
        let reminder = ApprovalReminder(
            workflow: workflow,
            period: november,
            state: .open,
            dueOn: workflow.dueDay(of: november)
        )
        let event = DomainEvent.approvalReminder(
            .approvalOverdue,
            reminder,
            station: Fixtures.baibu,
            actor: .cli,
            at: Date()
        )
        let stored = StoredEvent(sequence: EventSequence(rawValue: 9), event: event)
        let template = MessageTemplate(templates: [
            "approval.overdue": "百步镇 {periodName}{workflowName}尚未提交,截止 {dueOn}"
        ])
        #expect(template.render(stored) == "百步镇 2021 年 11 月月度台账尚未提交,截止 2021-12-05")
        #expect(MessageTemplate(templates: [:]).render(stored).hasPrefix("【驿站】台账逾期未提交 · 社工站 baibu"))
    }

    /// A request left unaccepted past its limit reaches the chat group as the shipped template
    /// reads it: the category, the limit, when it fell due and who supervises it now (issue 26.3),
    /// and nothing the resident wrote.
    @Test func anOverdueRequestReadsAsTheChatGroupExpects() throws {
        let policy = RequestPolicy.shipped
        let filedAt = Date(millisecondsSince1970: 1_638_316_800_000)  // 2021-12-01 08:00 Beijing
        let ordinary = try #require(policy.category("ordinary"))
        let request = ResidentRequest(
            id: .generate(),
            station: Fixtures.baibu.id,
            village: Fixtures.baibuVillage,
            category: ordinary,
            channel: .webForm,
            anonymous: false,
            firstReceiver: nil,
            at: filedAt
        )
        let (late, happened) = RequestWorkflow(policy: policy).supervise(
            request,
            at: filedAt.addingTimeInterval(25 * 3600)
        )
        #expect(happened == [.overdue(.accept), .escalated(from: "liaison", to: "gridWorker")])
        let step = RequestStep(request: late, position: 1, kind: .supervise, actor: .supervision, at: filedAt)
        let events = DomainEvent.requestEvents(step, happened: happened, orgUnit: Fixtures.baibuTown, policy: policy)
        #expect(events.map(\.type) == [.requestOverdue, .requestEscalated])
        let stored = StoredEvent(sequence: EventSequence(rawValue: 12), event: events[0])
        let template = MessageTemplate(templates: [
            "request.overdue": "百步镇{categoryName}超过{limitName}(应于 {dueAt} 前),已上报{tierName}督办"
        ])
        #expect(template.render(stored) == "百步镇一般诉求超过受理时限(应于 2021-12-02 08:00:00 前),已上报网格员督办")
        #expect(MessageTemplate(templates: [:]).render(stored).hasPrefix("【驿站】居民诉求超过时限 · 社工站 baibu"))
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

    /// Tokens are hidden wherever a robot keeps them: WeCom's in the query, Feishu's in the path,
    /// and a webhook's secret path or user before the host (issue 21.13).
    @Test(arguments: [
        (
            "https://open.feishu.cn/open-apis/bot/v2/hook/${FEISHU_TOKEN}",
            "https://open.feishu.cn/open-apis/bot/v2/hook/${FEISHU_TOKEN}"
        ),
        ("https://hooks.example.com/services/T0123456789ABCDEFGH/x", "https://hooks.example.com/services/…/x"),
        ("https://user:pass@hooks.example.com/h?token=abc", "https://hooks.example.com/h?…"),
    ])
    func redactsTokensWhereverTheyAre(url: String, shown: String) throws {
        #expect(DeliveryURLRule.redacted(url) == shown)
        #expect(!DeliveryURLRule.redacted(url).contains("pass"))
        guard !url.contains("@") else { return }  // a user before the host is refused, not delivered to
        let endpoint = try Endpoint.resolve(
            subscription(kind: "feishu", url: url),
            environment: ["FEISHU_TOKEN": "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"],
            directory: URL(fileURLWithPath: "/tmp")
        )
        #expect(endpoint.url.absoluteString.contains(url.contains("$") ? "0f1e2d3c" : "T0123456789"))
        #expect(endpoint.redactedURL == shown && !endpoint.redactedURL.contains("0f1e2d3c"))
    }

    /// A variable that carries a host is checked once filled in: the metadata address is refused
    /// unless the operator allows link-local addresses.
    @Test func aHostFromTheEnvironmentIsCheckedOnceFilledIn() throws {
        let hooked = subscription(kind: "webhook", url: "https://${HOOK_HOST}/hook", secret: .init(env: "S", file: nil))
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        #expect {
            try Endpoint.resolve(
                hooked,
                environment: ["HOOK_HOST": "169.254.169.254", "S": secret],
                directory: URL(fileURLWithPath: "/tmp")
            )
        } throws: { ($0 as? NotifierError)?.code == .invalidURL }
        let allowed = try Endpoint.resolve(
            hooked,
            environment: ["HOOK_HOST": "169.254.169.254", "S": secret, "YIZHAN_NOTIFY_ALLOW_LINK_LOCAL": "1"],
            directory: URL(fileURLWithPath: "/tmp")
        )
        #expect(allowed.url.host == "169.254.169.254")
        #expect {
            try Endpoint.resolve(
                subscription(kind: "webhook", url: "https://hooks.example.com/h"),
                environment: [:],
                directory: URL(fileURLWithPath: "/tmp")
            )
        } throws: { ($0 as? NotifierError)?.code == .malformedSecret }
    }

    /// A value put into a robot's markdown cannot add a link or a mention to the message.
    @Test func markdownMessagesEscapeTheValuesFilledIn() {
        let event = DomainEvent(
            type: EventType(rawValue: "wish.posted"),
            occurredAt: Date(millisecondsSince1970: 0),
            orgUnit: Fixtures.haiyan,
            station: nil,
            actor: .cli,
            schemaVersion: 1,
            payload: #"{"title":"[点此领取](https://evil.example) @all <b>"}"#
        )
        let stored = StoredEvent(sequence: EventSequence(rawValue: 1), event: event)
        let template = MessageTemplate(templates: ["*": "**{title}**"])
        #expect(template.render(stored, markdown: true) == #"**\[点此领取\]\(https://evil.example\) \@all &lt;b&gt;**"#)
        #expect(template.render(stored) == "**[点此领取](https://evil.example) @all <b>**")
    }
}
