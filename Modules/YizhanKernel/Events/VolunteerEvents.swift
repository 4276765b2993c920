public import Foundation

/// `volunteeractivity.scheduled`: a station's volunteer activity, its day and cap.
public struct VolunteerActivityScheduled: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.volunteerActivityScheduled
    public static let schemaVersion = 1
    /// The activity.
    public var activity: VolunteerActivityID
    /// The station that organises it.
    public var station: StationID
    /// The day it is held.
    public var heldOn: CivilDate
    /// The most minutes one volunteer is credited, if capped.
    public var capMinutes: Int?
}

/// `volunteerhours.recorded`: a volunteer's minutes at an activity and how they were recorded —
/// ids only, never a name.
public struct VolunteerHoursRecorded: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.volunteerHoursRecorded
    public static let schemaVersion = 1
    /// The attendance.
    public var hours: VolunteerHoursID
    /// The activity.
    public var activity: VolunteerActivityID
    /// The volunteer.
    public var volunteer: VolunteerID
    /// The station that recorded it.
    public var station: StationID
    /// Minutes credited.
    public var minutes: Int
    /// `self` (the volunteer's code) or `staff`.
    public var method: String
}

/// `passbook.booked`: a passbook entry and the balance after it.
public struct PassbookBooked: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.passbookBooked
    public static let schemaVersion = 1
    /// The volunteer.
    public var volunteer: VolunteerID
    /// The station whose passbook it is.
    public var station: StationID
    /// What happened.
    public var kind: PassbookEntryKind
    /// Points added or taken.
    public var points: Int
    /// The balance after it.
    public var balance: Int
}

extension ChangeSet {
    /// Upserts `activity` at `station`, with `volunteeractivity.scheduled`.
    public mutating func schedule(_ activity: VolunteerActivity, at station: Station, by actor: Actor, at instant: Date)
    {
        writes.append(.volunteerActivity(activity))
        let payload = VolunteerActivityScheduled(
            activity: activity.id,
            station: station.id,
            heldOn: activity.heldOn,
            capMinutes: activity.capMinutes
        )
        events.append(DomainEvent(payload, orgUnit: station.orgUnit, station: station.id, actor: actor, at: instant))
    }

    /// Inserts `hours`, with `volunteerhours.recorded`.
    public mutating func record(_ hours: VolunteerHours, at station: Station, by actor: Actor, at instant: Date) {
        writes.append(.volunteerHours(hours))
        let recorded = VolunteerHoursRecorded(
            hours: hours.id,
            activity: hours.activity,
            volunteer: hours.volunteer,
            station: station.id,
            minutes: hours.minutes,
            method: hours.method.code
        )
        events.append(DomainEvent(recorded, orgUnit: station.orgUnit, station: station.id, actor: actor, at: instant))
    }
}

extension DomainEvent {
    /// The `passbook.booked` event of `entry` at `station`, with the balance after it.
    public static func passbookBooked(
        _ entry: PassbookEntry,
        balance: Int,
        at station: Station,
        actor: Actor,
        at instant: Date
    ) -> DomainEvent {
        let payload = PassbookBooked(
            volunteer: entry.volunteer,
            station: station.id,
            kind: entry.kind,
            points: entry.points,
            balance: balance
        )
        return DomainEvent(payload, orgUnit: station.orgUnit, station: station.id, actor: actor, at: instant)
    }
}
