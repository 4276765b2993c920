/// A household (家庭) that clients belong to.
public struct Household: Hashable, Sendable, Codable, Identifiable {
    /// The household's identifier.
    public var id: HouseholdID
    /// The station that serves it.
    public var station: StationID
    /// The village or community it lives in.
    public var village: DivisionCode

    /// Creates a household.
    public init(id: HouseholdID, station: StationID, village: DivisionCode) {
        self.id = id
        self.station = station
        self.village = village
    }
}
