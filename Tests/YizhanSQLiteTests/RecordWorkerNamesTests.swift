import Foundation
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanSQLite

/// Workers a ledger names as people write them (王社工) are kept on the record as written, counted
/// in its event and never named there; a correction that names the worker settles them (issue 22.2).
struct RecordWorkerNamesTests {
    private func request(names: [String]) -> ServiceRecordRequest {
        ServiceRecordRequest(
            station: "baibu",
            kind: "homeVisit",
            date: "2021-03-01",
            durationMinutes: 30,
            workers: [Fixtures.workers[0].id.rawValue],
            workerNames: names,
            headCount: 2
        )
    }

    @Test func namesAreKeptOutOfEventsAndSettledByACorrection() async throws {
        let temporary = try await TemporaryStore()
        defer { temporary.remove() }
        try await temporary.store.commit(Fixtures.directory())
        let clock = WorkClock(today: Fixtures.date("2021-12-31"))
        let service = RecordService(store: temporary.store, clock: clock)
        let before = try await temporary.store.events(after: .start, limit: 1_000).count

        // A name is free text: one that carries a phone number, or none at all, is refused.
        let refused = await #expect(throws: InputError.self) {
            try await service.record(self.request(names: ["王社工13800138000", ""]), actor: .cli)
        }
        #expect(refused?.issues.map(\.field) == ["worker", "worker"])
        #expect(refused?.issues.first?.found.contains("138") == false)
        #expect(try await temporary.store.events(after: .start, limit: 1_000).count == before)

        let kept = try await service.record(request(names: ["王社工", "小李"]), actor: .cli)
        #expect(!kept.event.payload.contains("王社工") && !kept.event.payload.contains("小李"))
        let recorded = try kept.event.decodePayload(as: ServiceRecorded.self)
        #expect(recorded.workerCount == 3)
        #expect(try await temporary.store.serviceRecord(recorded.record)?.record.workerNames == ["王社工", "小李"])

        // A correction that leaves the workers alone keeps the names; one that names them settles them.
        let revise = ReviseService(store: temporary.store, clock: clock)
        let longer = try await revise.correct(
            recorded.record.rawValue,
            station: "baibu",
            with: ServiceCorrection(durationMinutes: 45),
            reason: "时长录错",
            actor: .cli
        )
        #expect(longer.changedFields == ["durationMinutes"] && longer.current?.workerNames == ["王社工", "小李"])
        let named = try await revise.correct(
            recorded.record.rawValue,
            station: "baibu",
            with: ServiceCorrection(workers: [Fixtures.workers[0].id.rawValue, Fixtures.workers[1].id.rawValue]),
            reason: "王社工即第二位社工",
            actor: .cli
        )
        #expect(named.changedFields == ["workers"])
        let stored = try await temporary.store.serviceRecord(recorded.record)?.record
        #expect(stored?.workerNames == [] && stored?.workers.count == 2)
    }
}
