/// A client as a person or a ledger row gives it: text to be checked, not yet trusted.
public struct ClientRequest: Hashable, Sendable {
    /// The station id.
    public var station: String
    /// The village's 12-digit division code.
    public var village: String
    /// The person's name.
    public var name: String
    /// Their resident ID number, if known.
    public var idNumber: String?
    /// Their phone, if known.
    public var phone: String?
    /// Category codes or labels (低保, elderlyAlone …).
    public var categories: [String]
    /// The day consent was given, written as in a ledger.
    public var consentDate: String?
    /// What the consent covers: codes or labels (接受服务, referral …).
    public var consentScope: [String]
    /// Who gave the consent: 本人 or 监护人 (`person`, `guardian`); the person when not given.
    public var consentBy: String?
    /// The risk level: `low`, `medium`, `high` or 低, 中, 高.
    public var risk: String?
    /// The household's id, if the client belongs to one registered at the station.
    public var household: String?

    /// Creates a request.
    public init(
        station: String,
        village: String,
        name: String,
        idNumber: String? = nil,
        phone: String? = nil,
        categories: [String] = [],
        consentDate: String? = nil,
        consentScope: [String] = [],
        consentBy: String? = nil,
        risk: String? = nil,
        household: String? = nil
    ) {
        self.station = station
        self.village = village
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
        self.categories = categories
        self.consentDate = consentDate
        self.consentScope = consentScope
        self.consentBy = consentBy
        self.risk = risk
        self.household = household
    }
}
