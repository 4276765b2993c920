/// `service.corrected`: a service record has a new version; which facts changed, never the
/// reason (free text stays in the store).
public struct ServiceCorrected: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.serviceCorrected
    public static let schemaVersion = 1
    /// The record.
    public var record: ServiceRecordID
    /// Its station.
    public var station: StationID
    /// The version it is at now.
    public var version: Int
    /// The facts that changed (`date`, `durationMinutes`, `participants` …).
    public var changed: [String]
    /// Person-times before and after, so that a subscriber's running totals follow.
    public var personTimesBefore: Int
    /// Person-times after the correction.
    public var personTimes: Int

    /// Describes `revision`, a correction.
    public init(_ revision: ServiceRevision) {
        record = revision.record
        station = revision.previous.station
        version = revision.version
        changed = revision.changedFields
        personTimesBefore = revision.previous.personTimes
        personTimes = revision.current?.personTimes ?? 0
    }
}

/// `service.voided`: a service record no longer counts; it stays in the history.
public struct ServiceVoided: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.serviceVoided
    public static let schemaVersion = 1
    /// The record.
    public var record: ServiceRecordID
    /// Its station.
    public var station: StationID
    /// The version the void makes.
    public var version: Int
    /// The person-times it no longer counts.
    public var personTimes: Int

    /// Describes `revision`, a void.
    public init(_ revision: ServiceRevision) {
        record = revision.record
        station = revision.previous.station
        version = revision.version
        personTimes = revision.previous.personTimes
    }
}

extension EventType {
    /// A service record was corrected.
    public static let serviceCorrected = EventType(rawValue: "service.corrected")
    /// A service record was voided.
    public static let serviceVoided = EventType(rawValue: "service.voided")
}
