import Foundation
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanSQLite

/// `CaseWork` on a real store: opening checks the client, worker and date; moves follow the stage
/// machine; an overdue stage is announced once, on the first day past its limit.
struct CaseWorkTests {
    /// 百步 with the Haiyan template's limits (config/templates/haiyan-123n.yaml).
    private func store() async throws -> TemporaryStore {
        let temporary = try await TemporaryStore()
        try await temporary.store.commit(Fixtures.directory())
        var station = Fixtures.baibu
        station.caseStageDays = [.intake: 7, .assessment: 14, .plan: 14, .intervention: 90, .evaluation: 30]
        var change = ChangeSet()
        change.configure(station, by: .cli, at: Date())
        try await temporary.store.commit(change)
        return temporary
    }

    private let worker = Fixtures.workers[0].id.rawValue

    @Test func openingRefusesAnotherStationsClientAnUnknownWorkerAndAFutureDate() async throws {
        let temporary = try await store()
        defer { temporary.remove() }
        let work = CaseWork(store: temporary.store)
        let error = await #expect(throws: InputError.self) {
            try await work.open(
                station: "ganpu",
                client: Fixtures.client.id.rawValue,
                worker: "nobody",
                date: "2099-01-01",
                actor: .cli
            )
        }
        #expect(error?.issues.map(\.field) == ["client", "worker", "date"])
        let (file, stored) = try await work.open(
            station: "baibu",
            client: Fixtures.client.id.rawValue,
            worker: worker,
            date: "2021-03-01",
            actor: .cli
        )
        #expect(file.stage == .intake && stored.event.type == .caseOpened)
        #expect(!stored.event.payload.contains("示例"))  // ids and dates, never a name
    }

    @Test func overdueIsAnnouncedOnceAStageOnTheFirstDayPastItsLimit() async throws {
        let temporary = try await store()
        defer { temporary.remove() }
        let work = CaseWork(store: temporary.store)
        let (file, _) = try await work.open(
            station: "baibu",
            client: Fixtures.client.id.rawValue,
            worker: worker,
            date: "2021-03-01",
            actor: .cli
        )
        // Intake allows 7 days: the 8th day (2021-03-08) is still within, the 9th is past.
        #expect(try await work.announceOverdue(in: .all, on: Fixtures.date("2021-03-08"), actor: .cli).isEmpty)
        let notices = try await work.announceOverdue(in: .all, on: Fixtures.date("2021-03-09"), actor: .cli)
        #expect(notices.map(\.stage) == [.intake] && notices.first?.days == 8 && notices.first?.limit == 7)
        #expect(try await work.announceOverdue(in: .all, on: Fixtures.date("2021-03-20"), actor: .cli).isEmpty)

        // A new stage starts a new clock and may be announced in its turn.
        try await work.move(file.id.rawValue, to: "预估", date: "2021-03-10", worker: worker, actor: .cli)
        #expect(try await work.announceOverdue(in: .all, on: Fixtures.date("2021-03-24"), actor: .cli).isEmpty)
        #expect(
            try await work.announceOverdue(in: .all, on: Fixtures.date("2021-03-25"), actor: .cli).map(\.stage) == [
                .assessment
            ]
        )

        // Closed, referred or ended cases are never overdue.
        try await work.move(file.id.rawValue, to: "referred", date: "2021-03-26", worker: worker, actor: .cli)
        #expect(try await work.announceOverdue(in: .all, on: Fixtures.date("2022-01-01"), actor: .cli).isEmpty)
        let events = try await temporary.store.events(after: .start, limit: 1_000).map(\.event.type)
        #expect(events.filter { $0 == .caseOverdue }.count == 2)
        #expect(events.filter { $0 == .caseMoved }.count == 2)
    }

    @Test func movesOutsideTheStageMachineAreRefusedAndWriteNothing() async throws {
        let temporary = try await store()
        defer { temporary.remove() }
        let work = CaseWork(store: temporary.store)
        let (file, _) = try await work.open(
            station: "baibu",
            client: Fixtures.client.id.rawValue,
            worker: worker,
            date: "2021-03-01",
            actor: .cli
        )
        let before = try await temporary.store.lastEventSequence()
        let refused = await #expect(throws: CaseTransitionError.self) {
            try await work.move(file.id.rawValue, to: "结案", date: "2021-03-02", worker: worker, actor: .cli)
        }
        #expect(refused?.message(in: .zhHans) == "个案处于接案,不能直接转到结案;可转到:预估、转介、中止")
        await #expect(throws: CaseTransitionError.self) {
            try await work.move(file.id.rawValue, to: "预估", date: "2021-02-28", worker: worker, actor: .cli)
        }
        let unknown = await #expect(throws: InputError.self) {
            try await work.move(file.id.rawValue, to: "跳舞", date: "2021-03-02", worker: worker, actor: .cli)
        }
        #expect(unknown?.issues.map(\.field) == ["stage"])
        #expect(try await temporary.store.lastEventSequence() == before)
        #expect(try await temporary.store.caseFile(file.id)?.stage == .intake)
    }
}
