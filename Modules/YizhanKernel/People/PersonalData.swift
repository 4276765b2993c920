/// A person's identifying data: what is sealed before it is stored, and never put in an event, a
/// log, a webhook or an aggregate report.
public struct PersonalData: Hashable, Sendable {
    /// The person's name.
    public var name: String
    /// Their resident ID number, if given.
    public var idNumber: IDNumber?
    /// Their phone number, if given.
    public var phone: PhoneNumber?

    /// Creates the data.
    public init(name: String, idNumber: IDNumber? = nil, phone: PhoneNumber? = nil) {
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
    }

    /// The name with all but its first character hidden: `王**`.
    public var maskedName: String {
        guard let first = name.first else { return "" }
        return String(first) + String(repeating: "*", count: max(1, name.count - 1))
    }
}

/// Personal data as the store keeps it: each value sealed (encrypted with authentication), the ID
/// number and phone also as keyed digests, so that duplicates are found without decrypting.
public struct SealedPersonalData: Hashable, Sendable, Codable {
    /// The sealed name.
    public var name: String
    /// The sealed ID number.
    public var idNumber: String?
    /// The keyed digest of the ID number.
    public var idNumberDigest: String?
    /// The sealed phone.
    public var phone: String?
    /// The keyed digest of the phone.
    public var phoneDigest: String?

    /// Creates the sealed form.
    public init(
        name: String,
        idNumber: String? = nil,
        idNumberDigest: String? = nil,
        phone: String? = nil,
        phoneDigest: String? = nil
    ) {
        self.name = name
        self.idNumber = idNumber
        self.idNumberDigest = idNumberDigest
        self.phone = phone
        self.phoneDigest = phoneDigest
    }
}

/// Whose personal data a sealed value is. It is bound into the ciphertext (authenticated, not
/// stored), so that a value copied from one person's row into another's does not open there
/// (issue 21.12).
public enum PersonalDataOwner: Hashable, Sendable {
    /// A client (服务对象).
    case client(ClientID)
    /// A volunteer (志愿者).
    case volunteer(VolunteerID)
    /// A resident's request (诉求): what they wrote, their contact details, every note and answer.
    case request(RequestID)

    /// The table and row the data belongs to, as the ciphertext binds them: `client/ID`.
    public var binding: String {
        switch self {
        case .client(let id): "client/\(id.rawValue)"
        case .volunteer(let id): "volunteer/\(id.rawValue)"
        case .request(let id): "request/\(id.rawValue)"
        }
    }
}

/// Seals and opens personal data with keys that live outside the database.
public protocol PersonalDataVault: Sendable {
    /// The sealed form of `data`, bound to `owner`, with digests for look-ups.
    func seal(_ data: PersonalData, for owner: PersonalDataOwner) throws -> SealedPersonalData
    /// The data back from its sealed form.
    ///
    /// - Throws: when the data was sealed with another key, for another owner, or has been altered.
    func open(_ sealed: SealedPersonalData, for owner: PersonalDataOwner) throws -> PersonalData
    /// The keyed digest of an ID number, to find a person without decrypting anyone.
    func digest(of idNumber: IDNumber) -> String
    /// Free text that may name people (a request's description, an answer, a note), sealed bound
    /// to `owner` and `field`, so that it opens nowhere else.
    func seal(text: String, for owner: PersonalDataOwner, field: String) throws -> String
    /// Free text back from `seal(text:for:field:)`.
    ///
    /// - Throws: when it was sealed with another key, for another owner or field, or altered.
    func open(text sealed: String, for owner: PersonalDataOwner, field: String) throws -> String
    /// The digest a request's tracking code is found by. It does not depend on the data key, so
    /// that a key rotation leaves every code a resident holds working (the code's own randomness
    /// is what protects it).
    func trackingDigest(of code: TrackingCode) -> String
}

extension PersonalDataVault {
    /// The client's personal data, if sealed.
    public func open(_ client: Client) throws -> PersonalData? {
        try client.personal.map { try open($0, for: .client(client.id)) }
    }

    /// The volunteer's personal data, if sealed.
    public func open(_ volunteer: Volunteer) throws -> PersonalData? {
        try volunteer.personal.map { try open($0, for: .volunteer(volunteer.id)) }
    }
}
