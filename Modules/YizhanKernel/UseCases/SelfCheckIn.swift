public import Foundation

/// A volunteer's own check-in at an activity (志愿者自助签到, issue 24.2): they open the activity's
/// page from the QR code shown there and give their own check-in code and times; no account.
///
/// A code is six digits, so guessing is throttled where every server process sees it: failures
/// count, in the store, against the address (10 in 15 minutes) and the activity (30), as
/// `auth.failed` events naming the activity only, never the code. A code that two volunteers of
/// the station share is refused too (a worker enters those hours), so no one is booked by chance.
public struct SelfCheckIn: Sendable {
    let store: any StationStore
    let clock: WorkClock
    let work: VolunteerWork
    /// Failures allowed per address in the window.
    public let perAddress: Int
    /// Failures allowed per activity in the window.
    public let perActivity: Int
    /// The window failures count in.
    public let window: TimeInterval

    /// The use case over `store`.
    public init(
        store: any StationStore,
        clock: WorkClock = .system,
        perAddress: Int = 10,
        perActivity: Int = 30,
        window: TimeInterval = 15 * 60
    ) {
        self.store = store
        self.clock = clock
        self.work = VolunteerWork(store: store, clock: clock)
        self.perAddress = perAddress
        self.perActivity = perActivity
        self.window = window
    }

    /// What a check-in came to.
    public enum Outcome: Sendable {
        /// Recorded: the hours, and the points booked for them.
        case recorded(VolunteerHours, PassbookAppend?)
        /// The code matched no single volunteer of the station (counted against the throttle).
        case wrongCode
        /// Too many wrong codes lately: try again after `retryAfter` (nothing was tried).
        case throttled(retryAfter: Date)
    }

    /// The throttle's subject for an address's failures.
    public static func subject(addressDigest: String) -> String { "checkin-address:" + addressDigest }
    /// The throttle's subject for an activity's failures.
    public static func subject(activity: VolunteerActivityID) -> String { "checkin-activity:" + activity.rawValue }

    /// Checks in at `activity` the volunteer whose code is `code`, from `checkIn` to `checkOut`
    /// (`HH:MM` on the activity's day), from the address whose keyed digest is `addressDigest`.
    ///
    /// - Throws: `InputError` for an unknown activity, or times the activity does not take
    ///   (nothing is written, and no failure is counted: the code was right).
    public func checkIn(
        activity text: String,
        code: String,
        checkIn: String,
        checkOut: String,
        addressDigest: String
    ) async throws -> Outcome {
        let activity = try await self.activity(text)
        let instant = clock.now()
        let since = instant.addingTimeInterval(-window)
        let subjects = [Self.subject(addressDigest: addressDigest), Self.subject(activity: activity.id)]
        var waits: [Date] = []
        for (subject, limit) in zip(subjects, [perAddress, perActivity]) {
            let failures = try await store.loginFailures(subject: subject, since: since)
            if failures.count >= limit { waits.append(failures[failures.count - limit]) }
        }
        if let oldest = waits.max() { return .throttled(retryAfter: oldest.addingTimeInterval(window)) }
        guard let station = try await store.station(activity.station) else { throw Self.unknown(text) }
        let trimmed = code.trimmingWhitespace()
        let holders = try await store.volunteers(in: .station(station.id), limit: Int.max)
            .filter { $0.checkInCode != nil && $0.checkInCode == trimmed }
        guard holders.count == 1, let volunteer = holders.first else {
            let event = DomainEvent(
                AuthFailed(activity: activity.id, reason: .wrongCheckInCode),
                orgUnit: station.orgUnit,
                station: station.id,
                actor: Actor(rawValue: "anonymous"),
                at: instant
            )
            try await store.recordLoginFailures(
                subjects.map { LoginFailure(subject: $0, at: instant) },
                event: event,
                forgetBefore: instant.addingTimeInterval(-24 * 60 * 60)
            )
            return .wrongCode
        }
        let day = activity.heldOn.description
        let (hours, booked) = try await work.recordHours(
            activity: activity.id.rawValue,
            volunteer: volunteer.id.rawValue,
            checkIn: "\(day) \(checkIn.trimmingWhitespace())",
            checkOut: "\(day) \(checkOut.trimmingWhitespace())",
            code: trimmed,
            worker: nil,
            actor: Actor(rawValue: "volunteer:\(volunteer.id.rawValue)")
        )
        return .recorded(hours, booked)
    }

    /// The activity `text` names.
    ///
    /// - Throws: `InputError` naming `activity`.
    public func activity(_ text: String) async throws -> VolunteerActivity {
        guard let id = try? VolunteerActivityID(text), let activity = try await store.volunteerActivity(id) else {
            throw Self.unknown(text)
        }
        return activity
    }

    private static func unknown(_ text: String) -> InputError {
        InputError(issues: [
            InputIssue(
                code: .unknownReference,
                field: "activity",
                found: text,
                expected: LocalizedText("已安排的志愿活动", en: "a scheduled volunteer activity")
            )
        ])
    }
}
