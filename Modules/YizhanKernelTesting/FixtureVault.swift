public import YizhanKernel

/// A vault for store tests that keeps no secret: sealing writes the value back to front with its
/// owner, and the digest is the number itself. What a test of the stores' look-ups needs, and
/// nothing a workspace may use (`DataKeyVault` seals for real).
public struct FixtureVault: PersonalDataVault {
    /// Creates the vault.
    public init() {}

    public func seal(_ data: PersonalData, for owner: PersonalDataOwner) throws -> SealedPersonalData {
        SealedPersonalData(
            name: Self.sealed(data.name, owner),
            idNumber: data.idNumber.map { Self.sealed($0.rawValue, owner) },
            idNumberDigest: data.idNumber.map(digest(of:)),
            phone: data.phone.map { Self.sealed($0.rawValue, owner) }
        )
    }

    public func open(_ sealed: SealedPersonalData, for owner: PersonalDataOwner) throws -> PersonalData {
        PersonalData(
            name: try Self.opened(sealed.name, owner),
            idNumber: try sealed.idNumber.map { try IDNumber(try Self.opened($0, owner)) },
            phone: try sealed.phone.map { try PhoneNumber(try Self.opened($0, owner)) }
        )
    }

    public func digest(of idNumber: IDNumber) -> String { "digest:\(idNumber.rawValue)" }

    public func trackingDigest(of code: TrackingCode) -> String { "tracking:\(code.rawValue)" }

    public func seal(text: String, for owner: PersonalDataOwner, field: String) throws -> String {
        Self.sealed(text, owner, field)
    }

    public func open(text sealed: String, for owner: PersonalDataOwner, field: String) throws -> String {
        try Self.opened(sealed, owner, field)
    }

    private struct WrongOwner: Error {}

    private static func sealed(_ value: String, _ owner: PersonalDataOwner, _ field: String = "") -> String {
        "\(owner)\(field):" + String(value.reversed())
    }

    private static func opened(_ value: String, _ owner: PersonalDataOwner, _ field: String = "") throws -> String {
        let prefix = "\(owner)\(field):"
        guard value.hasPrefix(prefix) else { throw WrongOwner() }
        return String(value.dropFirst(prefix.count).reversed())
    }
}
