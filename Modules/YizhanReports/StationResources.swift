public import Foundation
public import YizhanKernel

/// What stations gathered and spent beside their services — volunteers, gifts and funds — read
/// with three grouped queries for every station of a scope at once.
public struct StationResources: Hashable, Sendable {
    /// Volunteering per station.
    public var volunteering: [StationID: VolunteerTotal]
    /// Gift groups, every station's.
    public var donations: [DonationTotal]
    /// Budget lines of the period's years, with what was spent of them.
    public var budget: [BudgetLineSpending]

    /// Reads the resources of every station in `scope` over `period`.
    ///
    /// Volunteers, teams and funds are counted as they stand now; gifts honour `recordedBy`.
    public static func gather(
        from store: some StationStore,
        scope: Scope,
        period: CivilPeriod,
        recordedBy: Date? = nil
    ) async throws -> StationResources {
        let volunteering = try await store.volunteerTotals(in: scope, period: period)
        let donations = try await store.donationTotals(
            DonationTotalsQuery(scope: scope, period: period, recordedBy: recordedBy)
        )
        var budget: [BudgetLineSpending] = []
        for year in period.start.year...period.end.year {
            budget += try await store.budgetLines(in: scope, year: year)
        }
        return StationResources(
            volunteering: Dictionary(volunteering.map { ($0.station, $0) }, uniquingKeysWith: { first, _ in first }),
            donations: donations,
            budget: budget
        )
    }

    /// Only the resources of `stations`.
    func restricted(to stations: Set<StationID>) -> StationResources {
        StationResources(
            volunteering: volunteering.filter { stations.contains($0.key) },
            donations: donations.filter { stations.contains($0.station) },
            budget: budget.filter { stations.contains($0.line.station) }
        )
    }

    /// Adds `station`'s volunteers, gifts and funds to `figures`.
    func add(to figures: inout CountySummary.Figures, of station: StationID) {
        let volunteering = self.volunteering[station]
        figures.volunteers = volunteering?.volunteers ?? 0
        figures.volunteerTeams = volunteering?.teams ?? 0
        let gifts = donations.filter { $0.station == station }
        figures.gifts = gifts.reduce(0) { $0 + $1.gifts }
        figures.giftAmount = Fen(gifts.reduce(0) { $0 + $1.amount.value })
        let fromPublic = gifts.filter { $0.donorKind == .individual }
        figures.publicGifts = fromPublic.reduce(0) { $0 + $1.gifts }
        figures.publicGiftAmount = Fen(fromPublic.reduce(0) { $0 + $1.amount.value })
        let lines = budget.filter { $0.line.station == station }
        figures.budget = Fen(lines.reduce(0) { $0 + $1.line.amount.value })
        figures.spent = Fen(lines.reduce(0) { $0 + $1.spent.value })
    }
}

/// Gifts of one donor kind and kind (money or goods) in a report.
public struct DonorRow: Hashable, Sendable, Codable {
    /// Who gave, by kind.
    public var donorKind: DonorKind
    /// Money or goods.
    public var kind: DonationKind
    /// How many gifts.
    public var gifts: Int
    /// Their sum.
    public var amount: Fen

    /// The groups summed by donor kind and kind, in the code lists' order.
    static func rows(_ totals: [DonationTotal]) -> [DonorRow] {
        var rows: [DonorRow] = []
        for donorKind in DonorKind.allCases {
            for kind in DonationKind.allCases {
                let matching = totals.filter { $0.donorKind == donorKind && $0.kind == kind }
                guard !matching.isEmpty else { continue }
                rows.append(
                    DonorRow(
                        donorKind: donorKind,
                        kind: kind,
                        gifts: matching.reduce(0) { $0 + $1.gifts },
                        amount: Fen(matching.reduce(0) { $0 + $1.amount.value })
                    )
                )
            }
        }
        return rows
    }
}

extension DonorRow {
    /// The "gifts by donor" table, with totals.
    static func table(_ rows: [DonorRow], in language: Language) -> ReportTable {
        let zh = language == .zhHans
        return ReportTable(
            id: "donors",
            title: zh ? "捐赠来源" : "Gifts by donor",
            columns: [
                ReportColumn("donorKind", zh ? "捐赠方" : "donor", .text),
                ReportColumn("kind", zh ? "类型" : "kind", .text),
                ReportColumn("gifts", zh ? "笔数" : "gifts"),
                ReportColumn("amount", zh ? "金额" : "amount", .money),
            ],
            rows: rows.map { row in
                [
                    .text(row.donorKind.label(in: language)), .text(row.kind.label(in: language)), .integer(row.gifts),
                    .money(row.amount),
                ]
            },
            totals: [
                .text(zh ? "合计" : "Total"), .empty, .integer(rows.reduce(0) { $0 + $1.gifts }),
                .money(Fen(rows.reduce(0) { $0 + $1.amount.value })),
            ]
        )
    }
}
