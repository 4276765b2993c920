import Foundation
import Synchronization
import Testing
import YizhanRuntime
import YizhanWebhookTesting

/// The built `yizhan-notify` delivering the demo workspace's events to a receiver on loopback.
@Suite(.serialized)
struct NotifierCommandTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    /// The demo's service records, all in Haiyan: the events the subscription selects.
    static let serviceEvents = 3_915

    /// A demo workspace `ws` subscribed (in order) to every service event of Haiyan, replayed from the start.
    private func subscribedDemo(_ scratch: Scratch, receiver: LoopbackReceiver) async throws -> [String: String] {
        #expect(try await CommandLine.run(["demo", "ws"], in: scratch.url).status == 0)
        let subscriptions = """
            subscriptions:
              - name: county-system
                kind: webhook
                url: \(receiver.baseURL)/hook
                secret: { env: HOOK_SECRET }
                events: ["service.*"]
                scope: { county: "330424" }
            """
        try subscriptions.write(
            to: scratch.url.appendingPathComponent("ws/subscriptions.yaml"),
            atomically: true,
            encoding: .utf8
        )
        let environment = [
            "YIZHAN_WORKSPACE": scratch.url.appendingPathComponent("ws").path, "HOOK_SECRET": Self.secret,
        ]
        let replay = try await notify(["replay", "--since", "2000-01-01"], scratch, environment)
        #expect(replay.status == 0, "\(replay.errors)")
        #expect(replay.output.contains("county-system:重新排队 3915 条"))
        return environment
    }

    private func notify(
        _ arguments: [String],
        _ scratch: Scratch,
        _ environment: [String: String]
    ) async throws
        -> CommandLine.Result
    {
        try await CommandLine.run(arguments, in: scratch.url, environment: environment, executable: "yizhan-notify")
    }

    /// Starts `yizhan-notify run` with a short lease and waits until the receiver has `count` requests.
    private func startDaemon(
        _ scratch: Scratch,
        _ environment: [String: String],
        until count: Int,
        receiver: LoopbackReceiver
    ) async throws -> ChildProcess {
        let daemon = try CommandLine.start(
            "yizhan-notify",
            ["run", "--lease", "2", "--timeout", "1", "--batch-size", "50"],
            in: scratch.url,
            environment: environment
        )
        #expect(await receiver.waitForRequests(count, timeout: .seconds(60)))
        return daemon
    }

    /// Whether the receiver answers slowly (a switch the test flips).
    final class Brake: Sendable {
        private let on = Mutex(true)
        var isOn: Bool { on.withLock { $0 } }
        func release() { on.withLock { $0 = false } }
    }

    @Test func killedMidBatchAndRestartedEveryEventArrivesAtLeastOnce() async throws {
        // Past the 400th request the receiver slows down until the kill, so that however loaded the
        // machine, the daemon is still mid-way when it is killed.
        let brake = Brake()
        let receiver = try await LoopbackReceiver.start { _, index in
            .init(status: 204, delay: index > 400 && brake.isOn ? .milliseconds(20) : .milliseconds(1))
        }
        let scratch = try Scratch()
        defer { scratch.remove() }
        let environment = try await subscribedDemo(scratch, receiver: receiver)
        let daemon = try await startDaemon(scratch, environment, until: 400, receiver: receiver)
        daemon.send(SIGKILL)
        let killed = await daemon.ended()
        brake.release()
        #expect(killed == 128 + SIGKILL)
        let atKill = receiver.requests.count
        #expect(atKill < Self.serviceEvents, "the daemon finished before it was killed")
        // The killed process's leases last 2 s; after them another run takes its batch over.
        try await Task.sleep(for: .milliseconds(2_500))
        let rest = try await notify(["run", "--once", "--json"], scratch, environment)
        #expect(rest.status == 0, "\(rest.errors)")
        let ids = receiver.requests.compactMap { $0.headers["webhook-id"] }
        #expect(Set(ids).count == Self.serviceEvents)
        // At most the one batch in flight at the kill was sent twice.
        #expect(ids.count - Self.serviceEvents <= 50)
        let status = try await notify(["status", "--json"], scratch, environment)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [[String: Any]])
        #expect(rows.first?["delivered"] as? Int == Self.serviceEvents && rows.first?["pending"] as? Int == 0)
        try await receiver.stop()
    }

    @Test func sigtermFinishesTheBatchInFlightSoNothingIsSentTwice() async throws {
        let receiver = try await LoopbackReceiver.start { _, _ in .init(status: 200, delay: .milliseconds(1)) }
        let scratch = try Scratch()
        defer { scratch.remove() }
        let environment = try await subscribedDemo(scratch, receiver: receiver)
        let daemon = try await startDaemon(scratch, environment, until: 300, receiver: receiver)
        daemon.send(SIGTERM)
        #expect(await daemon.ended() == 0)
        let rest = try await notify(["run", "--once"], scratch, environment)
        #expect(rest.status == 0, "\(rest.errors)")
        let ids = receiver.requests.compactMap { $0.headers["webhook-id"] }
        #expect(ids.count == Self.serviceEvents && Set(ids).count == Self.serviceEvents)
        try await receiver.stop()
    }

    /// Failures are logged and counted, and neither the logs nor the metrics carry a secret or a token.
    @Test func logsAndMetricsCarryNoSecretOrToken() async throws {
        let receiver = try await LoopbackReceiver.start { request, _ in
            request.uri.hasPrefix("/wecom")
                ? .init(status: 200, body: #"{"errcode":93000,"errmsg":"invalid webhook url"}"#) : .init(status: 503)
        }
        let scratch = try Scratch()
        defer { scratch.remove() }
        var environment = try await subscribedDemo(scratch, receiver: receiver)
        let token = "robot-token-7f3a9c"
        environment["ROBOT_KEY"] = token
        environment["YIZHAN_LOG_LEVEL"] = "trace"
        let subscriptions = """
            subscriptions:
              - name: county-system
                kind: webhook
                url: \(receiver.baseURL)/hook
                secret: { env: HOOK_SECRET }
                events: ["service.*"]
              - name: baibu-group
                kind: wecom
                url: \(receiver.baseURL)/wecom?key=${ROBOT_KEY}
                events: ["*"]
            """
        try subscriptions.write(
            to: scratch.url.appendingPathComponent("ws/subscriptions.yaml"),
            atomically: true,
            encoding: .utf8
        )
        await #expect(
            try notify(["replay", "--since", "2000-01-01", "--subscription", "baibu-group"], scratch, environment)
                .status == 0
        )
        let metrics = scratch.url.appendingPathComponent("notify.prom")
        let run = try await notify(["run", "--once", "--metrics-file", metrics.path], scratch, environment)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("已停用订阅 baibu-group"))
        #expect(run.errors.contains("delivery failed, will retry") && run.errors.contains("subscription disabled"))
        let exposition = try String(contentsOf: metrics, encoding: .utf8)
        #expect(exposition.contains(#"yizhan_notify_retried_total{subscription="county-system"} 1"#))
        for text in [run.output, run.errors, exposition] {
            #expect(!text.contains(token) && !text.contains("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        }
        let status = try await notify(["status"], scratch, environment)
        #expect(status.output.contains("/wecom?…") && !status.output.contains(token))
        #expect(status.output.contains("已停用:WeCom errcode 93000"))
        try await receiver.stop()
    }

    /// A workspace with people in it, every event about them sent to a webhook and a chat robot: no
    /// name, ID number, phone, category or free text a worker typed reaches a request, a log line
    /// or `status` (issue 21.8, 21.9 and the scan of "what it must show").
    @Test func eventsAboutPeopleReachNoRequestLogOrStatusWithTheirData() async throws {
        let receiver = try await LoopbackReceiver.start { request, _ in
            request.uri.hasPrefix("/wecom")
                ? .init(status: 200, body: #"{"errcode":0,"errmsg":"ok"}"#) : .init(status: 204)
        }
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(try await CommandLine.run(["demo", "ws"], in: scratch.url).status == 0)
        let workspace = scratch.url.appendingPathComponent("ws")
        var environment = [
            "YIZHAN_WORKSPACE": workspace.path, "HOOK_SECRET": Self.secret, "ROBOT_KEY": "robot-key-51e0",
        ]
        let yizhan = { (arguments: [String]) async throws -> CommandLine.Result in
            try await CommandLine.run(arguments, in: scratch.url, environment: environment)
        }
        let roster = LedgerImportTests.ledgers.appendingPathComponent("clients-bom.csv").path
        let rejections = scratch.url.appendingPathComponent("rejections.csv").path
        let imported = try await yizhan(
            ["import", "clients", roster, "--station", "baibu", "--skip-invalid", "--rejections", rejections]
                + LedgerImportTests.statedConsent
        )
        #expect(imported.status == 0, "\(imported.errors)")
        let list = try await yizhan(["client", "list", "--station", "baibu", "--json"])
        let clients = (try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]] ?? [])
            .compactMap { $0["id"] as? String }
        try #require(clients.count == 3)
        let scopes = ["--consent-scope", "接受服务", "--consent-scope", "个人信息收集与使用", "--consent-scope", "转介"]
        await #expect(
            try yizhan(["client", "consent", clients[1], "--consent-date", "2021-03-02"] + scopes).status == 0
        )
        await #expect(try yizhan(["client", "show", clients[1], "--reveal", "--reason", "核实身份"]).status == 0)
        let visit = try await yizhan([
            "record", "add", "--station", "baibu", "--kind", "走访", "--date", "2021-03-03", "--duration", "40",
            "--worker", "baibu-w3", "--client", clients[1], "--json",
        ])
        let record = try #require(
            (try JSONSerialization.jsonObject(with: Data(visit.output.utf8)) as? [String: Any])?["record"] as? String
        )
        let reason = "李大爷家访时长录错"
        let corrected = try await yizhan([
            "record", "correct", record, "--station", "baibu", "--duration", "50", "--reason", reason,
        ])
        #expect(corrected.status == 0, "\(corrected.errors)")
        let referred = try await yizhan([
            "referral", "add", "--station", "baibu", "--client", clients[1], "--to", "县法律援助中心",
            "--date", "2021-03-04", "--worker", "baibu-w3",
        ])
        #expect(referred.status == 0, "\(referred.errors)")

        let types = #"["client.*", "ledger.*", "personaldata.*", "referral.*", "service.corrected"]"#
        let subscriptions = """
            subscriptions:
              - name: county-system
                kind: webhook
                url: \(receiver.baseURL)/hook
                secret: { env: HOOK_SECRET }
                events: \(types)
              - name: baibu-group
                kind: wecom
                url: \(receiver.baseURL)/wecom?key=${ROBOT_KEY}
                events: \(types)
            """
        try subscriptions.write(
            to: workspace.appendingPathComponent("subscriptions.yaml"),
            atomically: true,
            encoding: .utf8
        )
        environment["YIZHAN_LOG_LEVEL"] = "trace"
        let replay = try await notify(["replay", "--since", "2000-01-01"], scratch, environment)
        #expect(replay.status == 0, "\(replay.errors)")
        let run = try await notify(["run", "--once"], scratch, environment)
        #expect(run.status == 0, "\(run.errors)")
        // ledger.imported, 3 × client.registered, client.consentrecorded, personaldata.revealed,
        // service.corrected and referral.made, to each of the two.
        #expect(receiver.requests.count == 16)
        let status = try await notify(["status"], scratch, environment)
        let statusJSON = try await notify(["status", "--json"], scratch, environment)
        #expect(status.output.contains("county-system") && statusJSON.output.contains("\"delivered\" : 8"))

        let categories = [
            "留守儿童", "孤老", "低保", "特困", "残疾", "leftBehindChild", "elderlyAlone", "minimumLivingAllowance",
            "extremePoverty", "disabled",
        ]
        let texts =
            receiver.requests.map { String(decoding: $0.body, as: UTF8.self) + $0.uri }
            + [replay, run, status, statusJSON].flatMap { [$0.output, $0.errors] }
        for text in texts {
            for value in LedgerImportTests.personalData + categories + [reason, "李大爷家访"] {
                #expect(!text.contains(value), "\(value) leaked: \(text.prefix(300))")
            }
        }
        try await receiver.stop()
    }

    @Test func aBadSubscriptionFileNamesTheProblem() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(
            try await CommandLine.run(["init", "ws", "--county", "330424", "--name", "海盐县"], in: scratch.url).status
                == 0
        )
        let bad = """
            subscriptions:
              - name: robot
                kind: wecom
                url: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc
                events: ["service.*"]
            """
        try bad.write(
            to: scratch.url.appendingPathComponent("ws/subscriptions.yaml"),
            atomically: true,
            encoding: .utf8
        )
        let environment = ["YIZHAN_WORKSPACE": scratch.url.appendingPathComponent("ws").path]
        let result = try await notify(["status"], scratch, environment)
        #expect(result.status == 1)
        #expect(result.errors.contains("subscriptions[0].url") && result.errors.contains("${BAIBU_WECOM_KEY}"))
        let missing = """
            subscriptions:
              - name: robot
                kind: wecom
                url: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${ROBOT_KEY}
                events: ["service.*"]
            """
        try missing.write(
            to: scratch.url.appendingPathComponent("ws/subscriptions.yaml"),
            atomically: true,
            encoding: .utf8
        )
        let unset = try await notify(["status"], scratch, environment)
        #expect(unset.status == 1 && unset.errors.contains("订阅 robot") && unset.errors.contains("ROBOT_KEY"))
    }
}
