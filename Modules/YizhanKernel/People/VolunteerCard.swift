/// A volunteer as a list or an API shows them: their station, village and registration day, and
/// their name, ID number and phone masked. The check-in code is shown once, when registered
/// (`withCheckInCode`), never in a list. The command line and the server both use this.
public struct VolunteerCard: Hashable, Sendable, Codable {
    /// The volunteer id.
    public var id: String
    /// The station id.
    public var station: String
    /// The village's division code, when known.
    public var village: String?
    /// The registration day, `YYYY-MM-DD`.
    public var registeredOn: String
    /// The name, masked; `—` when none is kept or it cannot be opened.
    public var name: String
    /// The ID number, masked.
    public var idNumber: String?
    /// The phone, masked.
    public var phone: String?
    /// The code they check in with: only in the answer to their registration.
    public var checkInCode: String?
    /// Set when their sealed data does not open (altered, or sealed under another key).
    public var unreadable: Bool?

    /// The masked card of `volunteer`, their data opened with `vault`.
    public init(masking volunteer: Volunteer, opening vault: any PersonalDataVault) {
        let data = (try? vault.open(volunteer)) ?? nil
        id = volunteer.id.rawValue
        station = volunteer.station.rawValue
        village = volunteer.village?.rawValue
        registeredOn = volunteer.registeredOn.description
        name = data?.maskedName ?? "—"
        idNumber = data?.idNumber?.masked
        phone = data?.phone?.masked
        if volunteer.personal != nil, data == nil { unreadable = true }
    }

    /// The card with the volunteer's check-in code, for the answer to their registration.
    public func withCheckInCode(of volunteer: Volunteer) -> VolunteerCard {
        var card = self
        card.checkInCode = volunteer.checkInCode
        return card
    }
}
