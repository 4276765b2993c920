import Foundation
import Testing
import YizhanKernel

extension StoreConformance {
    static let summaryCases: [StoreConformance] = [
        StoreConformance(
            name: "gifts, volunteering, cases and client categories total by group, period and recording instant",
            body: summariesGroup
        )
    ]

    private static func summariesGroup(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let year = try CivilPeriod.year(2021)
        try await clientCategories(store, year)
        try await donations(store, year)
        try await volunteering(store, year)
        try await cases(store, year)
    }

    /// Person-times by category: a client in two categories counts in both; trainings and other
    /// years are left out; unnamed records count their head-counts.
    private static func clientCategories(_ store: any StationStore, _ year2021: CivilPeriod) async throws {
        let twoCategories = Client(
            id: Fixtures.id("baibu-c2"),
            station: Fixtures.baibu.id,
            village: Fixtures.baibuVillage,
            categories: [.childInDifficulty, .leftBehindChild]
        )
        let none = Client(id: Fixtures.id("baibu-c3"), station: Fixtures.baibu.id, village: Fixtures.baibuVillage)
        var clients = ChangeSet()
        for client in [twoCategories, none] { clients.register(client, at: Fixtures.baibu, by: .cli, at: Date()) }
        try await store.commit(clients)
        try await store.commit(
            Fixtures.recording([
                Fixtures.record("r1", participants: .clients([Fixtures.client.id, none.id])),
                Fixtures.record("r2", date: "2021-05-11", participants: .clients([twoCategories.id])),
                Fixtures.record("r3", kind: .communityActivity, date: "2021-05-12", participants: .headCount(4)),
                Fixtures.record("r4", kind: .training, date: "2021-05-13", participants: .headCount(10)),
                Fixtures.record("r5", date: "2022-01-05", participants: .clients([Fixtures.client.id])),
                Fixtures.record("r6", station: Fixtures.ganpu, participants: .headCount(7)),
            ])
        )
        let totals = try await store.clientCategoryTotals(
            ServiceTotalsQuery(scope: .station(Fixtures.baibu.id), period: year2021)
        )
        #expect(
            totals == [
                ClientCategoryTotal(group: .category(.childInDifficulty), records: 1, personTimes: 1, clients: 1),
                ClientCategoryTotal(group: .category(.elderlyAlone), records: 1, personTimes: 1, clients: 1),
                ClientCategoryTotal(group: .category(.leftBehindChild), records: 1, personTimes: 1, clients: 1),
                ClientCategoryTotal(group: .uncategorised, records: 1, personTimes: 1, clients: 1),
                ClientCategoryTotal(group: .unnamed, records: 1, personTimes: 4, clients: 0),
            ]
        )
        let county = try await store.clientCategoryTotals(ServiceTotalsQuery(scope: .within(Fixtures.haiyan)))
        #expect(county.first { $0.group == .unnamed }?.personTimes == 11)
        #expect(
            county.first { $0.group == .category(.elderlyAlone) }
                == .init(
                    group: .category(.elderlyAlone),
                    records: 2,
                    personTimes: 2,
                    clients: 1
                )
        )
        let empty = try await store.clientCategoryTotals(ServiceTotalsQuery(scope: .station(Fixtures.elsewhere.id)))
        #expect(empty.isEmpty)
    }

    /// Gifts group by donor kind, kind, channel, purpose and matching; the period and the recording
    /// instant (UUIDv7 ids) leave the others out.
    private static func donations(_ store: any StationStore, _ year2021: CivilPeriod) async throws {
        var generator = SystemRandomNumberGenerator()
        let entered = Date(millisecondsSince1970: 1_631_000_000_000)  // 2021-09-07, Shanghai
        func gift(
            _ yuan: Int64,
            _ kind: DonorKind,
            on day: String,
            at station: Station = Fixtures.baibu,
            enteredLater: Bool = false
        ) -> Donation {
            let milliseconds = UInt64(entered.millisecondsSince1970) + (enteredLater ? 86_400_000 * 30 : 0)
            return Donation(
                id: .generate(using: &generator, milliseconds: milliseconds),
                station: station.id,
                donorKind: kind,
                donorName: kind == .individual ? nil : "示例单位",
                amount: Fen(yuan * 100),
                receivedOn: Fixtures.date(day),
                purpose: kind == .individual ? "暖心365计划" : nil,
                channel: kind == .individual ? "99公益日" : nil
            )
        }
        let gifts = [
            gift(10, .individual, on: "2021-09-07"), gift(20, .individual, on: "2021-09-08"),
            gift(30, .individual, on: "2021-09-09", enteredLater: true), gift(500, .enterprise, on: "2021-10-01"),
            gift(900, .enterprise, on: "2021-03-01", at: Fixtures.ganpu), gift(70, .individual, on: "2020-12-31"),
        ]
        var change = ChangeSet()
        for gift in gifts {
            change.receive(
                gift,
                at: gift.station == Fixtures.ganpu.id ? Fixtures.ganpu : Fixtures.baibu,
                by: .cli,
                at: Date()
            )
        }
        try await store.commit(change)
        func total(_ station: Station, _ kind: DonorKind, _ gifts: Int, _ yuan: Int64) -> DonationTotal {
            DonationTotal(
                station: station.id,
                donorKind: kind,
                kind: .money,
                channel: kind == .individual ? "99公益日" : nil,
                purpose: kind == .individual ? "暖心365计划" : nil,
                isMatching: false,
                gifts: gifts,
                amount: Fen(yuan * 100)
            )
        }
        let county = try await store.donationTotals(
            DonationTotalsQuery(scope: .within(Fixtures.haiyan), period: year2021)
        )
        #expect(
            county == [
                total(Fixtures.baibu, .enterprise, 1, 500), total(Fixtures.baibu, .individual, 3, 60),
                total(Fixtures.ganpu, .enterprise, 1, 900),
            ]
        )
        let asOf = try await store.donationTotals(
            DonationTotalsQuery(scope: .station(Fixtures.baibu.id), period: year2021, recordedBy: entered)
        )
        #expect(asOf == [total(Fixtures.baibu, .enterprise, 1, 500), total(Fixtures.baibu, .individual, 2, 30)])
        let everything = try await store.donationTotals(DonationTotalsQuery(scope: .station(Fixtures.baibu.id)))
        #expect(everything.reduce(0) { $0 + $1.gifts } == 5)
    }

    /// Volunteers by registration day, teams, and the period's activities, hours and points.
    private static func volunteering(_ store: any StationStore, _ year2021: CivilPeriod) async throws {
        let volunteer = Volunteer(
            id: Fixtures.id("vol-1"),
            station: Fixtures.baibu.id,
            registeredOn: Fixtures.date("2021-03-01"),
            checkInCode: "123456"
        )
        let later = Volunteer(
            id: Fixtures.id("vol-2"),
            station: Fixtures.baibu.id,
            registeredOn: Fixtures.date("2022-01-02")
        )
        let activity = VolunteerActivity(
            id: Fixtures.id("act-1"),
            station: Fixtures.baibu.id,
            name: "敬老院助餐",
            heldOn: Fixtures.date("2021-03-05"),
            capMinutes: 180
        )
        var setup = ChangeSet()
        setup.register(volunteer, at: Fixtures.baibu, by: .cli, at: Date())
        setup.register(later, at: Fixtures.baibu, by: .cli, at: Date())
        setup.schedule(activity, at: Fixtures.baibu, by: .cli, at: Date())
        setup.form(
            VolunteerTeam(
                id: Fixtures.id("team-1"),
                station: Fixtures.baibu.id,
                name: "巾帼志愿服务队",
                members: [volunteer.id]
            ),
            at: Fixtures.baibu,
            by: .cli,
            at: Date()
        )
        try await store.commit(setup)
        var attended = ChangeSet()
        attended.record(
            VolunteerHours(
                id: Fixtures.id("hours-1"),
                activity: activity.id,
                volunteer: volunteer.id,
                checkIn: Date(millisecondsSince1970: 1_614_906_000_000),
                checkOut: Date(millisecondsSince1970: 1_614_916_800_000),
                method: .staffEntry(Fixtures.workers[0].id),
                minutes: 180
            ),
            at: Fixtures.baibu,
            by: .cli,
            at: Date()
        )
        for (key, kind, points, day) in [
            ("earn", PassbookEntryKind.earned, 3, "2021-03-05"), ("redeem", .redeemed, -2, "2021-04-01"),
            ("earn-2022", .earned, 5, "2022-01-03"),
        ] {
            let entry = PassbookEntry(
                key: key,
                volunteer: volunteer.id,
                station: Fixtures.baibu.id,
                kind: kind,
                points: points,
                on: Fixtures.date(day)
            )
            _ = try await store.appendPassbook(entry, alongside: key == "earn" ? attended : ChangeSet()) { balance in
                .passbookBooked(entry, balance: balance, at: Fixtures.baibu, actor: .cli, at: Date())
            }
        }
        let totals = try await store.volunteerTotals(in: .within(Fixtures.haiyan), period: year2021)
        #expect(
            totals == [
                VolunteerTotal(
                    station: Fixtures.baibu.id,
                    volunteers: 1,
                    teams: 1,
                    activities: 1,
                    attendances: 1,
                    minutes: 180,
                    pointsEarned: 3,
                    pointsRedeemed: 2,
                    pointsExpired: 0
                ),
                VolunteerTotal(
                    station: Fixtures.ganpu.id,
                    volunteers: 0,
                    teams: 0,
                    activities: 0,
                    attendances: 0,
                    minutes: 0,
                    pointsEarned: 0,
                    pointsRedeemed: 0,
                    pointsExpired: 0
                ),
            ]
        )
    }

    /// A case open at the period's end counts at its stage then; one that ended within the period
    /// counts as ended; those that ended before it, or opened after it, are left out.
    private static func cases(_ store: any StationStore, _ year2021: CivilPeriod) async throws {
        let worker = Fixtures.workers[0].id
        var change = ChangeSet()
        // Each file opens at intake and moves stage by stage, as CaseWork writes them.
        func file(_ id: String, opened: String, moves: [(CaseStage, String)]) throws {
            var file = CaseFile(
                id: Fixtures.id(id),
                station: Fixtures.baibu.id,
                client: Fixtures.client.id,
                openedOn: Fixtures.date(opened),
                by: worker
            )
            change.open(file, at: Fixtures.baibu, by: .cli, at: Date())
            for (stage, day) in moves {
                try file.move(to: stage, on: Fixtures.date(day), by: worker)
                change.move(file, at: Fixtures.baibu, by: .cli, at: Date())
            }
        }
        try file("case-open", opened: "2021-03-01", moves: [(.assessment, "2021-03-04"), (.plan, "2022-01-04")])
        try file(
            "case-ended-before",
            opened: "2020-11-01",
            moves: [(.assessment, "2020-11-05"), (.ended, "2020-12-01")]
        )
        try file("case-ended", opened: "2021-04-01", moves: [(.assessment, "2021-04-02"), (.ended, "2021-06-01")])
        try file("case-later", opened: "2022-01-10", moves: [])
        try await store.commit(change)
        let counts = try await store.caseStageCounts(in: .within(Fixtures.haiyan), period: year2021)
        #expect(
            counts == [
                CaseStageCount(station: Fixtures.baibu.id, stage: .assessment, cases: 1),
                CaseStageCount(station: Fixtures.baibu.id, stage: .ended, cases: 1),
            ]
        )
        #expect(try await store.caseStageCounts(in: .station(Fixtures.ganpu.id), period: year2021).isEmpty)
    }
}
