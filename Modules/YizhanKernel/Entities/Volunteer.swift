/// A registered volunteer (志愿者) of a station.
///
/// The volunteer's real name (实名), ID number and phone are personal data: sealed like a client's,
/// found by the keyed digest of the ID number, shown masked.
public struct Volunteer: Hashable, Sendable, Codable, Identifiable {
    /// The volunteer's identifier.
    public var id: VolunteerID
    /// The station the volunteer is registered with.
    public var station: StationID
    /// The village or community the volunteer lives in, when known.
    public var village: DivisionCode?
    /// The day the volunteer registered.
    public var registeredOn: CivilDate
    /// Their name, ID number and phone, sealed as a client's are.
    public var personal: SealedPersonalData?
    /// The code they check in and out of activities with (not personal data; a volunteer keeps it).
    public var checkInCode: String?

    /// Creates a volunteer.
    public init(
        id: VolunteerID,
        station: StationID,
        village: DivisionCode? = nil,
        registeredOn: CivilDate,
        personal: SealedPersonalData? = nil,
        checkInCode: String? = nil
    ) {
        self.id = id
        self.station = station
        self.village = village
        self.registeredOn = registeredOn
        self.personal = personal
        self.checkInCode = checkInCode
    }
}
