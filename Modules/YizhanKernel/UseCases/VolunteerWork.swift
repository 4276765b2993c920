import Foundation

/// Volunteer activities, hours and the points passbook (电子存折): hours are recorded by the
/// volunteer's own check-in code or by a worker (and marked so), capped per activity, and earn
/// points at the station's rate in the same transaction; points are redeemed for the station's
/// catalogue and expire after its period, the balance never below zero; every entry carries a key
/// so that a retry books nothing twice.
public struct VolunteerWork: Sendable {
    let store: any StationStore
    let clock: WorkClock

    /// Creates the use case over `store`; `clock` gives the instant and the working day.
    public init(store: any StationStore, clock: WorkClock = .system) {
        self.store = store
        self.clock = clock
    }

    /// Forms team `name` of `station` with `members` (volunteers of the station), or, given `team`,
    /// adds `members` to it.
    ///
    /// - Throws: `InputError` for an unknown station, team or volunteer, or a volunteer of another station.
    @discardableResult
    public func team(
        _ team: String?,
        station: String,
        name: String?,
        members: [String],
        actor: Actor
    ) async throws -> VolunteerTeam {
        guard let stationID = try? StationID(station), let found = try await store.station(stationID) else {
            throw Self.issue("station", station, "已登记的社工站标识", "the id of a registered station")
        }
        var current: VolunteerTeam?
        if let team {
            guard
                let existing = try await store.volunteerTeams(in: .station(stationID)).first(where: {
                    $0.id.rawValue == team
                })
            else { throw Self.issue("team", team, "本站的志愿服务队标识", "the id of a team of this station") }
            current = existing
        }
        var joining: [VolunteerID] = []
        for text in members {
            guard let id = try? VolunteerID(text), let volunteer = try await store.volunteer(id),
                volunteer.station == stationID
            else { throw Self.issue("volunteer", text, "本站登记的志愿者标识", "the id of a volunteer of this station") }
            if !joining.contains(id) { joining.append(id) }
        }
        let existing = current
        let newMembers = joining
        let instant = clock.now()
        // A new team's name is checked against the names read in the write's transaction: two
        // teams formed at once under one name were both written (issue 21.4).
        let lookup = ContextRequest(station: stationID, takenNames: existing == nil ? .team : nil)
        let (_, formed) = try await store.commit(checking: lookup) { context -> (ChangeSet, VolunteerTeam) in
            var formed: VolunteerTeam
            if let existing {
                formed = existing
            } else {
                var check = FieldCheck()
                guard let title = check.text(name ?? "", field: "name", limit: 50, "服务队名称", "a team name") else {
                    throw InputError(issues: check.issues)
                }
                // The same team twice was counted twice against the template's target.
                guard !(context?.takenNames.contains(title) ?? false) else {
                    throw Self.issue("name", title, "本站尚未登记的服务队名称", "a team name the station has not used yet")
                }
                formed = VolunteerTeam(id: .generate(), station: stationID, name: title)
            }
            for id in newMembers where !formed.members.contains(id) { formed.members.append(id) }
            var change = ChangeSet()
            change.form(formed, at: context?.station ?? found, by: actor, at: instant)
            return (change, formed)
        }
        return formed
    }

    /// Schedules an activity of `station` on `date`, crediting at most `capMinutes` per volunteer.
    @discardableResult
    public func schedule(
        station: String,
        name: String,
        date: String,
        capMinutes: Int?,
        actor: Actor
    ) async throws
        -> VolunteerActivity
    {
        let instant = clock.now()
        guard let stationID = try? StationID(station) else {
            throw Self.issue("station", station, "已登记的社工站标识", "the id of a registered station")
        }
        let title = name.trimmingWhitespace()
        let (_, activity) = try await store.commit(checking: ContextRequest(station: stationID)) {
            context -> (ChangeSet, VolunteerActivity) in
            guard let context else {
                throw Self.issue("station", station, "已登记的社工站标识", "the id of a registered station")
            }
            var check = FieldCheck()
            check.text(name, field: "name", limit: 50, "活动名称", "an activity name")
            if let capMinutes, !(1...1_440).contains(capMinutes) {
                check.refuse(.outOfRange, "cap", String(capMinutes), "1 至 1440 分钟", "1 to 1,440 minutes")
            }
            guard let day = try? CivilDate(ledgerText: date) else {
                check.refuse(.invalidFormat, "date", date, "YYYY-MM-DD 日期", "a YYYY-MM-DD date")
                throw InputError(issues: check.issues)
            }
            guard check.issues.isEmpty else { throw InputError(issues: check.issues) }
            let activity = VolunteerActivity(
                id: .generate(),
                station: context.station.id,
                name: title,
                heldOn: day,
                capMinutes: capMinutes
            )
            var change = ChangeSet()
            change.schedule(activity, at: context.station, by: actor, at: instant)
            return (change, activity)
        }
        return activity
    }

