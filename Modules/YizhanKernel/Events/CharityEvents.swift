public import Foundation

/// `donation.received`: a gift, by donor kind, kind and amount — an organisation's name, never a person's.
public struct DonationReceived: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.donationReceived
    public static let schemaVersion = 1
    /// The gift.
    public var donation: DonationID
    /// The station that received it.
    public var station: StationID
    /// Who gave it, by kind.
    public var donorKind: DonorKind
    /// Money or goods.
    public var kind: DonationKind
    /// The amount or value, in fen.
    public var amount: Fen
    /// Whether it is a matching gift.
    public var isMatching: Bool
    /// The community charity fund it went to, if any (an optional addition; older events lack it).
    public var charityFund: CharityFundID?
}

extension EventType {
    /// A station received a gift.
    public static let donationReceived = EventType(rawValue: "donation.received")
}

extension DomainEvent {
    /// The `donation.received` event for `donation`, at `station`: the gift's facts, no name.
    public static func donationReceived(
        _ donation: Donation,
        at station: Station,
        actor: Actor,
        at instant: Date
    ) -> DomainEvent {
        let payload = DonationReceived(
            donation: donation.id,
            station: station.id,
            donorKind: donation.donorKind,
            kind: donation.kind,
            amount: donation.amount,
            isMatching: donation.isMatching,
            charityFund: donation.charityFund
        )
        return DomainEvent(payload, orgUnit: station.orgUnit, station: station.id, actor: actor, at: instant)
    }
}

extension ChangeSet {
    /// Inserts `donation` at `station`, with `donation.received`.
    public mutating func receive(_ donation: Donation, at station: Station, by actor: Actor, at instant: Date) {
        writes.append(.donation(donation))
        events.append(.donationReceived(donation, at: station, actor: actor, at: instant))
    }
}
