public import Hummingbird
public import YizhanKernel

extension ClientCard: ResponseEncodable {}

/// A page of clients, masked.
public struct ClientList: ResponseEncodable, Decodable, Sendable {
    /// The clients, by id.
    public var clients: [ClientCard]
}

/// A client as `POST /api/v1/clients` takes them: the same fields as `yizhan client add`. The
/// body is the only place personal data travels in: never a URL, an event or a log line.
public struct ClientInput: Decodable, Sendable {
    /// The station id.
    public var station: String
    /// The village's 12-digit division code.
    public var village: String
    /// The person's name.
    public var name: String
    /// Their resident ID number.
    public var idNumber: String?
    /// Their phone.
    public var phone: String?
    /// Category codes or labels (`elderlyAlone`, `孤寡老人`).
    public var categories: [String]?
    /// The day consent was given, `YYYY-MM-DD`.
    public var consentDate: String?
    /// What the consent covers: codes or labels; must include `personalInformation`.
    public var consentScope: [String]?
    /// `person` or `guardian` (本人, 监护人).
    public var consentBy: String?
    /// `low`, `medium`, `high` (低, 中, 高).
    public var risk: String?
    /// A household registered at the station.
    public var household: String?

    /// The kernel's request.
    public var request: ClientRequest {
        ClientRequest(
            station: station,
            village: village,
            name: name,
            idNumber: idNumber,
            phone: phone,
            categories: categories ?? [],
            consentDate: consentDate,
            consentScope: consentScope ?? [],
            consentBy: consentBy,
            risk: risk,
            household: household
        )
    }
}

/// The answer to a registered client: their masked card and the sequence of `client.registered`.
public struct ClientCreated: ResponseEncodable, Decodable, Sendable {
    /// The client, masked.
    public var client: ClientCard
    /// The event's sequence.
    public var event: Int64
}

/// Why a client's data is to be shown: `POST /api/v1/clients/{id}/reveal`'s body.
public struct RevealInput: Decodable, Sendable {
    /// A purpose's code or Chinese name (`service`, `核实身份` …).
    public var reason: String
}