    /// Records `volunteer`'s attendance at `activity` from `checkIn` to `checkOut` (`2021-03-01 09:00`,
    /// Asia/Shanghai), by their `code` or entered by `worker`, and books the points it earns.
    ///
    /// - Throws: `InputError` for an unknown activity or volunteer, a wrong code, a worker of another
    ///   station, times that are not on the activity's day or in order, or neither or both of code
    ///   and worker; nothing is written.
    @discardableResult
    public func recordHours(
        activity activityText: String,
        volunteer volunteerText: String,
        checkIn: String,
        checkOut: String,
        code: String?,
        worker: String?,
        actor: Actor
    ) async throws -> (VolunteerHours, PassbookAppend?) {
        guard let activityID = try? VolunteerActivityID(activityText),
            let activity = try await store.volunteerActivity(activityID),
            let station = try await store.station(activity.station)
        else { throw Self.issue("activity", activityText, "已安排的志愿活动标识", "the id of a scheduled activity") }
        guard let volunteerID = try? VolunteerID(volunteerText), let volunteer = try await store.volunteer(volunteerID),
            volunteer.station == station.id
        else {
            throw Self.issue(
                "volunteer",
                volunteerText,
                "\(station.name)登记的志愿者标识",
                "the id of a volunteer registered at this station"
            )
        }
        var check = FieldCheck()
        let start = Self.instant(checkIn, field: "check-in", on: activity.heldOn, check: &check)
        let end = Self.instant(checkOut, field: "check-out", on: activity.heldOn, check: &check)
        if let start, let end, end <= start {
            check.refuse(.conflict, "check-out", checkOut, "晚于签到时间", "later than the check-in")
        }
        var method: CheckInMethod?
        switch (code, worker) {
        case (.some(let given), nil):
            if given == volunteer.checkInCode {
                method = .selfCheckIn
            } else {
                check.refuse(.conflict, "code", "******", "该志愿者本人的签到码", "the volunteer's own check-in code")
            }
        case (nil, .some(let text)):
            let workers = try await store.workers(of: station.id)
            if let found = workers.first(where: { $0.id.rawValue == text }) {
                method = .staffEntry(found.id)
            } else {
                check.refuse(
                    .unknownReference,
                    "worker",
                    text,
                    "\(station.name)社工的标识",
                    "the id of a worker of this station"
                )
            }
        default:
            check.refuse(.missing, "code", "", "本人签到码(--code)或录入社工(--worker),二选一", "--code or --worker, one of them")
        }
        guard check.issues.isEmpty, let start, let end, let method else { throw InputError(issues: check.issues) }
        let minutes = min(Int(end.timeIntervalSince(start) / 60), activity.capMinutes ?? Int.max)
        let hours = VolunteerHours(
            id: .generate(),
            activity: activity.id,
            volunteer: volunteer.id,
            checkIn: start,
            checkOut: end,
            method: method,
            minutes: minutes
        )
        let instant = clock.now()
        var change = ChangeSet()
        change.record(hours, at: station, by: actor, at: instant)
        let points = station.volunteering.points(forMinutes: minutes)
        guard points > 0 else {
            try await store.commit(change)
            return (hours, nil)
        }
        let entry = PassbookEntry(
            key: "hours:\(hours.id)",
            volunteer: volunteer.id,
            station: station.id,
            kind: .earned,
            points: points,
            on: activity.heldOn,
            reference: hours.id.rawValue
        )
        let booked = try await store.appendPassbook(entry, alongside: change) { balance in
            .passbookBooked(entry, balance: balance, at: station, actor: actor, at: instant)
        }
        return (hours, booked)
    }

