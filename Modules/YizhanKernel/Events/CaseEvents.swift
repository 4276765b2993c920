public import Foundation

/// `case.opened`: a case began at intake — ids and dates only, never the client's name.
public struct CaseOpened: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.caseOpened
    public static let schemaVersion = 1
    /// The case.
    public var `case`: CaseID
    /// The station that runs it.
    public var station: StationID
    /// The client it serves.
    public var client: ClientID
    /// The worker who took it in.
    public var worker: WorkerID
    /// The day of intake.
    public var date: CivilDate
}

/// `case.moved`: a case went from one stage to another.
public struct CaseMoved: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.caseMoved
    public static let schemaVersion = 1
    /// The case.
    public var `case`: CaseID
    /// The station that runs it.
    public var station: StationID
    /// The stage it left.
    public var from: CaseStage
    /// The stage it entered.
    public var to: CaseStage
    /// The worker who owns the new stage.
    public var worker: WorkerID
    /// The day of the move.
    public var date: CivilDate
}

/// `case.overdue`: a case has stayed in its stage longer than its station's template allows;
/// raised once per stage.
public struct CaseOverdue: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.caseOverdue
    public static let schemaVersion = 1
    /// The case.
    public var `case`: CaseID
    /// The station that runs it.
    public var station: StationID
    /// The stage it is stuck in.
    public var stage: CaseStage
    /// The worker who owns that stage.
    public var worker: WorkerID
    /// The day the stage began.
    public var since: CivilDate
    /// Days in the stage on the day of the check.
    public var days: Int
    /// The days the template allows.
    public var limit: Int
}

extension ChangeSet {
    /// Opens `file` (at intake) at `station`, with `case.opened`.
    public mutating func open(_ file: CaseFile, at station: Station, by actor: Actor, at instant: Date) {
        writes.append(.caseFile(file))
        writes.append(.caseStage(file.id, position: 0, file.current))
        let payload = CaseOpened(
            case: file.id,
            station: station.id,
            client: file.client,
            worker: file.current.worker,
            date: file.current.since
        )
        events.append(DomainEvent(payload, orgUnit: station.orgUnit, station: station.id, actor: actor, at: instant))
    }

    /// Records `file`'s last move (from the stage before it), with `case.moved`.
    public mutating func move(_ file: CaseFile, at station: Station, by actor: Actor, at instant: Date) {
        let position = file.history.count - 1
        writes.append(.caseFile(file))
        writes.append(.caseStage(file.id, position: position, file.current))
        let payload = CaseMoved(
            case: file.id,
            station: station.id,
            from: file.history[max(0, position - 1)].stage,
            to: file.current.stage,
            worker: file.current.worker,
            date: file.current.since
        )
        events.append(DomainEvent(payload, orgUnit: station.orgUnit, station: station.id, actor: actor, at: instant))
    }

    /// Marks `file`'s current stage as announced overdue on `date`, with `case.overdue`.
    public mutating func announceOverdue(
        _ file: CaseFile,
        on date: CivilDate,
        limit: Int,
        at station: Station,
        by actor: Actor,
        at instant: Date
    ) {
        var announced = file
        announced.overdueAnnounced = file.history.count - 1
        writes.append(.caseFile(announced))
        let payload = CaseOverdue(
            case: file.id,
            station: station.id,
            stage: file.stage,
            worker: file.current.worker,
            since: file.current.since,
            days: file.daysInStage(on: date),
            limit: limit
        )
        events.append(DomainEvent(payload, orgUnit: station.orgUnit, station: station.id, actor: actor, at: instant))
    }
}
