public import Foundation

/// Where a worker spent logged hours: at the station, or in one of its villages (seed 001 §六(二)2:
/// 60 % or more of a worker's hours in the villages).
public enum WorkPlace: Hashable, Sendable, Codable {
    /// At the station.
    case station
    /// In the village (or urban community) with this code.
    case village(DivisionCode)

    /// The village, if the place is one.
    public var village: DivisionCode? {
        if case .village(let code) = self { code } else { nil }
    }
}

/// Hours a worker logged on a day at a place (工作时数).
public struct WorkLog: Hashable, Sendable, Codable, Identifiable {
    /// The entry's identifier.
    public var id: WorkLogID
    /// The worker.
    public var worker: WorkerID
    /// The worker's station.
    public var station: StationID
    /// The day worked.
    public var on: CivilDate
    /// Minutes worked there that day.
    public var minutes: Int
    /// Where.
    public var place: WorkPlace

    /// Creates an entry.
    public init(id: WorkLogID, worker: WorkerID, station: StationID, on: CivilDate, minutes: Int, place: WorkPlace) {
        self.id = id
        self.worker = worker
        self.station = station
        self.on = on
        self.minutes = minutes
        self.place = place
    }
}

/// Identifies a work-log entry.
public typealias WorkLogID = Identifier<WorkLog>

/// `worklog.recorded`: a worker logged hours at a place.
public struct WorkLogRecorded: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.workLogRecorded
    public static let schemaVersion = 1
    /// The entry.
    public var log: WorkLogID
    /// The worker.
    public var worker: WorkerID
    /// The station.
    public var station: StationID
    /// The day.
    public var on: CivilDate
    /// The minutes.
    public var minutes: Int
    /// The village, when the hours were in one (`nil`: at the station).
    public var village: DivisionCode?
}

extension EventType {
    /// A worker logged hours.
    public static let workLogRecorded = EventType(rawValue: "worklog.recorded")
}

extension ChangeSet {
    /// Inserts `log` with `worklog.recorded`.
    public mutating func record(_ log: WorkLog, at station: Station, by actor: Actor, at instant: Date) {
        writes.append(.workLog(log))
        let payload = WorkLogRecorded(
            log: log.id,
            worker: log.worker,
            station: station.id,
            on: log.on,
            minutes: log.minutes,
            village: log.place.village
        )
        events.append(DomainEvent(payload, orgUnit: station.orgUnit, station: station.id, actor: actor, at: instant))
    }
}
