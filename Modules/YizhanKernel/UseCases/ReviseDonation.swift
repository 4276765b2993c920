import Foundation

/// The facts a correction of a gift changes; what it leaves `nil` stays as received.
public struct DonationCorrection: Hashable, Sendable {
    /// The day it was received.
    public var date: String?
    /// The amount (or the goods' value) in yuan.
    public var amount: String?
    /// 基金会、企业、个人、基金 or their codes.
    public var donorKind: String?
    /// The donating organisation's name (a person's is never kept).
    public var donor: String?
    /// 资金 or 物资.
    public var kind: String?
    /// What the goods were.
    public var goods: String?
    /// The project or purpose.
    public var purpose: String?
    /// The channel.
    public var channel: String?
    /// Whether it was a matching gift.
    public var isMatching: Bool?

    /// A correction of the facts given.
    public init(
        date: String? = nil,
        amount: String? = nil,
        donorKind: String? = nil,
        donor: String? = nil,
        kind: String? = nil,
        goods: String? = nil,
        purpose: String? = nil,
        channel: String? = nil,
        isMatching: Bool? = nil
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

/// Corrects or voids a gift (捐赠更正、作废): a new version with its event (`donation.corrected`,
/// `donation.voided`) naming what changed, never why; the reason stays in the store, the
/// versions before in the gift's history, and every total counts only the current versions
/// (issue 21.3). A correction passes every check a new gift does (`ReceiveDonation.check`); a gift
/// to a charity fund stays money, dated from the fund's opening, and no revision may leave the fund
/// having granted more than it received.
public struct ReviseDonation: Sendable {
    let store: any StationStore
    let clock: WorkClock

    /// Creates the use case over `store`; `clock` gives the instant and the working day.
    public init(store: any StationStore, clock: WorkClock = .system) {
        self.store = store
        self.clock = clock
    }

    /// Applies `correction` to gift `id` of `station`, for `reason`.
    ///
    /// - Throws: `InputError` for an unknown or voided gift, a correction that changes nothing, a
    ///   missing reason, any field a new gift would be refused for, or an amount its fund has granted
    ///   already; nothing is written then.
    @discardableResult
    public func correct(
        _ id: String,
        station: String,
        with correction: DonationCorrection,
        reason: String,
        actor: Actor
    ) async throws -> EntryRevision<Donation> {
        let (stored, found, why) = try await revisable(id, station: station, reason: reason)
        let previous = stored.entry
        let instant = clock.now()
        // A person's name is never kept: naming an individual donor is refused, not dropped.
        let donorKind =
            correction.donorKind.flatMap { $0.isEmpty ? DonorKind.individual : DonorKind.matching($0) }
            ?? previous.donorKind
        if donorKind == .individual, let donor = correction.donor?.trimmingWhitespace(), !donor.isEmpty {
            throw InputError.single(.conflict, "donor", donor, "个人捐赠不记姓名", "no name for a person")
        }
        let request = DonationRequest(
            date: correction.date ?? previous.receivedOn.description,
            amount: correction.amount ?? previous.amount.description,
            donorKind: correction.donorKind ?? previous.donorKind.rawValue,
            donor: correction.donor ?? previous.donorName ?? "",
            kind: correction.kind ?? previous.kind.rawValue,
            goods: correction.goods ?? previous.goods ?? "",
            purpose: correction.purpose ?? previous.purpose ?? "",
            channel: correction.channel ?? previous.channel ?? "",
            isMatching: correction.isMatching ?? previous.isMatching
        )
        var current = try ReceiveDonation.check(request, station: found.id, today: clock.day(at: instant))
        current.id = previous.id
        current.ledgerKey = previous.ledgerKey
        current.charityFund = previous.charityFund
        if let fundID = previous.charityFund {
            try await checkFundGift(current, fund: fundID, correction: correction)
        }
        let revision = EntryRevision(
            version: stored.version + 1,
            change: .corrected,
            previous: previous,
            current: current,
            reason: why,
            revisedAt: instant,
            actor: actor
        )
        guard !revision.changedFields.isEmpty else { throw InputError.nothingToCorrect("donation", id) }
        let outcome = try await store.reviseDonation(revision) { _ in
            [
                DomainEvent(
                    DonationCorrected(revision),
                    orgUnit: found.orgUnit,
                    station: found.id,
                    actor: actor,
                    at: instant
                )
            ]
        }
        if case .refused(let balance) = outcome {
            throw Self.fundShort(correction.amount ?? "\(current.amount)", balance: balance)
        }
        return revision
    }

    /// Voids gift `id` of `station`, for `reason`: it stays in the history and no total counts it.
    ///
    /// - Throws: `InputError` for an unknown or voided gift, a missing reason, or a gift its fund
    ///   has granted already.
    @discardableResult
    public func void(
        _ id: String,
        station: String,
        reason: String,
        actor: Actor
    ) async throws
        -> EntryRevision<Donation>
    {
        let (stored, found, why) = try await revisable(id, station: station, reason: reason)
        let revision = EntryRevision(
            version: stored.version + 1,
            change: .voided,
            previous: stored.entry,
            current: nil,
            reason: why,
            revisedAt: clock.now(),
            actor: actor
        )
        let outcome = try await store.reviseDonation(revision) { _ in
            [
                DomainEvent(
                    DonationVoided(revision),
                    orgUnit: found.orgUnit,
                    station: found.id,
                    actor: actor,
                    at: revision.revisedAt
                )
            ]
        }
        if case .refused(let balance) = outcome { throw Self.fundShort(id, balance: balance, field: "donation") }
        return revision
    }

    /// Refuses what would make a gift to fund `fundID` one the fund could not have received: goods,
    /// or a day before the fund opened.
    private func checkFundGift(
        _ gift: Donation,
        fund fundID: CharityFundID,
        correction: DonationCorrection
    )
        async throws
    {
        let fund = try await store.charityFunds(in: .station(gift.station)).first { $0.fund.id == fundID }?.fund
        var check = FieldCheck()
        if gift.kind != .money {
            check.refuse(.conflict, "kind", correction.kind ?? "", "资金(捐入基金的只能是资金)", "money (a fund takes money)")
        }
        if let fund, gift.receivedOn < fund.openedOn {
            check.refuse(
                .outOfRange,
                "date",
                correction.date ?? gift.receivedOn.description,
                "不早于基金设立日 \(fund.openedOn) 的日期",
                "a day from the fund's opening, \(fund.openedOn)"
            )
        }
        guard check.issues.isEmpty else { throw InputError(issues: check.issues) }
    }

    /// The refusal of a revision that would leave a fund below zero: it has granted the money.
    private static func fundShort(_ found: String, balance: Fen, field: String = "amount") -> InputError {
        .single(
            .outOfRange,
            field,
            found,
            "不使基金余额为负的更正(该基金已拨付,余额仅 \(balance))",
            "a change that leaves the fund's balance at or above zero (it has granted the money; \(balance) left)"
        )
    }

    /// The stored gift `id` of `station`, voided or not, with the station: what `donation show`
    /// shows and a revision starts from. A gift of another station is not found.
    ///
    /// - Throws: `InputError` on the `donation` field when the station has no such gift.
    public func find(_ id: String, station: String) async throws -> (StoredEntry<Donation>, Station) {
        let stationID = try InputError.stationID(station)
        guard let donationID = try? DonationID(id), let stored = try await store.donation(donationID),
            stored.entry.station == stationID, let found = try await store.station(stationID)
        else {
            throw InputError.single(
                .unknownReference,
                "donation",
                id,
                "本站已登记的捐赠编号(yizhan donation list --gifts 可查)",
                "the id of a gift of the station (see yizhan donation list --gifts)"
            )
        }
        return (stored, found)
    }

    /// The stored gift `id` of `station`, not voided, the station, and the reason checked.
    private func revisable(
        _ id: String,
        station: String,
        reason: String
    ) async throws -> (StoredEntry<Donation>, Station, String) {
        let (stored, found) = try await find(id, station: station)
        guard !stored.isVoided else { throw InputError.alreadyVoided("donation", id) }
        return (stored, found, try ReviseService.reason(reason))
    }
}
