/// A social work agency (承接机构) that runs a station under a contract with the township.
public struct Agency: Hashable, Sendable, Codable, Identifiable {
    /// The agency's identifier.
    public var id: AgencyID
    /// The agency's registered name.
    public var name: String

    /// Creates an agency.
    public init(id: AgencyID, name: String) {
        self.id = id
        self.name = name
    }
}
