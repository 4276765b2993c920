import Foundation
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanRuntime

/// Issue 27.3: a retention period in configuration lists who is due and erases exactly them, once
/// the count reviewed is confirmed.
struct RetentionTests {
    @Test func dueDataIsErasedOnlyOnceTheReviewedCountIsConfirmed() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let workspace = try await PrivacyFixtures.workspace(in: folder.url)
        let policy = RetentionPolicy(clients: 3)
        try await workspace.withStore { store in
            let client = try #require(try await store.clients(in: .all, limit: 10).first)
            try await store.commit(
                Fixtures.recording([
                    Fixtures.record("visit-1", date: "2021-05-10", participants: .clients([client.id]))
                ])
            )
            func review(on day: String) throws -> ReviewRetention {
                ReviewRetention(store: store, clock: WorkClock(today: try CivilDate(parsing: day)))
            }
            let scope = Scope.within(Fixtures.haiyan)
            #expect(try await review(on: "2024-05-09").due(in: scope, policy: policy).isEmpty)
            let due = try await review(on: "2024-05-10").due(in: scope, policy: policy)
            #expect(due.map(\.activity.person) == [.client(client.id)])
            #expect(due.first?.dueOn.description == "2024-05-10")

            // A count that is not the one due now erases nobody and writes nothing.
            let before = try await store.lastEventSequence()
            await #expect(throws: InputError.self) {
                try await review(on: "2024-05-10").erase(in: scope, policy: policy, confirmed: 0, actor: .cli)
            }
            #expect(try await store.lastEventSequence() == before)
            #expect(try await store.clients([client.id]).first?.personal != nil)

            let erased = try await review(on: "2024-05-10").erase(in: scope, policy: policy, confirmed: 1, actor: .cli)
            #expect(erased == due)
            #expect(try await store.clients([client.id]).first?.personal == nil)
            let events = try await store.events(after: before, limit: 10).map(\.event)
            #expect(events.map(\.type) == [.personalDataErased])
            #expect(events.first?.payload.contains("retentionExpired") == true)
            #expect(try await review(on: "2030-01-01").due(in: scope, policy: policy).isEmpty)
        }
    }
}
