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

/// Seals and opens personal data with keys that live outside the database.
public protocol PersonalDataVault: Sendable {
    /// The sealed form of `data`, with digests for look-ups.
    func seal(_ data: PersonalData) throws -> SealedPersonalData
    /// The data back from its sealed form.
    ///
    /// - Throws: when the data was sealed with another key or has been altered.
    func open(_ sealed: SealedPersonalData) throws -> PersonalData
    /// The keyed digest of an ID number, to find a person without decrypting anyone.
    func digest(of idNumber: IDNumber) -> String
}
