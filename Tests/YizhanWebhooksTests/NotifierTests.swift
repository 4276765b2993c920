import Foundation
import Logging
import Synchronization
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanSQLite
import YizhanWebhookTesting
import YizhanWebhooks

/// The notifier against a real HTTP receiver on loopback and a real SQLite store.
@Suite("Notifier delivery to a loopback receiver")
struct NotifierTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    /// A migrated store with the directory in a temporary folder.
    private func makeStore() async throws -> SQLiteStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-notify-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: folder.appendingPathComponent("yizhan.sqlite").path)
        try await store.migrate()
        try await store.commit(Fixtures.directory())
        return store
    }

    private func endpoint(
        _ receiver: LoopbackReceiver,
        kind: EndpointKind = .webhook,
        ordered: Bool = true,
        rate: Int? = nil,
        secrets: [String] = [NotifierTests.secret]
    ) -> Endpoint {
        Endpoint(
            name: "hook",
            kind: kind,
            url: URL(string: receiver.baseURL + "/hook?key=robot-token")!,
            secrets: secrets,
            selector: EventSelector(types: ["service.*", "subscription.*"], scope: .within(Fixtures.haiyan)),
            ordered: ordered,
            templates: ["service.*": "**新增服务记录** {kind} {personTimes} 人次"],
            ratePerMinute: rate
        )
    }

    private func notifier(
        _ store: SQLiteStore,
        _ endpoints: [Endpoint],
        retry: RetryPolicy = RetryPolicy(base: 10, cap: 60, maxAttempts: 3),
        clock: TestClock = TestClock()
    ) -> Notifier {
        Notifier(
            ledger: store,
            endpoints: endpoints,
            transport: AsyncHTTPTransport.shared,
            settings: NotifierSettings(claimant: "test", orgUnit: Fixtures.haiyan, requestTimeout: 5, retry: retry),
            logger: Logger(label: "test"),
            clock: { clock.now }
        )
    }

    /// A clock the test moves by hand, so retry schedules do not depend on how busy the machine is.
    final class TestClock: Sendable {
        private let instant = Mutex(Date())
        var now: Date { instant.withLock { $0 } }
        func advance(by seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    /// Records `count` services at Baibu (after the subscription was opened).
    private func record(_ count: Int, in store: SQLiteStore, prefix: String = "s") async throws -> [StoredEvent] {
        let before = try await store.lastEventSequence()
        try await store.commit(Fixtures.recording((1...count).map { Fixtures.record("\(prefix)\($0)") }))
        return try await store.events(after: before, limit: count)
    }

    @Test func deliversInOrderSignedPerStandardWebhooks() async throws {
        let receiver = try await LoopbackReceiver.start { _, _ in .init(status: 204) }
        let store = try await makeStore()
        let notifier = notifier(store, [endpoint(receiver)])
        _ = try await notifier.runOnce()  // opens the subscription at the end of the log
        let events = try await record(5, in: store)
        let summary = try await notifier.runOnce()
        #expect(summary.delivered == 5 && summary.eventsRead == 5)
        #expect(receiver.peakConcurrency == 1)  // in order: one at a time
        let requests = receiver.requests
        #expect(requests.map { $0.headers["webhook-id"] } == events.map(\.event.id.rawValue))
        let signer = try #require(StandardWebhookSigner(secrets: [Self.secret]))
        for request in requests {
            let id = try #require(request.headers["webhook-id"])
            let timestamp = try #require(request.headers["webhook-timestamp"].flatMap { Int64($0) })
            #expect(
                signer.verify(
                    header: request.headers["webhook-signature"] ?? "",
                    id: id,
                    timestamp: timestamp,
                    body: request.body
                )
            )
            let json = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
            let data = try #require(json["data"] as? [String: Any])
            #expect(json["type"] as? String == "service.recorded" && data["station"] as? String == "baibu")
            #expect((data["payload"] as? [String: Any])?["personTimes"] as? Int == 1)
        }
        #expect(try await notifier.runOnce().delivered == 0)  // nothing twice
        let progress = try await store.subscriptionProgress()
        #expect(progress[0].delivered == 5 && progress[0].pending == 0)
        try await receiver.stop()
    }

    @Test func aRetryThatThenSucceeds() async throws {
        let receiver = try await LoopbackReceiver.start { _, index in .init(status: index == 1 ? 503 : 200) }
        let store = try await makeStore()
        let clock = TestClock()
        let notifier = notifier(store, [endpoint(receiver)], clock: clock)
        _ = try await notifier.runOnce()
        _ = try await record(2, in: store)
        let first = try await notifier.runOnce()
        // The first fails and holds the second back (in order); neither is delivered yet.
        #expect(first.retried == 1 && first.delivered == 0 && receiver.requests.count == 1)
        #expect(try await notifier.runOnce().delivered == 0)  // not due yet: the first retry waits 5–10 s
        clock.advance(by: 10)
        #expect(try await notifier.runOnce().delivered == 2)
        let delivered = try await store.deliveries(subscription: "hook", statuses: [.delivered], limit: 5)
        #expect(delivered.map(\.attempts).sorted() == [1, 2])
        let ids = receiver.requests.compactMap { $0.headers["webhook-id"] }
        #expect(ids.count == 3 && ids[0] == ids[1])  // the same webhook-id on the retry
        try await receiver.stop()
    }

    @Test func aDeadLetterWhenTheScheduleRunsOutOrTheMessageIsRefused() async throws {
        let receiver = try await LoopbackReceiver.start { _, _ in .init(status: 500) }
        let store = try await makeStore()
        let clock = TestClock()
        let notifier = notifier(store, [endpoint(receiver)], clock: clock)
        _ = try await notifier.runOnce()
        _ = try await record(1, in: store)
        var summaries: [Notifier.Summary] = []
        for _ in 0..<3 {
            summaries.append(try await notifier.runOnce())
            clock.advance(by: 60)  // past the longest wait of this schedule
        }
        #expect(summaries.map(\.retried) == [1, 1, 0] && summaries.map(\.dead) == [0, 0, 1])
        let dead = try await store.deliveries(subscription: "hook", statuses: [.dead], limit: 5)
        #expect(dead.count == 1 && dead[0].attempts == 3 && receiver.requests.count == 3)
        #expect(dead[0].lastHTTPStatus == 500 && dead[0].lastError == "HTTP 500 (retries exhausted)")
        #expect(try await notifier.runOnce().dead == 0 && receiver.requests.count == 3)
        try await receiver.stop()

        let refusing = try await LoopbackReceiver.start { _, _ in .init(status: 422) }
        let other = try await makeStore()
        let strict = self.notifier(other, [endpoint(refusing)])
        _ = try await strict.runOnce()
        _ = try await record(2, in: other)
        let summary = try await strict.runOnce()
        // A refused message is a dead letter at once, and in order the next one still goes.
        #expect(summary.dead == 2 && refusing.requests.count == 2)
        try await refusing.stop()
    }

    @Test func a410DisablesTheEndpointWithAnEvent() async throws {
        let receiver = try await LoopbackReceiver.start { _, index in .init(status: index == 1 ? 410 : 200) }
        let store = try await makeStore()
        let clock = TestClock()
        let notifier = notifier(store, [endpoint(receiver)], clock: clock)
        _ = try await notifier.runOnce()
        _ = try await record(3, in: store)
        let summary = try await notifier.runOnce()
        #expect(summary.disabled == ["hook"] && receiver.requests.count == 1)
        let last = try await store.events(
            after: EventSequence(rawValue: try await store.lastEventSequence().rawValue - 1),
            limit: 1
        )
        let payload = try last[0].event.decodePayload(as: SubscriptionDisabled.self)
        #expect(payload.subscription == "hook" && payload.httpStatus == 410)
        #expect(!last[0].event.payload.contains("robot-token"))
        #expect(try await notifier.runOnce().delivered == 0 && receiver.requests.count == 1)
        let progress = try await store.subscriptionProgress()[0]
        #expect(progress.disabledReason == "HTTP 410 Gone" && progress.pending == 3)
        // Switched back on, everything pending goes, the disabling event included (it is in scope).
        let enabled = DomainEvent(
            SubscriptionEnabled(subscription: "hook"),
            orgUnit: Fixtures.haiyan,
            station: nil,
            actor: .cli,
            at: Date()
        )
        #expect(try await store.enableSubscription("hook", at: clock.now, event: enabled))
        #expect(try await notifier.runOnce().delivered == 5)
        try await receiver.stop()
    }

    @Test func robotsGetTheirMessageShapeAndSignature() async throws {
        let receiver = try await LoopbackReceiver.start { request, _ in
            request.uri.contains("feishu")
                ? .init(status: 200, body: #"{"code":0,"msg":"success","data":{}}"#)
                : .init(status: 200, body: #"{"errcode":0,"errmsg":"ok"}"#)
        }
        let store = try await makeStore()
        var wecom = endpoint(receiver, kind: .wecom, secrets: [])
        wecom.name = "wecom"
        var dingtalk = endpoint(receiver, kind: .dingtalk, secrets: ["SECexample"])
        dingtalk.name = "dingtalk"
        var text = endpoint(receiver, kind: .wecom, secrets: [])
        text.name = "wecom-text"
        text.markdown = false
        var feishu = endpoint(receiver, kind: .feishu, secrets: ["SECexample"])
        feishu.name = "feishu"
        feishu.url = URL(string: receiver.baseURL + "/feishu")!
        let notifier = notifier(store, [wecom, dingtalk, feishu, text])
        _ = try await notifier.runOnce()
        _ = try await record(1, in: store)
        #expect(try await notifier.runOnce().delivered == 4)
        let bodies = receiver.requests.map { try? JSONSerialization.jsonObject(with: $0.body) as? [String: Any] }
        let wecomMarkdown = bodies[0]?["markdown"] as? [String: Any]
        #expect(wecomMarkdown?["content"] as? String == "**新增服务记录** homeVisit 1 人次")
        #expect(receiver.requests[1].uri.contains("&timestamp=") && receiver.requests[1].uri.contains("&sign="))
        #expect((bodies[1]?["markdown"] as? [String: Any])?["title"] as? String == "新增服务记录")
        #expect(bodies[2]?["msg_type"] as? String == "interactive" && bodies[2]?["sign"] is String)
        #expect(bodies[3]?["msgtype"] as? String == "text")
        #expect((bodies[3]?["text"] as? [String: Any])?["content"] as? String == "**新增服务记录** homeVisit 1 人次")
        try await receiver.stop()
    }

    @Test func aRobotRateLimitPostponesWithoutCountingAnAttempt() async throws {
        let receiver = try await LoopbackReceiver.start { _, index in
            .init(
                status: 200,
                body: index == 2 ? #"{"errcode":45009,"errmsg":"api freq out of limit"}"# : #"{"errcode":0}"#
            )
        }
        let store = try await makeStore()
        let clock = TestClock()
        let notifier = notifier(store, [endpoint(receiver, kind: .wecom, rate: 3, secrets: [])], clock: clock)
        _ = try await notifier.runOnce()
        _ = try await record(5, in: store)
        let summary = try await notifier.runOnce()
        // 1 delivered; the 2nd is told to wait a minute and holds the rest back, uncounted.
        #expect(summary.delivered == 1 && summary.postponed == 4 && summary.retried == 0)
        let pending = try await store.deliveries(subscription: "hook", statuses: [.pending], limit: 10)
        #expect(pending.allSatisfy { $0.attempts == 0 })
        // A minute on the notifier's own clock, so a slow machine cannot make it look shorter.
        #expect(pending.contains { $0.nextAttemptAt >= clock.now.addingTimeInterval(59) })
        try await receiver.stop()

        // Our own window: 3 a minute, so of 5 events 3 go now and 2 wait for the window.
        let open = try await LoopbackReceiver.start { _, _ in .init(status: 200, body: #"{"errcode":0}"#) }
        let other = try await makeStore()
        let limited = self.notifier(other, [endpoint(open, kind: .wecom, rate: 3, secrets: [])])
        _ = try await limited.runOnce()
        _ = try await record(5, in: other)
        let window = try await limited.runOnce()
        #expect(window.delivered == 3 && window.postponed == 2 && open.requests.count == 3)
        try await open.stop()
    }

    @Test func aParallelSubscriptionDeliversEverythingOnce() async throws {
        let receiver = try await LoopbackReceiver.start { _, _ in .init(status: 200, delay: .milliseconds(20)) }
        let store = try await makeStore()
        let notifier = notifier(store, [endpoint(receiver, ordered: false)])
        _ = try await notifier.runOnce()
        let events = try await record(60, in: store)
        #expect(try await notifier.runOnce().delivered == 60)
        // Each answer takes 20 ms; in parallel, several wait for theirs at once (in order, one would).
        #expect(receiver.peakConcurrency > 1)
        let ids = Set(receiver.requests.compactMap { $0.headers["webhook-id"] })
        #expect(ids == Set(events.map(\.event.id.rawValue)) && receiver.requests.count == 60)
        try await receiver.stop()
    }
}

/// Issue 27.5: a daemon that finds the database held by another process waits and goes on.
struct NotifierBusyStoreTests {
    @Test func aStoreHeldByAnotherWriterPausesTheDaemonInsteadOfEndingIt() async throws {
        let receiver = try await LoopbackReceiver.start { _, _ in .init(status: 204) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-notify-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("yizhan.sqlite").path
        // The notifier's store gives up on a held lock after 0.2 s, so that the test does not wait a minute.
        let store = try SQLiteStore(path: path, busyTimeout: 0.2)
        try await store.migrate()
        try await store.commit(Fixtures.directory())
        let notifier = Notifier(
            ledger: store,
            endpoints: [
                Endpoint(
                    name: "hook",
                    kind: .webhook,
                    url: try #require(URL(string: receiver.baseURL + "/hook")),
                    secrets: [NotifierTests.secret],
                    selector: EventSelector(types: ["service.*"], scope: .within(Fixtures.haiyan))
                )
            ],
            transport: AsyncHTTPTransport.shared,
            settings: NotifierSettings(claimant: "test", orgUnit: Fixtures.haiyan, requestTimeout: 5),
            logger: Logger(label: "test")
        )
        _ = try await notifier.runOnce()  // opens the subscription at the end of the log
        try await store.commit(Fixtures.recording((1...5).map { Fixtures.record("s\($0)") }))

        // Another process holds the write lock, as an import does, until the test lets it go: the
        // holder says when it holds, so that no timing on a loaded machine decides what is tested.
        let other = try SQLiteStore(path: path)
        let (held, holds) = AsyncStream.makeStream(of: Void.self)
        let release = DispatchSemaphore(value: 0)
        defer { release.signal() }
        let holding = Task {
            _ = try await other.commit(checking: ContextRequest(station: Fixtures.baibu.id)) { _ in
                holds.yield()
                release.wait()
                return (ChangeSet(), ())
            }
        }
        for await _ in held { break }
        let ended = Mutex<String?>(nil)
        let daemon = Task {
            do {
                try await notifier.run()
                ended.withLock { $0 = "returned" }
            } catch {
                ended.withLock { $0 = "\(error)" }
            }
        }
        // While the lock is held nothing can be claimed, so nothing is sent, and the daemon waits.
        #expect(await !receiver.waitForRequests(1, timeout: .seconds(1)))
        #expect(ended.withLock { $0 } == nil)
        release.signal()
        try await holding.value
        // Its back-off is at most a minute; after the first few tries it is well under that.
        #expect(await receiver.waitForRequests(5, timeout: .seconds(60)))
        // Every event arrived, and the daemon is still running: it did not end on the held lock.
        #expect(ended.withLock { $0 } == nil)
        daemon.cancel()
        await daemon.value
        try await receiver.stop()
    }
}
