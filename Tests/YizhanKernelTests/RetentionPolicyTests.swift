import Foundation
import Testing
import YizhanKernel

/// Issue 27.3: when a retention period runs out, counted from a person's last activity.
struct RetentionPolicyTests {
    let policy = RetentionPolicy(clients: 3, volunteers: 5)
    let station = try! StationID("baibu")

    func activity(_ person: PersonID, _ day: String?, open: Bool = false) throws -> PersonActivity {
        PersonActivity(
            person: person,
            station: station,
            lastActive: try day.map { try CivilDate(parsing: $0) },
            hasOpenCase: open
        )
    }

    @Test func thePeriodRunsFromTheLastActiveDayInWholeYears() throws {
        let client = try activity(.client(try ClientID("c1")), "2021-05-10")
        #expect(policy.dueDay(of: client)?.description == "2024-05-10")
        #expect(!policy.isDue(client, on: try CivilDate(parsing: "2024-05-09")))
        #expect(policy.isDue(client, on: try CivilDate(parsing: "2024-05-10")))
        let volunteer = try activity(.volunteer(try VolunteerID("v1")), "2021-05-10")
        #expect(policy.dueDay(of: volunteer)?.description == "2026-05-10")
        // 29 February runs out on 28 February of a year without one.
        #expect(
            policy.dueDay(of: try activity(.client(try ClientID("c2")), "2020-02-29")).map(\.description)
                == "2023-02-28"
        )
    }

    @Test func anOpenCaseOrAKindWithoutAPeriodKeepsTheData() throws {
        #expect(policy.dueDay(of: try activity(.client(try ClientID("c1")), "2001-01-01", open: true)) == nil)
        let clientsOnly = RetentionPolicy(clients: 3)
        #expect(clientsOnly.dueDay(of: try activity(.volunteer(try VolunteerID("v1")), "2001-01-01")) == nil)
        #expect(RetentionPolicy().isEmpty && !clientsOnly.isEmpty)
    }

    @Test func withNothingRecordedTheIdSaysWhenThePersonWasRegistered() throws {
        var generator = SystemRandomNumberGenerator()
        // 2021-03-01 10:00 in Shanghai.
        let minted = UUIDv7.make(milliseconds: 1_614_564_000_000, using: &generator)
        #expect(UUIDv7.milliseconds(of: minted) == 1_614_564_000_000)
        #expect(policy.dueDay(of: try activity(.client(try ClientID(minted)), nil))?.description == "2024-03-01")
        // An id that is not a UUIDv7 (a fixture's, a ledger's) tells nothing: such a person is kept.
        #expect(UUIDv7.milliseconds(of: "baibu-c1") == nil)
        #expect(policy.dueDay(of: try activity(.client(try ClientID("baibu-c1")), nil)) == nil)
    }
}
