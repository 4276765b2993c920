import Foundation
import Testing
import YizhanKernel

extension StoreConformance {
    /// A volunteer's hours corrected and voided through `ReviseHours`: the points follow in the same
    /// transaction and never take the balance below zero, totals and lists count the current
    /// version, a stale or second revision changes nothing, and the snapshot replays the history.
    static func hoursRevisions(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let volunteer = Volunteer(
            id: Fixtures.id("vol-1"),
            station: Fixtures.baibu.id,
            registeredOn: Fixtures.date("2021-03-01"),
            checkInCode: "123456"
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
        setup.schedule(activity, at: Fixtures.baibu, by: .cli, at: Date())
        try await store.commit(setup)
        let clock = WorkClock(now: { Date(millisecondsSince1970: 1_616_000_000_000) })
        let (hours, _) = try await VolunteerWork(store: store, clock: clock).recordHours(
            activity: activity.id.rawValue,
            volunteer: volunteer.id.rawValue,
            checkIn: "2021-03-05 09:00",
            checkOut: "2021-03-05 12:00",
            code: "123456",
            worker: nil,
            actor: .cli
        )
        // 3 points earned; 2 spent, so 1 is left.
        let spent = PassbookEntry(
            key: "redeem:r1",
            volunteer: volunteer.id,
            station: Fixtures.baibu.id,
            kind: .redeemed,
            points: -2,
            on: Fixtures.date("2021-03-06")
        )
        _ = try await store.appendPassbook(spent, alongside: ChangeSet()) { balance in
            .passbookBooked(spent, balance: balance, at: Fixtures.baibu, actor: .cli, at: Date())
        }
        let revise = ReviseHours(store: store, clock: clock)
        let id = hours.id.rawValue

        // Down to 60 minutes: 2 points to take back, 1 left to take; 1 stays with the volunteer.
        let lowered = try await revise.correct(
            id,
            station: "baibu",
            with: HoursCorrection(checkOut: "2021-03-05 10:00"),
            reason: "签退时间录错",
            actor: .cli
        )
        #expect(lowered.revision.changedFields == ["check-out", "minutes"])
        #expect(lowered.adjustment.points == -1 && lowered.adjustment.unrecovered == 1)
        #expect(lowered.adjustment.balance == 0)
        #expect(try await store.attendance(hours.id)?.entry.minutes == 60)
        #expect(try await store.attendance(hours.id)?.version == 2)
        let period = try CivilPeriod(start: Fixtures.date("2021-01-01"), end: Fixtures.date("2021-12-31"))
        var totals = try await store.volunteerTotals(in: .station(Fixtures.baibu.id), period: period)
        #expect(
            totals.map(\.minutes) == [60] && totals.map(\.pointsEarned) == [2] && totals.map(\.pointsRedeemed) == [2]
        )
        let adjusted = try #require(try await store.passbook(of: volunteer.id).last)
        #expect(adjusted.kind == .adjusted && adjusted.points == -1 && adjusted.on == activity.heldOn)

        // Back up to 180 minutes: the point kept is not given twice.
        let raised = try await revise.correct(
            id,
            station: "baibu",
            with: HoursCorrection(checkOut: "2021-03-05 12:00"),
            reason: "第一次更正有误",
            actor: .cli
        )
        #expect(raised.adjustment.points == 1 && raised.adjustment.balance == 1 && raised.adjustment.unrecovered == 0)
        #expect(try await store.passbook(of: volunteer.id).map(\.points).reduce(0, +) == 1)

        // Refusals write nothing: no change, another station, times off the day, a stale revision.
        let unchanged = try await StoreFingerprint.of(store)
        await #expect(throws: InputError.self) {
            try await revise.correct(
                id,
                station: "baibu",
                with: HoursCorrection(checkOut: "2021-03-05 12:00"),
                reason: "再次",
                actor: .cli
            )
        }
        await #expect(throws: InputError.self) {
            try await revise.void(id, station: "ganpu", reason: "不是本站的", actor: .cli)
        }
        await #expect(throws: InputError.self) {
            try await revise.correct(
                id,
                station: "baibu",
                with: HoursCorrection(checkIn: "2021-03-06 09:00"),
                reason: "日期不对",
                actor: .cli
            )
        }
        await #expect(throws: StoreError.self) {
            _ = try await store.reviseHours(lowered.revision) { booked, balance in
                HoursRevisionBooking(
                    adjustment: PointsAdjustment(booked: booked, target: 0, balance: balance),
                    entry: nil,
                    events: []
                )
            }
        }
        #expect(try await StoreFingerprint.of(store) == unchanged)

        // Voided: nothing counts it, 1 point taken back, 2 spent already stay spent.
        let voided = try await revise.void(id, station: "baibu", reason: "误记,当天未到场", actor: .cli)
        #expect(voided.adjustment.points == -1 && voided.adjustment.unrecovered == 2 && voided.adjustment.balance == 0)
        #expect(try await store.volunteerHours(of: volunteer.id, at: nil, in: nil).isEmpty)
        #expect(try await store.attendance(hours.id)?.isVoided == true)
        totals = try await store.volunteerTotals(in: .station(Fixtures.baibu.id), period: period)
        #expect(totals.map(\.attendances) == [0] && totals.map(\.minutes) == [0] && totals.map(\.pointsEarned) == [2])
        await #expect(throws: InputError.self) {
            try await revise.void(id, station: "baibu", reason: "再次作废", actor: .cli)
        }
        let history: [EntryRevision<VolunteerHours>] = try await store.entryRevisions(of: hours.id)
        #expect(history == [lowered.revision, raised.revision, voided.revision])

        // The events carry numbers and ids, never the reasons.
        let events = try await store.events(after: .start, limit: 1_000).map(\.event)
        #expect(events.filter { $0.type == .volunteerHoursCorrected }.count == 2)
        let void = try #require(events.last { $0.type == .volunteerHoursVoided })
        let payload = try void.decodePayload(as: VolunteerHoursVoided.self)
        #expect(payload.minutes == 180 && payload.points == -1 && payload.unrecovered == 2 && payload.version == 4)
        let text = String(decoding: try JSONEncoder().encode(events), as: UTF8.self)
        #expect(!text.contains("误记") && !text.contains("签退时间录错"))

        // The snapshot writes the hours as first recorded, the passbook, then the revisions.
        var rows: [Write] = []
        try await store.exportSnapshot(batchSize: 100) { batch in
            if case .rows(let writes) = batch { rows += writes }
        }
        #expect(rows.contains(.volunteerHours(hours)))
        let revisions = rows.filter { if case .hoursRevision = $0 { true } else { false } }
        #expect(revisions == history.map(Write.hoursRevision))
        let lastEntry = rows.lastIndex { if case .passbookEntry = $0 { true } else { false } } ?? rows.endIndex
        let firstRevision = rows.firstIndex { if case .hoursRevision = $0 { true } else { false } } ?? -1
        #expect(lastEntry < firstRevision)
    }
}
