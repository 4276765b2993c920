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
}
