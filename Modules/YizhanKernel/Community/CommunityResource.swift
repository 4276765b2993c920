public import Foundation

/// A resource a station can call on in a village (seed 000 §三: 汇聚…企业、商家…等社会资源,绘制资源
/// 地图): a venue, an enterprise, a shop, an institution. Organisations, volunteers, funds and open
/// wishes are kept in their own tables and join them on the map.
public struct CommunityResource: Hashable, Sendable, Codable, Identifiable {
    /// The resource's identifier.
    public var id: CommunityResourceID
    /// The station that keeps it on its map.
    public var station: StationID
    /// The village it is in.
    public var village: DivisionCode
    /// What kind of resource.
    public var kind: ResourceKind
    /// Its name (an organisation's or a place's, not a person's).
    public var name: String
    /// What it offers, e.g. 场地、餐食、理发.
    public var offers: String?

    /// Creates a resource.
    public init(
        id: CommunityResourceID,
        station: StationID,
        village: DivisionCode,
        kind: ResourceKind,
        name: String,
        offers: String? = nil
    ) {
        self.id = id
        self.station = station
        self.village = village
        self.kind = kind
        self.name = name
        self.offers = offers
    }
}

/// Identifies a resource.
public typealias CommunityResourceID = Identifier<CommunityResource>

/// The kinds of resource on the map: those registered as resources, then those read from their own
/// tables.
public enum ResourceKind: String, CaseIterable, Sendable, Codable {
    /// 场地.
    case venue
    /// 企业.
    case enterprise
    /// 商户.
    case shop
    /// 单位(学校、医院等).
    case institution
    /// 其他.
    case other
    /// 社区社会组织 (from the organisations).
    case organisation
    /// 志愿者 (from the volunteers living there).
    case volunteer
    /// 慈善基金 (from the funds serving the village).
    case charityFund
    /// 待认领的微心愿 (from the wishes still posted).
    case openWish

    /// The kinds registered as resources (`yizhan resource add`).
    public static let registrable: [ResourceKind] = [.venue, .enterprise, .shop, .institution, .other]

    /// The kind's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.venue, .zhHans): "场地"
        case (.enterprise, .zhHans): "企业"
        case (.shop, .zhHans): "商户"
        case (.institution, .zhHans): "单位"
        case (.other, .zhHans): "其他"
        case (.organisation, .zhHans): "社会组织"
        case (.volunteer, .zhHans): "志愿者"
        case (.charityFund, .zhHans): "慈善基金"
        case (.openWish, .zhHans): "待认领微心愿"
        case (_, .en): rawValue
        }
    }
}

/// One cell of the resource map: how many resources of a kind a village has.
public struct ResourceMapCell: Hashable, Sendable, Codable {
    /// The village.
    public var village: DivisionCode
    /// The kind.
    public var kind: ResourceKind
    /// How many.
    public var count: Int

    /// Creates a cell.
    public init(village: DivisionCode, kind: ResourceKind, count: Int) {
        self.village = village
        self.kind = kind
        self.count = count
    }
}

/// `resource.registered`: a resource was put on the map or changed.
public struct ResourceRegistered: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.resourceRegistered
    public static let schemaVersion = 1
    /// The resource.
    public var resource: CommunityResourceID
    /// The station.
    public var station: StationID
    /// The village.
    public var village: DivisionCode
    /// The kind.
    public var kind: ResourceKind
}

extension EventType {
    /// A resource was put on the map.
    public static let resourceRegistered = EventType(rawValue: "resource.registered")
}

extension ChangeSet {
    /// Upserts `resource` with `resource.registered`.
    public mutating func register(_ resource: CommunityResource, at station: Station, by actor: Actor, at instant: Date)
    {
        writes.append(.resource(resource))
        let payload = ResourceRegistered(
            resource: resource.id,
            station: station.id,
            village: resource.village,
            kind: resource.kind
        )
        events.append(DomainEvent(payload, orgUnit: station.orgUnit, station: station.id, actor: actor, at: instant))
    }
}
