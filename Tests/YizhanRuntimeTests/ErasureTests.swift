import Foundation
import GRDB
import Testing
import YizhanConfig
import YizhanKernel
import YizhanKernelTesting
import YizhanPrivacy
import YizhanReports
import YizhanRuntime

/// Issue 27.3: erasing a person removes their data from the database files, keeps their
/// de-identified history so that no figure changes, and records who erased whom and why.
struct ErasureTests {
    @Test func anErasedPersonIsNowhereInTheFilesAndTheFiguresStay() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let workspace = try await PrivacyFixtures.workspace(in: folder.url)
        let (client, sealed) = try await workspace.withStore { store in
            let client = try #require(try await store.clients(in: .all, limit: 10).first)
            try await store.commit(
                Fixtures.recording([Fixtures.record("visit-1", participants: .clients([client.id]))])
            )
            return (client, try #require(client.personal))
        }
        let period = try ReportPeriod(parsing: "2021").range
        let before = try await workspace.withStore { store in
            try await CountySummary.build(from: store, county: Fixtures.haiyan, period: period)
        }
        let traces = [
            "王小明", "330424198506120014", "13800000001", sealed.name, try #require(sealed.idNumber),
            try #require(sealed.idNumberDigest), try #require(sealed.phone), try #require(sealed.phoneDigest),
        ]
        let path = folder.url.appendingPathComponent("yizhan.sqlite").path
        #expect(try contents(of: path).contains { bytes in traces.dropFirst(3).contains { bytes.contains($0) } })

        try await workspace.withStore { store in
            let erasing = ErasePersonalData(store: store)
            // Outside the scope it is asked in, nobody is found and nothing changes.
            await #expect(throws: InputError.self) {
                try await erasing.erase(
                    client: client.id,
                    in: .station(Fixtures.ganpu.id),
                    reason: .personRequested,
                    actor: .cli
                )
            }
            #expect(try await store.clients([client.id]).first?.personal != nil)
            try await erasing.erase(
                client: client.id,
                in: .within(Fixtures.haiyan),
                reason: .personRequested,
                actor: .cli
            )
            // Once erased, there is nothing left to erase.
            await #expect(throws: InputError.self) {
                try await erasing.erase(
                    client: client.id,
                    in: .within(Fixtures.haiyan),
                    reason: .personRequested,
                    actor: .cli
                )
            }
            let kept = try #require(try await store.clients([client.id]).first)
            #expect(kept.personal == nil && kept.station == client.station && kept.consent == client.consent)
            let events = try await store.events(after: .start, limit: 1_000)
            let erased = try #require(events.last { $0.event.type == .personalDataErased })
            let payload = try erased.event.decodePayload(as: PersonalDataErased.self)
            #expect(payload.client == client.id && payload.reason == .personRequested)
            #expect(!traces.contains { erased.event.payload.contains($0) })
            let audit = try await PersonalDataAudit.build(from: store)
            #expect(audit.entries.last?.kind == .erased && audit.entries.last?.erasure == .personRequested)
        }
        let after = try await workspace.withStore { store in
            try await CountySummary.build(from: store, county: Fixtures.haiyan, period: period)
        }
        #expect(after == before)

        // Checkpointed, the log's pages are in the file; neither holds any trace of the person.
        let queue = try DatabaseQueue(path: path)
        try await queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
        for (file, bytes) in try contents(of: path).enumerated() {
            for trace in traces {
                #expect(!bytes.contains(trace), "file \(file) still holds \(trace.prefix(12))")
            }
        }
    }

    /// The bytes of the database file and its write-ahead log, as text-searchable data.
    private func contents(of path: String) throws -> [Data] {
        try [path, path + "-wal"].filter { FileManager.default.fileExists(atPath: $0) }.map {
            try Data(contentsOf: URL(fileURLWithPath: $0))
        }
    }
}

extension Data {
    /// Whether the UTF-8 bytes of `text` appear in the data.
    fileprivate func contains(_ text: String) -> Bool {
        range(of: Data(text.utf8)) != nil
    }
}
