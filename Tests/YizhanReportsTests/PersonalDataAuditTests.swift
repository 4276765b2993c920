import Foundation
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanReports
import YizhanSQLite

/// Issue 27.3: `yizhan audit` lists every reveal, export, reseal and rotation with who, when,
/// whose (ids only) and why, and nothing else of the log.
struct PersonalDataAuditTests {
    @Test func listsWhatWasDoneWithPersonalDataByDayAndStation() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).sqlite")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteStore(path: path)
        try await store.migrate()
        try await store.commit(Fixtures.directory())
        // 2021-05-10 and 2021-05-11, 09:00 in Shanghai.
        let tenth = Date(timeIntervalSince1970: 1_620_608_400)
        let eleventh = tenth.addingTimeInterval(86_400)
        let client = Fixtures.client.id
        let events = [
            DomainEvent(
                PersonalDataRevealed(
                    client: client,
                    station: Fixtures.baibu.id,
                    fields: ["name", "phone"],
                    purpose: .referral
                ),
                orgUnit: Fixtures.baibuTown,
                station: Fixtures.baibu.id,
                actor: Actor(rawValue: "user:baibu.head"),
                at: tenth
            ),
            DomainEvent(
                PersonalDataExported(
                    station: Fixtures.ganpu.id,
                    ledger: "volunteers",
                    people: 12,
                    purpose: .submission,
                    format: "csv",
                    bytes: 900,
                    sha256: String(repeating: "ab", count: 32)
                ),
                orgUnit: Fixtures.ganpuTown,
                station: Fixtures.ganpu.id,
                actor: .cli,
                at: eleventh
            ),
            DomainEvent(
                KeyRotated(
                    from: String(repeating: "1", count: 32),
                    to: String(repeating: "2", count: 32),
                    clients: 3,
                    volunteers: 4
                ),
                orgUnit: Fixtures.haiyan,
                station: nil,
                actor: .cli,
                at: eleventh
            ),
        ]
        try await store.commit(ChangeSet(events: events))

        let all = try await PersonalDataAudit.build(from: store, batchSize: 2)
        #expect(all.entries.map(\.kind) == [.revealed, .exported, .keyRotated])
        let reveal = try #require(all.entries.first)
        #expect(reveal.actor == "user:baibu.head" && reveal.client == client && reveal.fields == ["name", "phone"])
        #expect(reveal.purpose == .referral && reveal.station == Fixtures.baibu.id)
        let export = all.entries[1]
        #expect(export.ledger == "volunteers" && export.people == 12 && export.detail.hasPrefix("csv SHA-256 abab"))
        #expect(all.entries[2].people == 7 && all.entries[2].detail == "11111111… → 22222222…")

        let day = try CivilDate(parsing: "2021-05-10")
        #expect(try await PersonalDataAudit.build(from: store, days: day...day).entries.map(\.kind) == [.revealed])
        let ganpu = try await PersonalDataAudit.build(from: store, station: Fixtures.ganpu.id)
        #expect(ganpu.entries.map(\.kind) == [.exported])
    }
}
