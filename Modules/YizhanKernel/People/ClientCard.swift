/// A client as a screen or an API shows them: their facts, and their name, ID number and phone
/// masked (`王**`, `3304**********0014`) unless revealed through `RevealClient`. The command line and
/// the server both show clients through this, so that masking is one rule.
public struct ClientCard: Hashable, Sendable, Codable {
    /// The client id.
    public var id: String
    /// The station id.
    public var station: String
    /// The village's division code.
    public var village: String
    /// Category codes.
    public var categories: [String]
    /// The name, masked unless revealed; `—` when none is kept or it cannot be opened.
    public var name: String
    /// The ID number, masked unless revealed.
    public var idNumber: String?
    /// The phone, masked unless revealed.
    public var phone: String?
    /// The day consent was given, `YYYY-MM-DD`.
    public var consentOn: String?
    /// What the consent covers, as codes.
    public var consentScope: [String]?
    /// Who gave it: `person` or `guardian`.
    public var consentBy: String?
    /// The risk level's code.
    public var risk: String?
    /// Set when the client's sealed data does not open (altered, or sealed under another key).
    public var unreadable: Bool?

    /// The card of `client` with `data`, unmasked only when `revealed`.
    public init(_ client: Client, _ data: PersonalData?, revealed: Bool) {
        id = client.id.rawValue
        station = client.station.rawValue
        village = client.village.rawValue
        categories = client.categories.map(\.rawValue)
        name = (revealed ? data?.name : data?.maskedName) ?? "—"
        idNumber = revealed ? data?.idNumber?.rawValue : data?.idNumber?.masked
        phone = revealed ? data?.phone?.rawValue : data?.phone?.masked
        consentOn = client.consent?.on.description
        consentScope = client.consent?.scope.map(\.rawValue)
        consentBy = client.consent?.givenBy.rawValue
        risk = client.risk?.rawValue
    }

    /// The masked card of `client`, opened with `vault`. A row that does not open is marked
    /// `unreadable` rather than refused, so that one damaged row hides no other client.
    public static func masked(_ client: Client, opening vault: any PersonalDataVault) -> ClientCard {
        let data = (try? vault.open(client)) ?? nil
        var card = ClientCard(client, data, revealed: false)
        if client.personal != nil, data == nil { card.unreadable = true }
        return card
    }
}
