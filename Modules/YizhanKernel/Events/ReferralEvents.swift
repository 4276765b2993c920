public import Foundation

/// `referral.made`: a client was referred, named by id only. The receiving agency is typed by a
/// social worker and may name a person ("王医生"), so it stays with the referral and out of the
/// event.
public struct ReferralMade: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.referralMade
    /// Version 2: no `agency` (free text stays out of events, issue 21.8).
    public static let schemaVersion = 2
    /// The referral's service record.
    public var record: ServiceRecordID
    /// The station that referred.
    public var station: StationID
    /// The day of the referral.
    public var date: CivilDate
}

/// `referral.outcome`: what came of a referral, and when.
public struct ReferralOutcomeRecorded: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.referralOutcome
    public static let schemaVersion = 1
    /// The referral's service record.
    public var record: ServiceRecordID
    /// The station that referred.
    public var station: StationID
    /// The outcome.
    public var outcome: ReferralOutcome
    /// The day it was known.
    public var date: CivilDate
}

extension ChangeSet {
    /// Records `record` (a referral) with its details, with `service.recorded` and `referral.made`.
    public mutating func refer(
        _ record: ServiceRecord,
        _ referral: Referral,
        at station: Station,
        by actor: Actor,
        at instant: Date
    ) {
        self.record(record, at: station, by: actor, at: instant)
        writes.append(.referral(referral))
        let payload = ReferralMade(record: record.id, station: station.id, date: record.date)
        events.append(DomainEvent(payload, orgUnit: station.orgUnit, station: station.id, actor: actor, at: instant))
    }

    /// Updates `referral`'s outcome, with `referral.outcome`.
    public mutating func settle(_ referral: Referral, at station: Station, by actor: Actor, at instant: Date) {
        writes.append(.referral(referral))
        let payload = ReferralOutcomeRecorded(
            record: referral.record,
            station: station.id,
            outcome: referral.outcome,
            date: referral.outcomeOn ?? CivilDate(shanghaiDayOf: instant.timeIntervalSince1970)
        )
        events.append(DomainEvent(payload, orgUnit: station.orgUnit, station: station.id, actor: actor, at: instant))
    }
}
