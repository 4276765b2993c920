import Foundation

/// The times a correction of an attendance changes; what it leaves `nil` stays as recorded.
public struct HoursCorrection: Hashable, Sendable {
    /// The check-in, `2021-03-05 09:00` (Beijing time, on the activity's day).
    public var checkIn: String?
    /// The check-out, the same way.
    public var checkOut: String?

    /// A correction of the times given.
    public init(checkIn: String? = nil, checkOut: String? = nil) {
        self.checkIn = checkIn
        self.checkOut = checkOut
    }
}

/// A revision of an attendance and how the points it earned moved.
public struct HoursRevisionOutcome: Hashable, Sendable {
    /// The revision written.
    public var revision: EntryRevision<VolunteerHours>
    /// The points added or taken back, and those spent already.
    public var adjustment: PointsAdjustment

    /// Pairs them.
    public init(revision: EntryRevision<VolunteerHours>, adjustment: PointsAdjustment) {
        self.revision = revision
        self.adjustment = adjustment
    }
}

/// Corrects or voids a volunteer's recorded hours (志愿服务时长更正、作废, issue 21.3): a new
/// version with its event (`volunteerhours.corrected`, `.voided`) naming what changed, never why;
/// the versions before stay in the attendance's history, and every total and certificate counts
/// only the current version. The points the hours earned follow in the same transaction, as a
/// 时长更正 entry of the passbook; points spent already are not taken back below a zero balance
/// (`PointsAdjustment`).
public struct ReviseHours: Sendable {
    let store: any StationStore
    let clock: WorkClock

    /// Creates the use case over `store`; `clock` gives the instant.
    public init(store: any StationStore, clock: WorkClock = .system) {
        self.store = store
        self.clock = clock
    }

    /// Applies `correction` to attendance `id` of `station`, for `reason`.
    ///
    /// - Throws: `InputError` for an unknown or voided attendance, a correction that changes
    ///   nothing, a missing reason, or times a new attendance would be refused for (not on the
    ///   activity's day, or out of order); nothing is written then.
    @discardableResult
    public func correct(
        _ id: String,
        station: String,
        with correction: HoursCorrection,
        reason: String,
        actor: Actor
    ) async throws -> HoursRevisionOutcome {
        let (stored, activity, found, why) = try await revisable(id, station: station, reason: reason)
        let previous = stored.entry
        var check = FieldCheck()
        let start =
            correction.checkIn.map { VolunteerWork.instant($0, field: "check-in", on: activity.heldOn, check: &check) }
            ?? previous.checkIn
        let end =
            correction.checkOut.map {
                VolunteerWork.instant($0, field: "check-out", on: activity.heldOn, check: &check)
            }
            ?? previous.checkOut
        if let start, let end, end <= start {
            check.refuse(
                .conflict,
                correction.checkOut == nil ? "check-in" : "check-out",
                correction.checkOut ?? correction.checkIn ?? "",
                "签退晚于签到",
                "a check-out later than the check-in"
            )
        }
        guard check.issues.isEmpty, let start, let end else { throw InputError(issues: check.issues) }
        var current = previous
        current.checkIn = start
        current.checkOut = end
        current.minutes = min(Int(end.timeIntervalSince(start) / 60), activity.capMinutes ?? Int.max)
        let revision = EntryRevision(
            version: stored.version + 1,
            change: .corrected,
            previous: previous,
            current: current,
            reason: why,
            revisedAt: clock.now(),
            actor: actor
        )
        guard !revision.changedFields.isEmpty else { throw InputError.nothingToCorrect("hours", id, option: "--out") }
        return try await apply(revision, at: activity, of: found, earning: current.minutes)
    }

    /// Voids attendance `id` of `station`, for `reason`: it stays in the history, no longer counts
    /// anywhere, and the points it earned are taken back as far as the balance holds them.
    ///
    /// - Throws: `InputError` for an unknown or voided attendance or a missing reason.
    @discardableResult
    public func void(_ id: String, station: String, reason: String, actor: Actor) async throws -> HoursRevisionOutcome {
        let (stored, activity, found, why) = try await revisable(id, station: station, reason: reason)
        let revision = EntryRevision(
            version: stored.version + 1,
            change: .voided,
            previous: stored.entry,
            current: nil,
            reason: why,
            revisedAt: clock.now(),
            actor: actor
        )
        return try await apply(revision, at: activity, of: found, earning: 0)
    }

    /// The stored attendance `id` of `station`, voided or not, with its activity and station: what
    /// `volunteer hours show` shows and a revision starts from. An attendance at another station's
    /// activity is not found.
    ///
    /// - Throws: `InputError` on the `hours` field when the station has no such attendance.
    public func find(
        _ id: String,
        station: String
    ) async throws -> (StoredEntry<VolunteerHours>, VolunteerActivity, Station) {
        let stationID = try InputError.stationID(station)
        guard let hoursID = try? VolunteerHoursID(id), let stored = try await store.attendance(hoursID),
            let activity = try await store.volunteerActivity(stored.entry.activity), activity.station == stationID,
            let found = try await store.station(stationID)
        else {
            throw InputError.single(
                .unknownReference,
                "hours",
                id,
                "本站记录的志愿服务时长编号(yizhan volunteer hours list 可查)",
                "the id of hours recorded at the station (see yizhan volunteer hours list)"
            )
        }
        return (stored, activity, found)
    }

    /// Writes `revision` with the points `minutes` earn at `station`'s rate.
    private func apply(
        _ revision: EntryRevision<VolunteerHours>,
        at activity: VolunteerActivity,
        of station: Station,
        earning minutes: Int
    ) async throws -> HoursRevisionOutcome {
        let target = station.volunteering.points(forMinutes: minutes)
        let booking = try await store.reviseHours(revision) { booked, balance in
            let adjustment = PointsAdjustment(booked: booked, target: target, balance: balance)
            let entry = adjustment.entry(for: revision, at: activity)
            let payload: any EventPayload =
                revision.current == nil
                ? VolunteerHoursVoided(revision, at: activity, adjustment: adjustment)
                : VolunteerHoursCorrected(revision, at: activity, adjustment: adjustment)
            var events = [
                DomainEvent(
                    payload,
                    orgUnit: station.orgUnit,
                    station: station.id,
                    actor: revision.actor,
                    at: revision.revisedAt
                )
            ]
            if let entry {
                events.append(
                    .passbookBooked(
                        entry,
                        balance: adjustment.balance,
                        at: station,
                        actor: revision.actor,
                        at: revision.revisedAt
                    )
                )
            }
            return HoursRevisionBooking(adjustment: adjustment, entry: entry, events: events)
        }
        return HoursRevisionOutcome(revision: revision, adjustment: booking.adjustment)
    }

    /// The stored attendance `id` of `station`, not voided, with its activity and station, and the
    /// reason checked.
    private func revisable(
        _ id: String,
        station: String,
        reason: String
    ) async throws -> (StoredEntry<VolunteerHours>, VolunteerActivity, Station, String) {
        let (stored, activity, found) = try await find(id, station: station)
        guard !stored.isVoided else { throw InputError.alreadyVoided("hours", id) }
        return (stored, activity, found, try ReviseService.reason(reason))
    }
}
