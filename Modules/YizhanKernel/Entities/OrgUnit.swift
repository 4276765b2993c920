/// An administrative division — province, city, county, township or village — named by its code.
public struct OrgUnit: Hashable, Sendable, Codable, Identifiable {
    /// The statistical division code, which also identifies the unit.
    public var code: DivisionCode
    /// The unit's name, e.g. 海盐县 or 百步镇.
    public var name: String

    /// Creates a unit.
    public init(code: DivisionCode, name: String) {
        self.code = code
        self.name = name
    }

    /// The code.
    public var id: DivisionCode { code }
    /// The level, from the code.
    public var level: OrgLevel { code.level }
    /// The enclosing unit's code, from the code.
    public var parent: DivisionCode? { code.parent }
}
