import Foundation
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanReports
import YizhanSQLite

/// The county summary's figures from a real store, pinned where they are computed: person-times
/// counted one way (named people, else the head-count; trainings apart), the current version of a
/// corrected record, nothing of a voided one, nothing outside the period or the county.
struct CountySummaryTests {
    @Test func figuresCountTheCurrentVersionOfEachRecordInThePeriod() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("yizhan.sqlite").path)
        try await store.migrate()
        try await store.commit(Fixtures.directory())
        try await store.commit(
            Fixtures.recording([
                Fixtures.record("r1", participants: .clients([Fixtures.client.id])),
                Fixtures.record("r2", participants: .headCount(12)),
                Fixtures.record("r3", kind: .training, participants: .headCount(30)),
                Fixtures.record("r4", participants: .headCount(5)),
                Fixtures.record("r5", date: "2022-01-03", participants: .headCount(7)),
                Fixtures.record("r6", station: Fixtures.elsewhere, participants: .headCount(9)),
            ])
        )
        let revise = ReviseService(store: store, clock: WorkClock(today: Fixtures.date("2022-12-31")))
        _ = try await revise.correct(
            "r2",
            station: "baibu",
            with: ServiceCorrection(headCount: 20),
            reason: "人数录错",
            actor: .cli
        )
        _ = try await revise.void("r4", station: "baibu", reason: "重复录入", actor: .cli)

        let summary = try await CountySummary.build(
            from: store,
            county: Fixtures.haiyan,
            period: try CivilPeriod(start: Fixtures.date("2021-01-01"), end: Fixtures.date("2021-12-31"))
        )
        let baibu = try #require(summary.stations.first { $0.station == Fixtures.baibu.id })
        // r1 (1 named) + r2 (20 after its correction); r3 is training; r4 voided; r5 next year.
        #expect(baibu.figures.records == 3)
        #expect(baibu.figures.personTimes == 21)
        #expect(baibu.figures.trainingPersonTimes == 30)
        #expect(summary.totals.personTimes == 21, "the station outside the county is not counted")
        #expect(!summary.stations.contains { $0.station == Fixtures.elsewhere.id })
    }
}
