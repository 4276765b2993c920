public import Foundation

/// A micro-wish (微心愿): a small need of a resident posted by the station, claimed by a donor, then
/// fulfilled (seed 000 §三, 认领微心愿). The wish says what is needed, never who needs it.
public struct MicroWish: Hashable, Sendable, Codable, Identifiable {
    /// The wish's identifier.
    public var id: MicroWishID
    /// The station that posted it.
    public var station: StationID
    /// The village it is for.
    public var village: DivisionCode
    /// What is wished for, e.g. 一个新书包.
    public var wish: String
    /// Its estimated value, when given.
    public var value: Fen?
    /// The day it was posted.
    public var postedOn: CivilDate
    /// Who claimed it, by kind, once claimed.
    public var claimantKind: DonorKind?
    /// The claiming organisation's name (enterprises, foundations, funds); never a person's.
    public var claimantName: String?
    /// The registered resource on the station's map that claimed it, when the claimant is one (a
    /// “起禾”公益商圈联盟 shop, seed 000 §三.二); its name is then `claimantName`.
    public var claimedBy: CommunityResourceID?
    /// The day it was claimed.
    public var claimedOn: CivilDate?
    /// When the claim was entered, so that figures as they stood on a past day (`--as-of`) leave
    /// out claims entered later.
    public var claimEnteredAt: Date?
    /// The day it was fulfilled.
    public var fulfilledOn: CivilDate?

    /// Creates a posted wish.
    public init(
        id: MicroWishID,
        station: StationID,
        village: DivisionCode,
        wish: String,
        value: Fen? = nil,
        postedOn: CivilDate,
        claimantKind: DonorKind? = nil,
        claimantName: String? = nil,
        claimedBy: CommunityResourceID? = nil,
        claimedOn: CivilDate? = nil,
        claimEnteredAt: Date? = nil,
        fulfilledOn: CivilDate? = nil
    ) {
        self.id = id
        self.station = station
        self.village = village
        self.wish = wish
        self.value = value
        self.postedOn = postedOn
        self.claimantKind = claimantKind
        self.claimantName = claimantName
        self.claimedBy = claimedBy
        self.claimedOn = claimedOn
        self.claimEnteredAt = claimEnteredAt
        self.fulfilledOn = fulfilledOn
    }

    /// Where the wish stands.
    public var status: MicroWishStatus {
        if fulfilledOn != nil { return .fulfilled }
        if claimedOn != nil { return .claimed }
        return .posted
    }
}

/// Identifies a micro-wish.
public typealias MicroWishID = Identifier<MicroWish>

/// Where a micro-wish stands; it only moves forward, one step at a time.
public enum MicroWishStatus: String, CaseIterable, Sendable, Codable {
    /// 待认领.
    case posted
    /// 已认领.
    case claimed
    /// 已实现.
    case fulfilled

    /// The status a wish must have had to reach this one (`nil` for a new wish).
    public var previous: MicroWishStatus? {
        switch self {
        case .posted: nil
        case .claimed: .posted
        case .fulfilled: .claimed
        }
    }

    /// The status's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.posted, .zhHans): "待认领"
        case (.claimed, .zhHans): "已认领"
        case (.fulfilled, .zhHans): "已实现"
        case (_, .en): rawValue
        }
    }
}

/// `microwish.progressed`: a wish moved one step — ids, village, value, the claimant's kind and the
/// registered resource that claimed it, never a person.
public struct MicroWishProgressed: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.microWishProgressed
    /// Version 2: `claimedBy`, the registered resource that claimed the wish.
    public static let schemaVersion = 2
    /// The wish.
    public var wish: MicroWishID
    /// The station.
    public var station: StationID
    /// The village.
    public var village: DivisionCode
    /// The status it reached.
    public var status: MicroWishStatus
    /// The estimated value.
    public var value: Fen?
    /// The claimant's kind, once claimed.
    public var claimantKind: DonorKind?
    /// The registered resource that claimed it, if one did.
    public var claimedBy: CommunityResourceID?
}

extension EventType {
    /// A micro-wish was posted, claimed or fulfilled (the payload's `status` says which).
    public static let microWishProgressed = EventType(rawValue: "microwish.progressed")
}

extension ChangeSet {
    /// Writes `wish` at its new status with `microwish.progressed`. The store refuses the write
    /// unless the stored wish is at the status before (a new wish must not exist yet), so two
    /// claims at once cannot both land.
    public mutating func progress(_ wish: MicroWish, at station: Station, by actor: Actor, at instant: Date) {
        writes.append(.microWish(wish))
        let payload = MicroWishProgressed(
            wish: wish.id,
            station: station.id,
            village: wish.village,
            status: wish.status,
            value: wish.value,
            claimantKind: wish.claimantKind,
            claimedBy: wish.claimedBy
        )
        events.append(DomainEvent(payload, orgUnit: station.orgUnit, station: station.id, actor: actor, at: instant))
    }
}
