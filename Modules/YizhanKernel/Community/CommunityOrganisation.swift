public import Foundation

/// A community social organisation (社区社会组织) a station fosters in one of its villages: seed 002
/// counts them per urban and rural community, and asks that more than half be of the service,
/// public-benefit or mutual-aid kinds.
public struct CommunityOrganisation: Hashable, Sendable, Codable, Identifiable {
    /// The organisation's identifier.
    public var id: CommunityOrganisationID
    /// The station that fosters it.
    public var station: StationID
    /// The village (or urban community) it works in.
    public var village: DivisionCode
    /// Its name (an organisation's, not a person's).
    public var name: String
    /// What kind of organisation it is.
    public var kind: OrganisationKind
    /// Registered with civil affairs (登记) or filed with the township (备案).
    public var status: OrganisationStatus
    /// How far its incubation has come.
    public var stage: IncubationStage
    /// The day it was registered or filed.
    public var since: CivilDate

    /// Creates an organisation.
    public init(
        id: CommunityOrganisationID,
        station: StationID,
        village: DivisionCode,
        name: String,
        kind: OrganisationKind,
        status: OrganisationStatus,
        stage: IncubationStage,
        since: CivilDate
    ) {
        self.id = id
        self.station = station
        self.village = village
        self.name = name
        self.kind = kind
        self.status = status
        self.stage = stage
        self.since = since
    }
}

/// Identifies a community social organisation.
public typealias CommunityOrganisationID = Identifier<CommunityOrganisation>

/// The kinds seed 002 names (服务性、公益性、互助性), and the rest.
public enum OrganisationKind: String, CaseIterable, Sendable, Codable {
    /// 服务类.
    case service
    /// 公益类.
    case publicBenefit
    /// 互助类.
    case mutualAid
    /// 其他(文体、兴趣等).
    case other

    /// The kind's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.service, .zhHans): "服务类"
        case (.publicBenefit, .zhHans): "公益类"
        case (.mutualAid, .zhHans): "互助类"
        case (.other, .zhHans): "其他"
        case (.service, .en): "service"
        case (.publicBenefit, .en): "public benefit"
        case (.mutualAid, .en): "mutual aid"
        case (.other, .en): "other"
        }
    }

    /// Whether seed 002's majority rule counts it (service, public-benefit or mutual-aid).
    public var countsTowardsServiceShare: Bool { self != .other }
}

/// Whether an organisation is registered or filed.
public enum OrganisationStatus: String, CaseIterable, Sendable, Codable {
    /// 登记 — registered with the civil affairs department.
    case registered
    /// 备案 — filed with the township or street.
    case filed

    /// The status's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.registered, .zhHans): "登记"
        case (.filed, .zhHans): "备案"
        case (_, .en): rawValue
        }
    }
}

/// How far a station has brought an organisation (孵化培育).
public enum IncubationStage: String, CaseIterable, Comparable, Sendable, Codable {
    /// 孵化中 — being set up with the station's help.
    case incubating
    /// 培育中 — running, still supported.
    case fostering
    /// 已出壳 — running on its own.
    case independent

    /// The stage's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.incubating, .zhHans): "孵化中"
        case (.fostering, .zhHans): "培育中"
        case (.independent, .zhHans): "已出壳"
        case (_, .en): rawValue
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// `organisation.recorded`: an organisation was added, or its status or stage changed.
public struct OrganisationRecorded: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.organisationRecorded
    public static let schemaVersion = 1
    /// The organisation.
    public var organisation: CommunityOrganisationID
    /// The station.
    public var station: StationID
    /// The village.
    public var village: DivisionCode
    /// The kind.
    public var kind: OrganisationKind
    /// The status.
    public var status: OrganisationStatus
    /// The stage.
    public var stage: IncubationStage
}

extension EventType {
    /// An organisation was added or changed.
    public static let organisationRecorded = EventType(rawValue: "organisation.recorded")
}

extension ChangeSet {
    /// Upserts `organisation` with `organisation.recorded`.
    public mutating func record(
        _ organisation: CommunityOrganisation,
        at station: Station,
        by actor: Actor,
        at instant: Date
    ) {
        writes.append(.organisation(organisation))
        let payload = OrganisationRecorded(
            organisation: organisation.id,
            station: station.id,
            village: organisation.village,
            kind: organisation.kind,
            status: organisation.status,
            stage: organisation.stage
        )
        events.append(DomainEvent(payload, orgUnit: station.orgUnit, station: station.id, actor: actor, at: instant))
    }
}
