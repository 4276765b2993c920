public import Foundation

/// When a use case works: the instant its events carry, and the working day every date it takes is
/// checked against — one rule for every command and every store.
///
/// A workspace may pin its day (`asOf` in `yizhan.yaml`, as the 2021 demo does): then recording,
/// checking, case deadlines and evaluations all count from that day, while events still carry the
/// real instant they were written at (issue 21.4).
///
/// ```swift
/// let clock = WorkClock(today: try CivilDate(year: 2021, month: 12, day: 31))
/// clock.today  // 2021-12-31, whatever the real date
/// ```
public struct WorkClock: Sendable {
    let instant: @Sendable () -> Date
    /// The day the workspace pins, if it pins one.
    public let pinnedDay: CivilDate?

    /// A clock reading `now` for instants (tests pin it), and working on `today` when given, or
    /// else on the Shanghai day of each instant.
    public init(now: @escaping @Sendable () -> Date = { Date() }, today pinnedDay: CivilDate? = nil) {
        self.instant = now
        self.pinnedDay = pinnedDay
    }

    /// The real clock, with no pinned day.
    public static var system: WorkClock { WorkClock() }

    /// The current instant.
    public func now() -> Date { instant() }

    /// The working day at `instant`: the pinned day, or the instant's day in Asia/Shanghai.
    public func day(at instant: Date) -> CivilDate {
        pinnedDay ?? CivilDate(shanghaiDayOf: instant.timeIntervalSince1970)
    }

    /// The working day now.
    public var today: CivilDate { day(at: now()) }
}
