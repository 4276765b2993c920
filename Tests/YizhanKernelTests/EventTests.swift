import Foundation
import Testing
import YizhanKernel

struct EventTests {
    @Test func payloadsAreSortedJSONWithoutNames() throws {
        let worker = Worker(
            id: try WorkerID("w1"),
            station: try StationID("baibu"),
            name: "王小明",
            role: .staff,
            birthDate: try CivilDate(parsing: "1990-01-02"),
            qualification: .assistantSocialWorker,
            isPartyMember: true
        )
        let event = DomainEvent(
            WorkerRegistered(worker),
            orgUnit: try DivisionCode("330424102"),
            station: worker.station,
            actor: .cli,
            at: Date(timeIntervalSince1970: 1_636_000_000.123_4)
        )
        #expect(event.type.rawValue == "worker.registered")
        #expect(
            event.payload
                == #"{"isPartyMember":true,"qualification":"assistantSocialWorker","role":"staff","station":"baibu","worker":"w1"}"#
        )
        #expect(!event.payload.contains("王小明") && !event.payload.contains("1990"))
        #expect(event.occurredAt.millisecondsSince1970 == 1_636_000_000_123)
    }

    @Test func personTimesCountNamesOrHeads() throws {
        let names = Participants.clients([try ClientID("a"), try ClientID("b")])
        #expect(names.count == 2)
        #expect(Participants.headCount(40).count == 40)
    }
    /// `service.recorded` is written by hand for speed (one per imported row): it must be the very
    /// text `JSONEncoder` writes, with and without each optional field.
    @Test func theHandWrittenServiceRecordedIsTheEncodersText() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var plain = ServiceRecord(
            id: try ServiceRecordID("0193f5a0-0000-7000-8000-000000000001"),
            station: try StationID("baibu"),
            kind: .homeVisit,
            date: try CivilDate(parsing: "2021-11-05"),
            durationMinutes: 45,
            workers: [],
            participants: .headCount(12)
        )
        var full = plain
        full.village = try DivisionCode("330424102201")
        full.workers = [try WorkerID("w1"), try WorkerID("w-2")]
        full.participants = .clients([try ClientID("c1"), try ClientID("c_2")])
        full.program = try ProgramID("baibu.program")
        full.programVersion = 3
        full.subProject = try SubProjectID("sp-1")
        full.group = try GroupID("g.1")
        plain.kind = .training
        for record in [plain, full] {
            let payload = ServiceRecorded(record)
            let event = DomainEvent(
                payload,
                orgUnit: try DivisionCode("330424102"),
                station: record.station,
                actor: .cli,
                at: Date()
            )
            #expect(event.payload == String(decoding: try encoder.encode(payload), as: UTF8.self))
        }
    }
}
