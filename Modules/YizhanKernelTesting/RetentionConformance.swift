import Foundation
import Testing
import YizhanKernel

extension StoreConformance {
    /// What a retention review reads: for each person whose data is still kept, the last day
    /// anything was recorded with them and whether a case is open — and nothing of the erased.
    static func personalDataActivity(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let sealed = SealedPersonalData(name: "v1:name", idNumber: nil, idNumberDigest: nil, phone: nil)
        func client(_ raw: String, at station: Station = Fixtures.baibu, consentOn day: String? = nil) -> Client {
            var client = Fixtures.client
            client.id = Fixtures.id(raw)
            client.station = station.id
            client.personal = sealed
            client.consent = day.map { Consent(on: Fixtures.date($0), scope: [.service]) }
            return client
        }
        let worker = Fixtures.workers[0].id
        let served = client("c-served", consentOn: "2021-01-04")
        let inCase = client("c-in-case")
        let silent = client("c-silent", at: Fixtures.ganpu)
        let erased = client("c-erased")
        var setup = ChangeSet()
        for person in [served, inCase, silent] { setup.register(person, at: Fixtures.baibu, by: .cli, at: Date()) }
        var gone = erased
        gone.personal = nil
        setup.register(gone, at: Fixtures.baibu, by: .cli, at: Date())
        setup.append(
            Fixtures.recording([
                Fixtures.record("r1", date: "2021-05-10", participants: .clients([served.id])),
                Fixtures.record("r2", date: "2022-03-01", participants: .clients([served.id, erased.id])),
            ])
        )
        var closed = CaseFile(
            id: Fixtures.id("case-closed"),
            station: Fixtures.baibu.id,
            client: served.id,
            openedOn: Fixtures.date("2021-04-01"),
            by: worker
        )
        for (stage, day) in [
            (CaseStage.assessment, "2021-04-02"), (.plan, "2021-04-03"), (.intervention, "2021-04-04"),
            (.evaluation, "2021-06-01"), (.closed, "2021-06-30"),
        ] {
            try closed.move(to: stage, on: Fixtures.date(day), by: worker)
        }
        setup.open(closed, at: Fixtures.baibu, by: .cli, at: Date())
        let open = CaseFile(
            id: Fixtures.id("case-open"),
            station: Fixtures.baibu.id,
            client: inCase.id,
            openedOn: Fixtures.date("2021-03-01"),
            by: worker
        )
        setup.open(open, at: Fixtures.baibu, by: .cli, at: Date())

        let volunteer = Volunteer(
            id: Fixtures.id("v-active"),
            station: Fixtures.baibu.id,
            registeredOn: Fixtures.date("2021-03-01"),
            personal: sealed
        )
        let idle = Volunteer(
            id: Fixtures.id("v-idle"),
            station: Fixtures.baibu.id,
            registeredOn: Fixtures.date("2021-02-01"),
            personal: sealed
        )
        let activity = VolunteerActivity(
            id: Fixtures.id("act-1"),
            station: Fixtures.baibu.id,
            name: "敬老院助餐",
            heldOn: Fixtures.date("2023-04-02")
        )
        setup.register(volunteer, at: Fixtures.baibu, by: .cli, at: Date())
        setup.register(idle, at: Fixtures.baibu, by: .cli, at: Date())
        setup.schedule(activity, at: Fixtures.baibu, by: .cli, at: Date())
        let checkIn = Date(millisecondsSince1970: 1_680_400_000_000)
        setup.record(
            VolunteerHours(
                id: Fixtures.id("hours-1"),
                activity: activity.id,
                volunteer: volunteer.id,
                checkIn: checkIn,
                checkOut: checkIn.addingTimeInterval(3_600),
                method: .staffEntry(worker),
                minutes: 60
            ),
            at: Fixtures.baibu,
            by: .cli,
            at: Date()
        )
        try await store.commit(setup)

        let everyone = try await store.personalDataActivity(in: .within(Fixtures.haiyan))
        #expect(
            everyone == [
                PersonActivity(
                    person: .client(inCase.id),
                    station: Fixtures.baibu.id,
                    lastActive: Fixtures.date("2021-03-01"),
                    hasOpenCase: true
                ),
                PersonActivity(
                    person: .client(served.id),
                    station: Fixtures.baibu.id,
                    lastActive: Fixtures.date("2022-03-01")
                ),
                PersonActivity(person: .client(silent.id), station: Fixtures.ganpu.id, lastActive: nil),
                PersonActivity(
                    person: .volunteer(volunteer.id),
                    station: Fixtures.baibu.id,
                    lastActive: Fixtures.date("2023-04-02")
                ),
                PersonActivity(
                    person: .volunteer(idle.id),
                    station: Fixtures.baibu.id,
                    lastActive: Fixtures.date("2021-02-01")
                ),
            ]
        )
        let baibu = try await store.personalDataActivity(in: .station(Fixtures.baibu.id))
        #expect(baibu.map(\.person.rawID) == ["c-in-case", "c-served", "v-active", "v-idle"])
    }
}
