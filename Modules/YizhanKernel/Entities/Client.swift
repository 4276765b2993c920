/// A person a station serves (服务对象), in the categories of the template's code list.
///
/// Names, ID numbers and phones travel only sealed (`personal`), opened with a key kept outside the
/// database; everything else is what reports aggregate. No event carries the personal part.
public struct Client: Hashable, Sendable, Codable, Identifiable {
    /// The client's identifier.
    public var id: ClientID
    /// The station that serves the client.
    public var station: StationID
    /// The household, when recorded.
    public var household: HouseholdID?
    /// The village or community the client lives in.
    public var village: DivisionCode
    /// The categories the client falls in (低保, 特困, 留守儿童 …).
    public var categories: [ClientCategory]
    /// The client's name, ID number and phone, sealed.
    public var personal: SealedPersonalData?
    /// Their informed consent, once given.
    public var consent: Consent?
    /// The risk level a worker judged, if any.
    public var risk: RiskLevel?

    /// Creates a client.
    public init(
        id: ClientID,
        station: StationID,
        household: HouseholdID? = nil,
        village: DivisionCode,
        categories: [ClientCategory] = [],
        personal: SealedPersonalData? = nil,
        consent: Consent? = nil,
        risk: RiskLevel? = nil
    ) {
        self.id = id
        self.station = station
        self.household = household
        self.village = village
        self.categories = categories
        self.personal = personal
        self.consent = consent
        self.risk = risk
    }
}

/// A client category from the template's code list (seed 001 §七(二); DESIGN glossary).
public struct ClientCategory: CodeListEntry {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// 低保.
    public static let minimumLivingAllowance = ClientCategory(rawValue: "minimumLivingAllowance")
    /// 特困.
    public static let extremePoverty = ClientCategory(rawValue: "extremePoverty")
    /// 孤寡老人.
    public static let elderlyAlone = ClientCategory(rawValue: "elderlyAlone")
    /// 困境儿童.
    public static let childInDifficulty = ClientCategory(rawValue: "childInDifficulty")
    /// 留守儿童.
    public static let leftBehindChild = ClientCategory(rawValue: "leftBehindChild")
    /// 残疾人.
    public static let disabled = ClientCategory(rawValue: "disabled")
    /// 流动人口.
    public static let migrant = ClientCategory(rawValue: "migrant")
    /// 社区矫正对象.
    public static let communityCorrection = ClientCategory(rawValue: "communityCorrection")

    public static let known: [ClientCategory] = [
        .minimumLivingAllowance, .extremePoverty, .elderlyAlone, .childInDifficulty, .leftBehindChild, .disabled,
        .migrant, .communityCorrection,
    ]

    public func label(in language: Language) -> String {
        let labels: [String: LocalizedText] = [
            "minimumLivingAllowance": LocalizedText("低保", en: "minimum living allowance"),
            "extremePoverty": LocalizedText("特困", en: "extreme poverty"),
            "elderlyAlone": LocalizedText("孤寡老人", en: "elderly living alone"),
            "childInDifficulty": LocalizedText("困境儿童", en: "child in difficulty"),
            "leftBehindChild": LocalizedText("留守儿童", en: "left-behind child"),
            "disabled": LocalizedText("残疾人", en: "person with disability"),
            "migrant": LocalizedText("流动人口", en: "migrant"),
            "communityCorrection": LocalizedText("社区矫正对象", en: "community correction"),
        ]
        return labels[rawValue]?.text(in: language) ?? rawValue
    }
}
