/// A registered volunteer (志愿者) of a station.
///
/// The volunteer's real name is personal data and is kept apart from this value, like a client's.
public struct Volunteer: Hashable, Sendable, Codable, Identifiable {
    /// The volunteer's identifier.
    public var id: VolunteerID
    /// The station the volunteer is registered with.
    public var station: StationID
    /// The village or community the volunteer lives in, when known.
    public var village: DivisionCode?
    /// The day the volunteer registered.
    public var registeredOn: CivilDate

    /// Creates a volunteer.
    public init(id: VolunteerID, station: StationID, village: DivisionCode? = nil, registeredOn: CivilDate) {
        self.id = id
        self.station = station
        self.village = village
        self.registeredOn = registeredOn
    }
}
