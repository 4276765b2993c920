public import Foundation

/// A community charity fund (社区慈善基金): money given to it (donations naming the fund) less the
/// grants made from it is its balance, which never goes below zero.
public struct CharityFund: Hashable, Sendable, Codable, Identifiable {
    /// The fund's identifier.
    public var id: CharityFundID
    /// The station that runs it.
    public var station: StationID
    /// The village it serves, or `nil` for the whole township.
    public var village: DivisionCode?
    /// Its name, e.g. 百步镇示例村慈善基金.
    public var name: String
    /// The day it was set up.
    public var openedOn: CivilDate

    /// Creates a fund.
    public init(id: CharityFundID, station: StationID, village: DivisionCode?, name: String, openedOn: CivilDate) {
        self.id = id
        self.station = station
        self.village = village
        self.name = name
        self.openedOn = openedOn
    }
}

/// Identifies a community charity fund.
public typealias CharityFundID = Identifier<CharityFund>

/// Money granted from a fund, and what for.
public struct CharityGrant: Hashable, Sendable, Codable, Identifiable {
    /// The grant's identifier.
    public var id: CharityGrantID
    /// The fund it comes from.
    public var fund: CharityFundID
    /// The amount.
    public var amount: Fen
    /// The day it was granted.
    public var grantedOn: CivilDate
    /// What it was for (never a person's name).
    public var purpose: String

    /// Creates a grant.
    public init(id: CharityGrantID, fund: CharityFundID, amount: Fen, grantedOn: CivilDate, purpose: String) {
        self.id = id
        self.fund = fund
        self.amount = amount
        self.grantedOn = grantedOn
        self.purpose = purpose
    }
}

/// Identifies a grant.
public typealias CharityGrantID = Identifier<CharityGrant>

/// A fund with what it has received and granted.
public struct CharityFundBalance: Hashable, Sendable, Codable {
    /// The fund.
    public var fund: CharityFund
    /// Money given to it (goods are not money and do not count).
    public var received: Fen
    /// Money granted from it.
    public var granted: Fen

    /// Pairs them.
    public init(fund: CharityFund, received: Fen, granted: Fen) {
        self.fund = fund
        self.received = received
        self.granted = granted
    }

    /// What is left.
    public var balance: Fen { Fen(received.value - granted.value) }
}

/// What came of a grant.
public enum CharityGrantOutcome: Hashable, Sendable {
    /// Granted; the fund's balance after it.
    case granted(balance: Fen)
    /// Refused, nothing written: the fund holds only `balance`.
    case insufficient(balance: Fen)
}

/// `charityfund.opened`: a fund was set up.
public struct CharityFundOpened: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.charityFundOpened
    public static let schemaVersion = 1
    /// The fund.
    public var fund: CharityFundID
    /// The station.
    public var station: StationID
    /// The village, if it serves one.
    public var village: DivisionCode?
}

/// `charityfund.granted`: money left a fund, and what remains.
public struct CharityFundGranted: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.charityFundGranted
    public static let schemaVersion = 1
    /// The grant.
    public var grant: CharityGrantID
    /// The fund.
    public var fund: CharityFundID
    /// The station.
    public var station: StationID
    /// The amount.
    public var amount: Fen
    /// The balance after it.
    public var balance: Fen

    /// Describes a grant.
    public init(grant: CharityGrantID, fund: CharityFundID, station: StationID, amount: Fen, balance: Fen) {
        self.grant = grant
        self.fund = fund
        self.station = station
        self.amount = amount
        self.balance = balance
    }
}

extension EventType {
    /// A community charity fund was set up.
    public static let charityFundOpened = EventType(rawValue: "charityfund.opened")
    /// Money was granted from a community charity fund.
    public static let charityFundGranted = EventType(rawValue: "charityfund.granted")
}

extension ChangeSet {
    /// Upserts `fund` with `charityfund.opened`.
    public mutating func open(_ fund: CharityFund, at station: Station, by actor: Actor, at instant: Date) {
        writes.append(.charityFund(fund))
        let payload = CharityFundOpened(fund: fund.id, station: station.id, village: fund.village)
        events.append(DomainEvent(payload, orgUnit: station.orgUnit, station: station.id, actor: actor, at: instant))
    }
}
