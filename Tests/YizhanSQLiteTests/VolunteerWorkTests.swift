import Foundation
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanSQLite

/// `VolunteerWork` on a real store: hours by code or by a worker, capped, earning points at the
/// station's rate; redemptions and expiry booked once and never below zero.
struct VolunteerWorkTests {
    private let worker = Fixtures.workers[0].id.rawValue

    /// 百步 at 2 points an hour, points lasting 30 days, one catalogue item; a volunteer with code 123456.
    private func store() async throws -> TemporaryStore {
        let temporary = try await TemporaryStore()
        try await temporary.store.commit(Fixtures.directory())
        var station = Fixtures.baibu
        station.volunteering = VolunteeringSettings(
            pointsPerHour: 2,
            pointsExpireDays: 30,
            catalogue: [CatalogueItem(id: "rice", name: "大米 5 斤", points: 4)]
        )
        var change = ChangeSet()
        change.configure(station, by: .cli, at: Date())
        let volunteer = Volunteer(
            id: Fixtures.id("vol-1"),
            station: station.id,
            registeredOn: Fixtures.date("2021-03-01"),
            checkInCode: "123456"
        )
        change.register(volunteer, at: station, by: .cli, at: Date())
        try await temporary.store.commit(change)
        return temporary
    }

    @Test func hoursAreCappedMarkedAndEarnPointsAtTheStationsRate() async throws {
        let temporary = try await store()
        defer { temporary.remove() }
        let work = VolunteerWork(store: temporary.store)
        let activity = try await work.schedule(
            station: "baibu",
            name: "敬老院助餐",
            date: "2021-03-05",
            capMinutes: 150,
            actor: .cli
        )
        let wrong = await #expect(throws: InputError.self) {
            try await work.recordHours(
                activity: activity.id.rawValue,
                volunteer: "vol-1",
                checkIn: "2021-03-06 09:00",
                checkOut: "2021-03-05 08:00",
                code: "000000",
                worker: nil,
                actor: .cli
            )
        }
        #expect(wrong?.issues.map(\.field) == ["check-in", "code"])
        let (hours, booked) = try await work.recordHours(
            activity: activity.id.rawValue,
            volunteer: "vol-1",
            checkIn: "2021-03-05 09:00",
            checkOut: "2021-03-05 12:30",
            code: "123456",
            worker: nil,
            actor: .cli
        )
        #expect(hours.minutes == 150 && hours.method == .selfCheckIn)  // 210 minutes, capped at 150
        #expect(booked == .booked(balance: 5))  // 150 minutes at 2 points an hour
        let again = await #expect(throws: StoreError.self) {
            try await work.recordHours(
                activity: activity.id.rawValue,
                volunteer: "vol-1",
                checkIn: "2021-03-05 13:00",
                checkOut: "2021-03-05 14:00",
                code: nil,
                worker: worker,
                actor: .cli
            )
        }
        #expect(again?.code == .constraintViolation)  // one attendance per volunteer and activity
        let certificate = try await temporary.store.volunteerHours(
            of: Fixtures.id("vol-1"),
            at: Fixtures.baibu.id,
            in: nil
        )
        #expect(certificate.map(\.hours.minutes).reduce(0, +) == 150)
    }

    @Test func redemptionsAreIdempotentAndNeverOverdraw() async throws {
        let temporary = try await store()
        defer { temporary.remove() }
        let work = VolunteerWork(store: temporary.store)
        let activity = try await work.schedule(
            station: "baibu",
            name: "垃圾分类宣传",
            date: "2021-03-05",
            capMinutes: nil,
            actor: .cli
        )
        try await work.recordHours(
            activity: activity.id.rawValue,
            volunteer: "vol-1",
            checkIn: "2021-03-05 09:00",
            checkOut: "2021-03-05 12:00",
            code: nil,
            worker: worker,
            actor: .cli
        )
        #expect(
            try await work.redeem(volunteer: "vol-1", item: "大米 5 斤", key: "R-1", date: "2021-03-06", actor: .cli)
                == .booked(balance: 2)
        )
        let retry = try await work.redeem(volunteer: "vol-1", item: "rice", key: "R-1", date: "2021-03-06", actor: .cli)
        guard case .alreadyBooked(let first) = retry else {
            Issue.record("a retry booked again: \(retry)")
            return
        }
        #expect(first.points == -4)
        #expect(
            try await work.redeem(volunteer: "vol-1", item: "rice", key: "R-2", date: "2021-03-07", actor: .cli)
                == .insufficient(balance: 2)
        )
        #expect(try await temporary.store.passbook(of: Fixtures.id("vol-1")).map(\.points) == [6, -4])
    }

    @Test func pointsLapseAfterTheStationsPeriodOldestFirst() async throws {
        let temporary = try await store()
        defer { temporary.remove() }
        let work = VolunteerWork(store: temporary.store)
        for (day, end) in [("2021-03-01", "10:00"), ("2021-03-20", "11:00")] {
            let activity = try await work.schedule(
                station: "baibu",
                name: "助老",
                date: day,
                capMinutes: nil,
                actor: .cli
            )
            try await work.recordHours(
                activity: activity.id.rawValue,
                volunteer: "vol-1",
                checkIn: "\(day) 09:00",
                checkOut: "\(day) \(end)",
                code: "123456",
                worker: nil,
                actor: .cli
            )
        }
        // Earned 2 on 03-01 and 4 on 03-20 (2 points an hour); 4 spent on 03-21, oldest first, so
        // the 2 of 03-01 are gone and 2 of the 4 of 03-20 remain.
        try await work.redeem(volunteer: "vol-1", item: "rice", key: "R-1", date: "2021-03-21", actor: .cli)
        #expect(try await work.expire(volunteer: "vol-1", asOf: Fixtures.date("2021-03-31"), actor: .cli) == nil)
        // 30 days after 03-20: the 2 left of it lapse, once.
        #expect(
            try await work.expire(volunteer: "vol-1", asOf: Fixtures.date("2021-04-19"), actor: .cli)
                == .booked(balance: 0)
        )
        // Running it again lapses nothing more: what lapsed is counted as used.
        #expect(try await work.expire(volunteer: "vol-1", asOf: Fixtures.date("2021-04-19"), actor: .cli) == nil)
        #expect(try await work.expire(volunteer: "vol-1", asOf: Fixtures.date("2021-05-01"), actor: .cli) == nil)
        let passbook = try await temporary.store.passbook(of: Fixtures.id("vol-1"))
        #expect(passbook.map(\.kind) == [.earned, .earned, .redeemed, .expired])
        #expect(passbook.map(\.points) == [2, 4, -4, -2])
    }

    /// A correction of recent hours takes back recent points: the old points still lapse in full.
    @Test func aCorrectionCountsWithThePointsOfItsDay() {
        func entry(_ kind: PassbookEntryKind, _ points: Int, _ day: String) -> PassbookEntry {
            PassbookEntry(
                key: "\(kind)-\(day)",
                volunteer: Fixtures.id("vol-1"),
                station: Fixtures.baibu.id,
                kind: kind,
                points: points,
                on: Fixtures.date(day)
            )
        }
        let entries = [
            entry(.earned, 4, "2021-03-01"), entry(.earned, 4, "2021-03-20"), entry(.adjusted, -2, "2021-03-20"),
        ]
        #expect(VolunteerWork.lapsing(entries, asOf: Fixtures.date("2021-04-05"), afterDays: 30) == 4)
        #expect(VolunteerWork.lapsing(entries, asOf: Fixtures.date("2021-04-25"), afterDays: 30) == 6)
    }
}
