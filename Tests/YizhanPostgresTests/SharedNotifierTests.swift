import Foundation
import Logging
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanPostgres
import YizhanWebhookTesting
import YizhanWebhooks

/// Several notifiers on one PostgreSQL database: claims with SKIP LOCKED hand each delivery to one.
@Suite(.enabled(if: hasServer, "set YIZHAN_TEST_POSTGRES_URL, e.g. $(.ci/start-postgres)"))
struct SharedNotifierTests {
    @Test(arguments: [true, false])
    func threeNotifiersShareOneDatabaseAndSendEachEventOnce(ordered: Bool) async throws {
        let receiver = try await LoopbackReceiver.start { _, _ in .init(status: 204, delay: .milliseconds(2)) }
        try await withFreshStore { store in
            try await store.commit(Fixtures.directory())
            let endpoint = Endpoint(
                name: "shared",
                kind: .webhook,
                url: URL(string: receiver.baseURL + "/hook")!,
                selector: EventSelector(types: ["service.*"], scope: .within(Fixtures.haiyan)),
                ordered: ordered
            )
            let notifiers = (1...3).map { index in
                Notifier(
                    ledger: store,
                    endpoints: [endpoint],
                    transport: AsyncHTTPTransport.shared,
                    settings: NotifierSettings(claimant: "process-\(index)", orgUnit: Fixtures.haiyan, batchSize: 10),
                    logger: Logger(label: "test")
                )
            }
            try await store.openSubscriptions(["shared"], at: Date())
            try await store.commit(Fixtures.recording((1...150).map { Fixtures.record("n\($0)") }))
            // The three run at once until everything is delivered.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for notifier in notifiers {
                    group.addTask {
                        while try await store.subscriptionProgress()[0].delivered < 150 {
                            _ = try await notifier.runOnce()
                        }
                    }
                }
                try await group.waitForAll()
            }
            let ids = receiver.requests.compactMap { $0.headers["webhook-id"] }
            #expect(ids.count == 150 && Set(ids).count == 150)
            if ordered {
                // In order, one claimant at a time: the receiver saw the log's order.
                let events = try await store.events(after: .start, limit: 1_000).filter {
                    $0.event.type == .serviceRecorded
                }
                #expect(ids == events.map(\.event.id.rawValue))
                #expect(receiver.peakConcurrency == 1)
            }
        }
        try await receiver.stop()
    }
}