    /// Redeems `item` of the station's catalogue for `volunteer` on `date`; `key` (a receipt number,
    /// say) makes a retry harmless.
    @discardableResult
    public func redeem(
        volunteer text: String,
        item: String,
        key: String,
        date: String,
        actor: Actor
    ) async throws
        -> PassbookAppend
    {
        let (volunteer, station) = try await volunteerAndStation(text)
        guard let chosen = station.volunteering.catalogue.first(where: { $0.id == item || $0.name == item }) else {
            let names = station.volunteering.catalogue.map { "\($0.id)(\($0.name),\($0.points) 分)" }.joined(
                separator: "、"
            )
            throw Self.issue(
                "item",
                item,
                names.isEmpty ? "\(station.name)尚未配置兑换目录" : "以下之一:\(names)",
                names.isEmpty ? "the station has no catalogue yet" : "an item of the catalogue: \(names)"
            )
        }
        guard let day = try? CivilDate(ledgerText: date), !key.isEmpty else {
            throw Self.issue(
                key.isEmpty ? "key" : "date",
                key.isEmpty ? "" : date,
                key.isEmpty ? "兑换单号(--key)" : "YYYY-MM-DD 日期",
                key.isEmpty ? "a receipt number (--key)" : "a YYYY-MM-DD date"
            )
        }
        let entry = PassbookEntry(
            key: "redeem:\(key)",
            volunteer: volunteer.id,
            station: station.id,
            kind: .redeemed,
            points: -chosen.points,
            on: day,
            reference: chosen.id
        )
        let instant = clock.now()
        return try await store.appendPassbook(entry, alongside: ChangeSet()) { balance in
            .passbookBooked(entry, balance: balance, at: station, actor: actor, at: instant)
        }
    }

    /// Lets lapse, as of `date`, the points `volunteer` earned more than the station's period ago
    /// and has not spent (points are spent oldest first). Returns `nil` when nothing lapses.
    @discardableResult
    public func expire(volunteer text: String, asOf date: CivilDate, actor: Actor) async throws -> PassbookAppend? {
        let (volunteer, station) = try await volunteerAndStation(text)
        guard let days = station.volunteering.pointsExpireDays else { return nil }
        let entries = try await store.passbook(of: volunteer.id)
        let lapsing = Self.lapsing(entries, asOf: date, afterDays: days)
        guard lapsing > 0 else { return nil }
        let entry = PassbookEntry(
            key: "expire:\(volunteer.id):\(date)",
            volunteer: volunteer.id,
            station: station.id,
            kind: .expired,
            points: -lapsing,
            on: date
        )
        let instant = clock.now()
        return try await store.appendPassbook(entry, alongside: ChangeSet()) { balance in
            .passbookBooked(entry, balance: balance, at: station, actor: actor, at: instant)
        }
    }

    /// The points of `entries` that lapse on `date`: those earned on or before `date - afterDays`,
    /// less everything spent or lapsed so far (spending takes the oldest points first). A correction
    /// of hours adjusts the points of the activity's day, so it counts with what was earned then.
    public static func lapsing(_ entries: [PassbookEntry], asOf date: CivilDate, afterDays: Int) -> Int {
        let cutoff = date.daysSinceEpoch - afterDays
        let earning: Set<PassbookEntryKind> = [.earned, .adjusted]
        let old = entries.filter { earning.contains($0.kind) && $0.on.daysSinceEpoch <= cutoff }.map(\.points)
            .reduce(0, +)
        let used = -entries.filter { !earning.contains($0.kind) }.map(\.points).reduce(0, +)
        return max(0, old - used)
    }

    private func volunteerAndStation(_ text: String) async throws -> (Volunteer, Station) {
        guard let id = try? VolunteerID(text), let volunteer = try await store.volunteer(id),
            let station = try await store.station(volunteer.station)
        else { throw Self.issue("volunteer", text, "已登记的志愿者标识", "the id of a registered volunteer") }
        return (volunteer, station)
    }

    /// `2021-03-01 09:00` in Asia/Shanghai on `day`.
    static func instant(_ text: String, field: String, on day: CivilDate, check: inout FieldCheck) -> Date? {
        let parts = text.split(separator: " ")
        let clock = parts.count == 2 ? parts[1].split(separator: ":").compactMap { Int($0) } : []
        guard parts.count == 2, let date = try? CivilDate(ledgerText: String(parts[0])), clock.count == 2,
            (0...23).contains(clock[0]), (0...59).contains(clock[1])
        else {
            check.refuse(
                .invalidFormat,
                field,
                text,
                "“YYYY-MM-DD HH:MM”形式的北京时间",
                "a Beijing time like 2021-03-01 09:00"
            )
            return nil
        }
        guard date == day else {
            check.refuse(.outOfRange, field, text, "活动当天(\(day))的时间", "a time on the activity's day (\(day))")
            return nil
        }
        let seconds = Double(date.daysSinceEpoch * 86_400 + clock[0] * 3_600 + clock[1] * 60 - 8 * 3_600)
        return Date(timeIntervalSince1970: seconds)
    }

    private static func issue(_ field: String, _ found: String, _ zh: String, _ en: String) -> InputError {
        InputError(issues: [
            InputIssue(code: .unknownReference, field: field, found: found, expected: LocalizedText(zh, en: en))
        ])
    }
}
