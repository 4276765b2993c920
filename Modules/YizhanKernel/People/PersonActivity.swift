/// When a person whose personal data is still kept was last active, as a retention review
/// (保存期限) reads it: the dates only, never the data.
public struct PersonActivity: Hashable, Sendable {
    /// The person.
    public var person: PersonID
    /// Their station.
    public var station: StationID
    /// The last day anything was recorded with them — a service, a case stage, consent (clients);
    /// registration, hours served, points earned or spent (volunteers) — or `nil` if nothing was.
    public var lastActive: CivilDate?
    /// Whether one of their cases is still open: an open case keeps the data, whatever its age.
    public var hasOpenCase: Bool

    /// Creates an activity.
    public init(person: PersonID, station: StationID, lastActive: CivilDate?, hasOpenCase: Bool = false) {
        self.person = person
        self.station = station
        self.lastActive = lastActive
        self.hasOpenCase = hasOpenCase
    }

    /// `lastActive`, or else the day the person's id was minted (ids are UUIDv7, so the day they
    /// were registered); `nil` only for an id that is not a UUIDv7 and nothing recorded.
    public var lastKnownDay: CivilDate? {
        if let lastActive { return lastActive }
        return UUIDv7.milliseconds(of: person.rawID).map { CivilDate(shanghaiDayOf: Double($0) / 1_000) }
    }
}
