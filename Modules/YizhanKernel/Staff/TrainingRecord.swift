public import Foundation

/// Training a worker received (教育培训), in class hours (课时): seed 001 §六(三)2 asks for at least
/// 40 a year per resident worker, inside or outside the station.
public struct TrainingRecord: Hashable, Sendable, Codable, Identifiable {
    /// The record's identifier.
    public var id: TrainingRecordID
    /// The worker trained.
    public var worker: WorkerID
    /// The worker's station.
    public var station: StationID
    /// The day of the training (its last day, for a course).
    public var on: CivilDate
    /// Class hours credited (课时).
    public var classHours: Int
    /// The course's title.
    public var title: String
    /// Whether it was given outside the station (外部培训) rather than by it (内部培训).
    public var isExternal: Bool

    /// Creates a record.
    public init(
        id: TrainingRecordID,
        worker: WorkerID,
        station: StationID,
        on: CivilDate,
        classHours: Int,
        title: String,
        isExternal: Bool
    ) {
        self.id = id
        self.worker = worker
        self.station = station
        self.on = on
        self.classHours = classHours
        self.title = title
        self.isExternal = isExternal
    }
}

/// Identifies a training record.
public typealias TrainingRecordID = Identifier<TrainingRecord>

/// `staff.trained`: a worker's training was recorded — ids and hours, never the worker's name.
public struct StaffTrained: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.staffTrained
    public static let schemaVersion = 1
    /// The record.
    public var training: TrainingRecordID
    /// The worker.
    public var worker: WorkerID
    /// The station.
    public var station: StationID
    /// The day.
    public var on: CivilDate
    /// The class hours.
    public var classHours: Int
}

extension EventType {
    /// A worker's training was recorded.
    public static let staffTrained = EventType(rawValue: "staff.trained")
}

extension ChangeSet {
    /// Inserts `training` with `staff.trained`.
    public mutating func record(_ training: TrainingRecord, at station: Station, by actor: Actor, at instant: Date) {
        writes.append(.training(training))
        let payload = StaffTrained(
            training: training.id,
            worker: training.worker,
            station: station.id,
            on: training.on,
            classHours: training.classHours
        )
        events.append(DomainEvent(payload, orgUnit: station.orgUnit, station: station.id, actor: actor, at: instant))
    }
}
