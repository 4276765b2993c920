public import Foundation
public import YizhanKernel

/// The donation ledger (捐赠台账): every gift a station received in a period, one row each, with
/// totals by purpose computed by the store. Individual donors appear as 公众, never by name.
public struct DonationLedger: Sendable {
    /// The station.
    public var station: Station
    /// The period.
    public var period: CivilPeriod
    /// The gifts, oldest first.
    public var gifts: [Donation]
    /// The store's totals of the same gifts, by donor kind, kind, channel, purpose and matching.
    public var totals: [DonationTotal]

    /// Reads `station`'s gifts received in `period`.
    ///
    /// - Parameter recordedBy: leave out gifts entered after this instant (`--as-of`).
    public static func build(
        from store: some StationStore,
        station id: StationID,
        period: CivilPeriod,
        recordedBy: Date? = nil
    ) async throws -> DonationLedger {
        guard let station = try await store.station(id) else { throw ReportError.unknownStation(id.rawValue) }
        var gifts = try await store.donations(in: .station(id), period: period)
        if let recordedBy {
            let bound = UUIDv7.bound(madeNoLaterThan: recordedBy)
            gifts = gifts.filter { $0.id.rawValue < bound }
        }
        let totals = try await store.donationTotals(
            DonationTotalsQuery(scope: .station(id), period: period, recordedBy: recordedBy)
        )
        return DonationLedger(station: station, period: period, gifts: gifts, totals: totals)
    }

    /// The ledger as a document: totals by purpose, then every gift.
    public func document(in language: Language, period label: ReportPeriod, asOf: CivilDate? = nil) -> ReportDocument {
        let text = language.pick
        func kind(_ kind: DonationKind, matching: Bool) -> ReportValue {
            .text(kind.label(in: language) + (matching ? text("(配捐)", " (matching)") : ""))
        }
        let byPurpose = ReportTable(
            id: "purposes",
            title: text("按项目汇总", "By purpose"),
            columns: [
                ReportColumn("purpose", text("项目或用途", "purpose"), .text),
                ReportColumn("channel", text("渠道", "channel"), .text),
                ReportColumn("donorKind", text("捐赠方", "donor"), .text),
                ReportColumn("kind", text("类型", "kind"), .text), ReportColumn("gifts", text("笔数", "gifts")),
                ReportColumn("amount", text("金额", "amount"), .money),
            ],
            rows: totals.map { total in
                [
                    total.purpose.map(ReportValue.text) ?? .empty, total.channel.map(ReportValue.text) ?? .empty,
                    .text(total.donorKind.label(in: language)), kind(total.kind, matching: total.isMatching),
                    .integer(total.gifts), .money(total.amount),
                ]
            },
            totals: [
                .text(text("合计", "Total")), .empty, .empty, .empty, .integer(totals.reduce(0) { $0 + $1.gifts }),
                .money(Fen(totals.reduce(0) { $0 + $1.amount.value })),
            ]
        )
        let ledger = ReportTable(
            id: "gifts",
            title: text("捐赠明细", "Gifts"),
            columns: [
                ReportColumn("date", text("日期", "date"), .text),
                ReportColumn("donorKind", text("捐赠方类型", "donor kind"), .text),
                ReportColumn("donor", text("捐赠方", "donor"), .text), ReportColumn("kind", text("类型", "kind"), .text),
                ReportColumn("goods", text("物资", "goods"), .text),
                ReportColumn("purpose", text("项目或用途", "purpose"), .text),
                ReportColumn("channel", text("渠道", "channel"), .text),
                ReportColumn("amount", text("金额", "amount"), .money),
            ],
            rows: gifts.map { gift in
                [
                    .text(gift.receivedOn.description), .text(gift.donorKind.label(in: language)),
                    .text(gift.donorName ?? text("公众", "the public")), kind(gift.kind, matching: gift.isMatching),
                    gift.goods.map(ReportValue.text) ?? .empty, gift.purpose.map(ReportValue.text) ?? .empty,
                    gift.channel.map(ReportValue.text) ?? .empty, .money(gift.amount),
                ]
            },
            totals: [
                .text(text("合计", "Total")), .empty, .text(text("\(gifts.count) 笔", "\(gifts.count) gifts")), .empty,
                .empty, .empty, .empty, .money(Fen(gifts.reduce(0) { $0 + $1.amount.value })),
            ]
        )
        return ReportDocument(
            kind: .donationLedger,
            language: language,
            title: text("\(station.name)捐赠台账", "\(station.name): donation ledger"),
            subtitle: text(
                "\(label.label(in: language)) · \(period.start) 至 \(period.end) · \(gifts.count) 笔",
                "\(label.label(in: language)) · \(period.start) to \(period.end) · \(gifts.count) gifts"
            ),
            period: period,
            asOf: asOf,
            sections: [
                ReportSection(
                    id: "purposes",
                    title: text("汇总", "Totals"),
                    note: text(
                        "按收到日期计入;物资按价值计;个人捐赠不记姓名,记为“公众”。",
                        "By the day received; goods at their value; individual donors are not named and appear as 'the public'."
                    ),
                    blocks: [.table(byPurpose)]
                ),
                ReportSection(id: "gifts", title: text("明细", "Gifts"), blocks: [.table(ledger)]),
            ]
        )
    }
}
