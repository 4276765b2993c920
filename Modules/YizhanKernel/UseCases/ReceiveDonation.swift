import Foundation

/// A gift as a person or a ledger row gives it: text to be checked, not yet trusted.
public struct DonationRequest: Hashable, Sendable {
    /// The day it was received, written as in a ledger.
    public var date: String
    /// The amount (or the goods' value) in yuan, `1200.50`.
    public var amount: String
    /// 基金会、企业、个人、基金 or their codes; empty is a person (公众).
    public var donorKind: String
    /// The donating organisation's name; a person's is never kept.
    public var donor: String
    /// 资金 or 物资 (`money`, `goods`); empty is money.
    public var kind: String
    /// What the goods were.
    public var goods: String
    /// The project or purpose it was given for.
    public var purpose: String
    /// The channel it came through (99公益日 …).
    public var channel: String
    /// Whether it was a matching gift (配捐).
    public var isMatching: Bool

    /// Creates a request.
    public init(
        date: String,
        amount: String,
        donorKind: String = "",
        donor: String = "",
        kind: String = "",
        goods: String = "",
        purpose: String = "",
        channel: String = "",
        isMatching: Bool = false
    ) {
        self.date = date
        self.amount = amount
        self.donorKind = donorKind
        self.donor = donor
        self.kind = kind
        self.goods = goods
        self.purpose = purpose
        self.channel = channel
        self.isMatching = isMatching
    }
}

/// Receives a gift of money or goods at a station (`donation.received`): the one check every gift
/// passes, typed in (`yizhan donation add`) or imported from a ledger. A person's name is never
/// kept; an amount past ¥100,000,000 is a typo; free text holds no ID number or phone.
public struct ReceiveDonation: Sendable {
    let store: any StationStore
    let clock: WorkClock

    /// Creates the use case over `store`; `clock` gives the instant and the working day.
    public init(store: any StationStore, clock: WorkClock = .system) {
        self.store = store
        self.clock = clock
    }

    /// Checks and commits `request` as a gift to `station`, with its event.
    ///
    /// - Throws: `InputError` for an unknown station or any refused field; nothing is written.
    @discardableResult
    public func receive(_ request: DonationRequest, station: String, actor: Actor) async throws -> Donation {
        let instant = clock.now()
        let today = clock.day(at: instant)
        let stationID = try InputError.stationID(station)
        let (_, donation) = try await store.commit(checking: ContextRequest(station: stationID)) {
            context -> (ChangeSet, Donation) in
            guard let context else { throw InputError.unknownStation(station) }
            let donation = try Self.check(request, station: stationID, today: today)
            var change = ChangeSet()
            change.receive(donation, at: context.station, by: actor, at: instant)
            return (change, donation)
        }
        return donation
    }

    /// The gift `request` describes, checked: a real day no later than `today`, an amount above 0
    /// and at most ¥100,000,000, a known donor kind and kind, texts of at most 100 characters
    /// without ID numbers, phones or control characters.
    ///
    /// - Throws: `InputError` naming every refused field (`date`, `amount`, `donor-kind`, `donor`,
    ///   `kind`, `goods`, `purpose`, `channel`).
    public static func check(
        _ request: DonationRequest,
        station: StationID,
        today: CivilDate
    ) throws(InputError) -> Donation {
        var check = FieldCheck()
        let day = check.date(request.date, today: today)
        let amount = FundWork.money(request.amount, &check)
        let donorKind = request.donorKind.isEmpty ? DonorKind.individual : DonorKind.matching(request.donorKind)
        if donorKind == nil {
            check.refuse(
                .invalidFormat,
                "donor-kind",
                request.donorKind,
                "基金会、企业、个人、基金之一",
                "foundation, enterprise, individual or fund"
            )
        }
        let kind = request.kind.isEmpty ? DonationKind.money : DonationKind.matching(request.kind)
        if kind == nil { check.refuse(.invalidFormat, "kind", request.kind, "资金或物资", "money or goods") }
        // A person's name is not kept (PIPL: a gift needs none); only organisations are named.
        let donor = donorKind == .individual ? "" : request.donor
        var texts: [String: String] = [:]
        for (field, value) in [
            ("donor", donor), ("goods", request.goods), ("purpose", request.purpose), ("channel", request.channel),
        ]
        where !value.trimmingWhitespace().isEmpty {
            if let text = check.text(value, field: field, limit: 100, "文字", "a text") {
                check.freeText(text, field: field)
                texts[field] = text
            }
        }
        guard check.issues.isEmpty, let day, let amount, let donorKind, let kind else {
            throw InputError(issues: check.issues)
        }
        return Donation(
            id: .generate(),
            station: station,
            donorKind: donorKind,
            donorName: texts["donor"],
            kind: kind,
            amount: amount,
            goods: texts["goods"],
            receivedOn: day,
            purpose: texts["purpose"],
            channel: texts["channel"],
            isMatching: request.isMatching
        )
    }
}
