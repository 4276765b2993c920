import Foundation

/// A station's staff records (seed 001 §六): training hours, logged hours by place, and the workers
/// designated to keep in touch with each village (定点联系). Each write is checked against the
/// station's workers and villages in the transaction that makes it.
public struct StaffWork: Sendable {
    let store: any StationStore
    let clock: WorkClock

    /// Creates the use case over `store`; `clock` gives the instant and the working day.
    public init(store: any StationStore, clock: WorkClock = .system) {
        self.store = store
        self.clock = clock
    }

    /// Records `classHours` of training titled `title` for `worker` of `station` on `date`.
    @discardableResult
    public func train(
        worker: String,
        station: String,
        date: String,
        classHours: Int,
        title: String,
        isExternal: Bool,
        actor: Actor
    ) async throws -> TrainingRecord {
        let instant = clock.now()
        let stationID = try InputError.stationID(station)
        // The same course on the same day for the same worker is one training, not two: entered
        // twice it was counted twice and flipped a compliance result (issue 21.4). The day's
        // trainings are read in the transaction that writes, so two entries at once are one too.
        let request = ContextRequest(station: stationID, workerDay: Self.workerDay(worker, date))
        let (_, record) = try await store.commit(checking: request) {
            context -> (ChangeSet, TrainingRecord) in
            guard let context else { throw InputError.unknownStation(station) }
            var check = FieldCheck()
            let who = check.workers([worker], context: context).first
            let day = check.date(date, today: clock.day(at: instant))
            if !(1...200).contains(classHours) {
                check.refuse(.outOfRange, "hours", String(classHours), "1 至 200 课时", "1 to 200 class hours")
            }
            let name = title.trimmingWhitespace()
            check.text(title, field: "title", limit: 100, "培训名称", "a course title")
            if who != nil, day != nil, context.workerDay?.trainingTitles.contains(name) == true {
                check.refuse(
                    .conflict,
                    "title",
                    name,
                    "该社工当天尚未登记的培训(同一培训已登记,不重复计入课时)",
                    "a training not yet recorded for the worker that day (this one is, and is not counted twice)"
                )
            }
            guard check.issues.isEmpty, let who, let day else { throw InputError(issues: check.issues) }
            let record = TrainingRecord(
                id: .generate(),
                worker: who,
                station: context.station.id,
                on: day,
                classHours: classHours,
                title: name,
                isExternal: isExternal
            )
            var change = ChangeSet()
            change.record(record, at: context.station, by: actor, at: instant)
            return (change, record)
        }
        return record
    }

    /// Logs `minutes` worked by `worker` of `station` on `date`, at the station or in `village`
    /// (a village code of the station's township).
    @discardableResult
    public func log(
        worker: String,
        station: String,
        date: String,
        minutes: Int,
        village: String?,
        actor: Actor
    ) async throws -> WorkLog {
        let instant = clock.now()
        let stationID = try InputError.stationID(station)
        // A day has 1,440 minutes, whatever the number of entries (issue 21.4); the day's minutes
        // are read in the transaction that writes, so two entries at once cannot pass it together.
        let request = ContextRequest(
            station: stationID,
            villages: village.flatMap { try? DivisionCode($0) }.map { [$0] } ?? [],
            workerDay: Self.workerDay(worker, date)
        )
        let (_, log) = try await store.commit(checking: request) { context -> (ChangeSet, WorkLog) in
            guard let context else { throw InputError.unknownStation(station) }
            let logged = context.workerDay?.minutesLogged ?? 0
            var check = FieldCheck()
            let who = check.workers([worker], context: context).first
            let day = check.date(date, today: clock.day(at: instant))
            let place = check.village(village, context: context)
            if !(1...1_440).contains(minutes) {
                check.refuse(.outOfRange, "minutes", String(minutes), "1 至 1440 分钟", "1 to 1,440 minutes")
            } else if logged + minutes > 1_440 {
                check.refuse(
                    .outOfRange,
                    "minutes",
                    String(minutes),
                    "当天已记 \(logged) 分钟,最多再记 \(max(0, 1_440 - logged)) 分钟(一天 1440 分钟)",
                    "\(logged) minutes are logged that day already; at most \(max(0, 1_440 - logged)) more (a day has 1,440)"
                )
            }
            guard check.issues.isEmpty, let who, let day else { throw InputError(issues: check.issues) }
            let log = WorkLog(
                id: .generate(),
                worker: who,
                station: context.station.id,
                on: day,
                minutes: minutes,
                place: place.map(WorkPlace.village) ?? .station
            )
            var change = ChangeSet()
            change.record(log, at: context.station, by: actor, at: instant)
            return (change, log)
        }
        return log
    }

    /// Designates `worker` of `station` as the liaison of `village` from `since`, or, when `ending`,
    /// ends their current assignment there on that day.
    @discardableResult
    public func liaison(
        worker: String,
        station: String,
        village: String,
        on date: String,
        ending: Bool,
        actor: Actor
    ) async throws -> VillageLiaison {
        let instant = clock.now()
        let stationID = try InputError.stationID(station)
        let current = try await store.liaisons(in: .station(stationID)).filter {
            $0.worker.rawValue == worker && $0.village.rawValue == village && $0.until == nil
        }
        let request = ContextRequest(station: stationID, villages: (try? DivisionCode(village)).map { [$0] } ?? [])
        let (_, liaison) = try await store.commit(checking: request) { context -> (ChangeSet, VillageLiaison) in
            guard let context else { throw InputError.unknownStation(station) }
            var check = FieldCheck()
            let who = check.workers([worker], context: context).first
            let day = check.date(date, today: clock.day(at: instant))
            let place = check.village(village, context: context)
            guard check.issues.isEmpty, let who, let day, let place else { throw InputError(issues: check.issues) }
            var liaison: VillageLiaison
            if ending {
                guard var open = current.first, open.since <= day else {
                    throw InputError.single(
                        .conflict,
                        "village",
                        village,
                        "该社工当前定点联系的村(社区)",
                        "a village the worker is liaison of now"
                    )
                }
                open.until = day
                liaison = open
            } else {
                guard current.isEmpty else {
                    throw InputError.single(
                        .conflict,
                        "village",
                        village,
                        "该社工尚未定点联系的村(社区)",
                        "a village the worker is not liaison of yet"
                    )
                }
                liaison = VillageLiaison(village: place, worker: who, station: context.station.id, since: day)
            }
            var change = ChangeSet()
            change.assign(liaison, at: context.station, by: actor, at: instant)
            return (change, liaison)
        }
        return liaison
    }

    /// The worker's day a training or a log names, when both parse (the checks refuse them otherwise).
    private static func workerDay(_ worker: String, _ date: String) -> WorkerDay.Key? {
        guard let id = try? WorkerID(worker), let day = try? CivilDate(ledgerText: date) else { return nil }
        return WorkerDay.Key(worker: id, day: day)
    }
}
