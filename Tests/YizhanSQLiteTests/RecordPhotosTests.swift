import Foundation
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanSQLite

/// A record that keeps photos of its work needs each named client's consent to 照片影像使用
/// (issue 21.7): refused by name without it, kept and corrected with it.
struct RecordPhotosTests {
    private func request(photos: Int, clients: [String]) -> ServiceRecordRequest {
        ServiceRecordRequest(
            station: "baibu",
            kind: "homeVisit",
            date: "2021-03-01",
            durationMinutes: 30,
            workers: [Fixtures.workers[0].id.rawValue],
            clients: clients,
            photos: photos
        )
    }

    @Test func photosNeedEachNamedClientsConsentToImagery() async throws {
        let temporary = try await TemporaryStore()
        defer { temporary.remove() }
        var directory = Fixtures.directory()
        var photographed = Fixtures.client
        photographed.id = try ClientID("baibu-c2")
        photographed.consent = Consent(on: Fixtures.date("2021-01-04"), scope: [.personalInformation, .imagery])
        directory.register(photographed, at: Fixtures.baibu, by: .demo, at: Date())
        try await temporary.store.commit(directory)
        let clock = WorkClock(today: Fixtures.date("2021-12-31"))
        let service = RecordService(store: temporary.store, clock: clock)
        let before = try await temporary.store.events(after: .start, limit: 1_000).count

        // baibu-c1 consented to services, their data and referral, not to photos.
        let refused = await #expect(throws: InputError.self) {
            try await service.record(self.request(photos: 3, clients: ["baibu-c1", "baibu-c2"]), actor: .cli)
        }
        #expect(refused?.issues.map(\.field) == ["photos"])
        #expect(refused?.issues.map(\.found) == ["baibu-c1"])
        #expect(refused?.issues.first?.expected.zhHans.contains("须含「照片影像使用」") == true)
        let tooMany = await #expect(throws: InputError.self) {
            try await service.record(self.request(photos: 1_000, clients: ["baibu-c2"]), actor: .cli)
        }
        #expect(tooMany?.issues.map(\.field) == ["photos"])
        #expect(try await temporary.store.events(after: .start, limit: 1_000).count == before)

        // Without photos the same people need no imagery consent; with it, the count is kept.
        _ = try await service.record(request(photos: 0, clients: ["baibu-c1"]), actor: .cli)
        let kept = try await service.record(request(photos: 3, clients: ["baibu-c2"]), actor: .cli)
        let record = try kept.event.decodePayload(as: ServiceRecorded.self).record
        #expect(try await temporary.store.serviceRecord(record)?.record.photos == 3)

        // A correction that adds baibu-c1 to a record with photos is refused the same way.
        let revise = ReviseService(store: temporary.store, clock: clock)
        let correction = await #expect(throws: InputError.self) {
            try await revise.correct(
                record.rawValue,
                station: "baibu",
                with: ServiceCorrection(clients: ["baibu-c1", "baibu-c2"]),
                reason: "补记参加者",
                actor: .cli
            )
        }
        #expect(correction?.issues.map(\.found) == ["baibu-c1"])
        let fewer = try await revise.correct(
            record.rawValue,
            station: "baibu",
            with: ServiceCorrection(photos: 2),
            reason: "照片张数录错",
            actor: .cli
        )
        #expect(fewer.changedFields == ["photos"] && fewer.current?.photos == 2)
    }
}
