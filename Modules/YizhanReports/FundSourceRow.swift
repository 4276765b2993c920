public import YizhanKernel

/// The period's budget and spending by where the money came from and what it was for — how seed
/// 000 §一 reports a county's funds (the townships' self-raised operating funds, the county's
/// matching money).
public struct FundSourceRow: Hashable, Sendable, Codable {
    /// Where the money came from.
    public var source: FundSource
    /// What it was for.
    public var category: BudgetCategory
    /// How many budget lines.
    public var lines: Int
    /// Their budget.
    public var budget: Fen
    /// What was spent of it.
    public var spent: Fen

    /// The lines summed by source, then category, in the code lists' order.
    static func rows(_ lines: [BudgetLineSpending]) -> [FundSourceRow] {
        var rows: [FundSourceRow] = []
        for source in FundSource.allCases {
            for category in BudgetCategory.allCases {
                let matching = lines.filter { $0.line.source == source && $0.line.category == category }
                guard !matching.isEmpty else { continue }
                rows.append(
                    FundSourceRow(
                        source: source,
                        category: category,
                        lines: matching.count,
                        budget: Fen(matching.reduce(0) { $0 + $1.line.amount.value }),
                        spent: Fen(matching.reduce(0) { $0 + $1.spent.value })
                    )
                )
            }
        }
        return rows
    }

    /// The "funds by source" table, with totals.
    static func table(_ rows: [FundSourceRow], in language: Language) -> ReportTable {
        let zh = language == .zhHans
        return ReportTable(
            id: "fundSources",
            title: zh ? "经费来源" : "Funds by source",
            columns: [
                ReportColumn("source", zh ? "来源" : "source", .text),
                ReportColumn("category", zh ? "类别" : "category", .text),
                ReportColumn("lines", zh ? "预算科目" : "lines"),
                ReportColumn("budget", zh ? "预算" : "budget", .money),
                ReportColumn("spent", zh ? "支出" : "spent", .money),
            ],
            rows: rows.map { row in
                [
                    .text(row.source.label(in: language)), .text(row.category.label(in: language)),
                    .integer(row.lines), .money(row.budget), .money(row.spent),
                ]
            },
            totals: [
                .text(zh ? "合计" : "Total"), .empty, .integer(rows.reduce(0) { $0 + $1.lines }),
                .money(Fen(rows.reduce(0) { $0 + $1.budget.value })),
                .money(Fen(rows.reduce(0) { $0 + $1.spent.value })),
            ]
        )
    }
}
