/// A gift a station received (慈善资源): money in fen, or goods valued in fen, from a donor of a
/// kind — a foundation, an enterprise, a fund, or the public. Individual donors stay anonymous: a
/// person's name is never kept for a gift.
public struct Donation: Hashable, Sendable, Codable, Identifiable {
    /// The gift's identifier.
    public var id: DonationID
    /// The station that received it.
    public var station: StationID
    /// Who gave it, by kind.
    public var donorKind: DonorKind
    /// The organisation's name (foundations, enterprises, funds); `nil` for the public.
    public var donorName: String?
    /// Money or goods.
    public var kind: DonationKind
    /// The money given, or the goods' value.
    public var amount: Fen
    /// What the goods were, for goods.
    public var goods: String?
    /// The day it was received.
    public var receivedOn: CivilDate
    /// The project or purpose it was given for, e.g. 暖心365计划.
    public var purpose: String?
    /// The channel, e.g. 99公益日.
    public var channel: String?
    /// Whether it is a matching gift (配捐) on top of others for the same purpose.
    public var isMatching: Bool
    /// The community charity fund it was given to, if any: money given to a fund adds to its balance.
    public var charityFund: CharityFundID?
    /// The ledger row it was imported from, if any: importing the same row again finds it here.
    public var ledgerKey: LedgerRowKey?

    /// Creates a gift.
    public init(
        id: DonationID,
        station: StationID,
        donorKind: DonorKind,
        donorName: String? = nil,
        kind: DonationKind = .money,
        amount: Fen,
        goods: String? = nil,
        receivedOn: CivilDate,
        purpose: String? = nil,
        channel: String? = nil,
        isMatching: Bool = false,
        charityFund: CharityFundID? = nil,
        ledgerKey: LedgerRowKey? = nil
    ) {
        self.id = id
        self.station = station
        self.donorKind = donorKind
        self.donorName = donorName
        self.kind = kind
        self.amount = amount
        self.goods = goods
        self.receivedOn = receivedOn
        self.purpose = purpose
        self.channel = channel
        self.isMatching = isMatching
        self.charityFund = charityFund
        self.ledgerKey = ledgerKey
    }
}

/// Identifies a gift.
public typealias DonationID = Identifier<Donation>

/// Who gives (issue 7: foundation, enterprise, individual, fund).
public enum DonorKind: String, CaseIterable, Sendable, Codable {
    /// 基金会.
    case foundation
    /// 企业.
    case enterprise
    /// 个人(公众) — kept anonymous.
    case individual
    /// 基金 — e.g. a township's social organisation development fund.
    case fund

    /// The kind's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.foundation, .zhHans): "基金会"
        case (.enterprise, .zhHans): "企业"
        case (.individual, .zhHans): "个人"
        case (.fund, .zhHans): "基金"
        case (_, .en): rawValue
        }
    }

    /// The kind whose code or name (`公众` for individuals) is `text`.
    public static func matching(_ text: String) -> DonorKind? {
        if text == "公众" || text == "个人捐款" { return .individual }
        return allCases.first { $0.rawValue == text || $0.label(in: .zhHans) == text }
    }
}

/// Money or goods.
public enum DonationKind: String, CaseIterable, Sendable, Codable {
    /// 资金.
    case money
    /// 物资 (valued).
    case goods

    /// The kind's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.money, .zhHans): "资金"
        case (.goods, .zhHans): "物资"
        case (_, .en): rawValue
        }
    }

    /// The kind whose code or name (资金, 款, 物资, 物) is `text`.
    public static func matching(_ text: String) -> DonationKind? {
        switch text {
        case "money", "资金", "款", "捐款", "现金": .money
        case "goods", "物资", "物", "捐物": .goods
        default: nil
        }
    }
}
