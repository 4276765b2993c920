/// One line of a volunteer's points passbook (电子存折): append-only, each with the caller's key so
/// that a retry never books twice, the balance never below zero.
public struct PassbookEntry: Hashable, Sendable, Codable {
    /// The caller-supplied key that makes the entry idempotent (`hours:<id>`, `redeem:<receipt>` …).
    public var key: String
    /// The volunteer.
    public var volunteer: VolunteerID
    /// The station whose passbook it is.
    public var station: StationID
    /// What happened.
    public var kind: PassbookEntryKind
    /// Points added (earned) or taken (redeemed, expired: negative); an adjustment either way.
    public var points: Int
    /// The day it applies to.
    public var on: CivilDate
    /// What it refers to: the attendance earned from, the catalogue item redeemed.
    public var reference: String?

    /// Creates an entry.
    public init(
        key: String,
        volunteer: VolunteerID,
        station: StationID,
        kind: PassbookEntryKind,
        points: Int,
        on: CivilDate,
        reference: String? = nil
    ) {
        self.key = key
        self.volunteer = volunteer
        self.station = station
        self.kind = kind
        self.points = points
        self.on = on
        self.reference = reference
    }
}

/// What a passbook entry records.
public enum PassbookEntryKind: String, CaseIterable, Sendable, Codable {
    /// 服务积分 — earned by service hours.
    case earned
    /// 兑换 — spent on a catalogue item.
    case redeemed
    /// 过期 — lapsed after the station's period.
    case expired
    /// 时长更正 — the points a correction or void of the hours they were earned by adds or takes
    /// back, dated on the activity's day as the points earned were.
    case adjusted

    /// The kind's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.earned, .zhHans): "服务积分"
        case (.redeemed, .zhHans): "兑换"
        case (.expired, .zhHans): "过期"
        case (.adjusted, .zhHans): "时长更正"
        case (_, .en): rawValue
        }
    }
}

/// What became of an entry handed to the passbook.
public enum PassbookAppend: Hashable, Sendable {
    /// It was booked; the balance after it.
    case booked(balance: Int)
    /// An entry with its key was booked before; nothing changed.
    case alreadyBooked(PassbookEntry)
    /// It would take the balance below zero; nothing changed.
    case insufficient(balance: Int)
}
