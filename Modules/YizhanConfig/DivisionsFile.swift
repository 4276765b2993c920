public import YizhanKernel

/// A county's administrative divisions under `config/divisions/`: the county, the units above it,
/// and its townships with their villages.
public struct DivisionsFile: ConfigFile, Hashable, Codable {
    /// A named unit.
    public struct Unit: Hashable, Sendable, Codable {
        /// Its division code.
        public var code: DivisionCode
        /// Its name.
        public var name: String
    }

    /// A township with its villages.
    public struct Township: Hashable, Sendable, Codable {
        /// Its division code (9 or 12 digits).
        public var code: DivisionCode
        /// Its name.
        public var name: String
        /// Its villages and communities.
        public var villages: [Unit]
    }

    /// The province and city above the county.
    public var parents: [Unit]
    /// The county.
    public var county: Unit
    /// The county's townships.
    public var townships: [Township]

    public static let shape = ObjectShape([
        .required(
            "parents",
            .list(.object(CommonShapes.unit)),
            LocalizedText("上级区划(省、市)", en: "the province and city")
        ),
        .required("county", .object(CommonShapes.unit), LocalizedText("县", en: "the county")),
        .required(
            "townships",
            .list(
                .object(
                    ObjectShape([
                        .required("code", .divisionCode, LocalizedText("统计用区划代码", en: "statistical division code")),
                        .required("name", .text, LocalizedText("名称", en: "name")),
                        .required(
                            "villages",
                            .list(.object(CommonShapes.unit)),
                            LocalizedText("村(社区)", en: "villages")
                        ),
                    ])
                )
            ),
            LocalizedText("镇(街道)", en: "townships")
        ),
    ])

    /// Every unit, top down, as kernel values.
    public var orgUnits: [OrgUnit] {
        var units = (parents + [county]).map { OrgUnit(code: $0.code, name: $0.name) }
        for township in townships {
            units.append(OrgUnit(code: township.code, name: township.name))
            units += township.villages.map { OrgUnit(code: $0.code, name: $0.name) }
        }
        return units
    }
}
