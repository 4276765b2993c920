import Foundation

/// A social work station (社会工作站): one per township, or a village room, or the county hub.
public struct Station: Hashable, Sendable, Codable, Identifiable {
    /// The station's identifier, e.g. `baibu`.
    public var id: StationID
    /// The station's name, e.g. 百步镇社会工作站.
    public var name: String
    /// Whether this is a township station, a community room or the county hub.
    public var kind: StationKind
    /// The township (or, for a community room, the village) the station serves.
    public var orgUnit: DivisionCode
    /// Floor area in square metres.
    public var areaSquareMeters: Int
    /// The functional rooms and areas the station has.
    public var rooms: [RoomKind]
    /// The agency (承接机构) that operates the station, if it is contracted out.
    public var agency: AgencyID?
    /// The station's brand (一站一品), e.g. “159”工作法.
    public var brandName: String?
    /// How many days a case may stay in each stage before it is overdue, from the station's
    /// template (`caseStageDays`); a stage without a limit is never overdue.
    public var caseStageDays: [CaseStage: Int]
    /// The client categories of the station's template beyond those the kernel knows, code → name
    /// (`veteran: 退役军人`), so that a county can add categories without a kernel change.
    public var clientCategoryNames: [String: String]
    /// How the station runs its volunteers' points passbook.
    public var volunteering: VolunteeringSettings
    /// The indicators the station is held to, from its template and its own overrides.
    public var indicators: [StationIndicator]

    /// Creates a station.
    public init(
        id: StationID,
        name: String,
        kind: StationKind,
        orgUnit: DivisionCode,
        areaSquareMeters: Int,
        rooms: [RoomKind] = [],
        agency: AgencyID? = nil,
        brandName: String? = nil,
        caseStageDays: [CaseStage: Int] = [:],
        clientCategoryNames: [String: String] = [:],
        volunteering: VolunteeringSettings = VolunteeringSettings(),
        indicators: [StationIndicator] = []
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.orgUnit = orgUnit
        self.areaSquareMeters = areaSquareMeters
        self.rooms = rooms
        self.agency = agency
        self.brandName = brandName
        self.caseStageDays = caseStageDays
        self.clientCategoryNames = clientCategoryNames
        self.volunteering = volunteering
        self.indicators = indicators
    }

    /// The county the station belongs to.
    public var county: DivisionCode? { orgUnit.ancestor(at: .county) }

    /// Category names as the stores keep them: JSON with sorted keys (`nil` when there are none).
    public static func categoryNamesText(_ names: [String: String]) -> String? {
        guard !names.isEmpty else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(names)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Volunteering settings as the stores keep them: JSON (`nil` for the defaults).
    public static func volunteeringText(_ settings: VolunteeringSettings) -> String? {
        guard settings != VolunteeringSettings() else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(settings)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Volunteering settings back from `volunteeringText` (the defaults for `nil`).
    public static func volunteering(fromText text: String?) -> VolunteeringSettings {
        guard let text else { return VolunteeringSettings() }
        return (try? JSONDecoder().decode(VolunteeringSettings.self, from: Data(text.utf8))) ?? VolunteeringSettings()
    }

    /// Indicators as the stores keep them: JSON with sorted keys (`nil` when there are none).
    public static func indicatorsText(_ indicators: [StationIndicator]) -> String? {
        guard !indicators.isEmpty else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(indicators)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Indicators back from `indicatorsText` (none for `nil` or text that does not read).
    public static func indicators(fromText text: String?) -> [StationIndicator] {
        guard let text else { return [] }
        return (try? JSONDecoder().decode([StationIndicator].self, from: Data(text.utf8))) ?? []
    }

    /// Category names back from `categoryNamesText` (empty for `nil` or text that does not read).
    public static func categoryNames(fromText text: String?) -> [String: String] {
        guard let text else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }
}

/// What kind of station it is (社会工作站 / 社区社会工作室 / 总站).
public enum StationKind: String, CaseIterable, Sendable, Codable {
    /// 乡镇(街道)社会工作站 — one per township.
    case station
    /// 社区社会工作室 — a room in a village or community.
    case communityRoom
    /// 社会工作站总站 — the large station a county names its hub (seed 001 §四).
    case countyHub

    /// The kind's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.station, .zhHans): "社会工作站"
        case (.communityRoom, .zhHans): "社区社会工作室"
        case (.countyHub, .zhHans): "社会工作站总站"
        case (.station, .en): "station"
        case (.communityRoom, .en): "community room"
        case (.countyHub, .en): "county hub"
        }
    }
}

/// A functional room or area of a station (seed 001 §六(一)2).
public struct RoomKind: CodeListEntry {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// 社工室.
    public static let socialWorkRoom = RoomKind(rawValue: "socialWorkRoom")
    /// 个案室.
    public static let caseRoom = RoomKind(rawValue: "caseRoom")
    /// 小组活动室.
    public static let groupRoom = RoomKind(rawValue: "groupRoom")
    /// 多功能室.
    public static let multipurposeRoom = RoomKind(rawValue: "multipurposeRoom")
    /// 档案室.
    public static let archiveRoom = RoomKind(rawValue: "archiveRoom")
    /// 综合接待区.
    public static let reception = RoomKind(rawValue: "reception")
    /// 展示区.
    public static let display = RoomKind(rawValue: "display")

    public static let known: [RoomKind] = [
        .socialWorkRoom, .caseRoom, .groupRoom, .multipurposeRoom, .archiveRoom, .reception, .display,
    ]

    public func label(in language: Language) -> String {
        let labels: [String: LocalizedText] = [
            "socialWorkRoom": LocalizedText("社工室", en: "social work room"),
            "caseRoom": LocalizedText("个案室", en: "case room"),
            "groupRoom": LocalizedText("小组活动室", en: "group room"),
            "multipurposeRoom": LocalizedText("多功能室", en: "multipurpose room"),
            "archiveRoom": LocalizedText("档案室", en: "archive room"),
            "reception": LocalizedText("综合接待区", en: "reception area"),
            "display": LocalizedText("展示区", en: "display area"),
        ]
        return labels[rawValue]?.text(in: language) ?? rawValue
    }
}
