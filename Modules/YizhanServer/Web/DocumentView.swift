import YizhanReports

/// A report's document as a page shows it (issue 24.4): each section's tables as HTML tables and
/// its charts as the reports' own SVG, each chart followed by the table it draws, so that screen
/// readers and printouts have the figures too.
enum DocumentView {
    /// The template values of `sections`.
    static func sections(_ sections: [ReportSection]) -> [[String: Any]] {
        sections.map { section in
            let tables = Dictionary(
                section.blocks.compactMap { block -> (String, ReportTable)? in
                    if case .table(let table) = block { return (table.id, table) }
                    return nil
                },
                uniquingKeysWith: { first, _ in first }
            )
            var values: [String: Any] = [
                "id": section.id, "title": section.title,
                "blocks": section.blocks.compactMap { block -> [String: Any]? in
                    switch block {
                    case .table(let table): return ["table": self.table(table)]
                    case .chart(let chart):
                        guard let table = tables[chart.table], let svg = chart.svg(over: table) else { return nil }
                        return ["chart": ["svg": svg, "title": chart.title, "id": chart.id]]
                    }
                },
            ]
            if let note = section.note { values["note"] = note }
            return values
        }
    }

    /// `table` as rows of cells, numbers marked to align right.
    static func table(_ table: ReportTable) -> [String: Any] {
        let numeric = table.columns.map { $0.kind != .text }
        func cells(_ row: [ReportValue]) -> [[String: Any]] {
            row.enumerated().map { index, value in
                ["text": value.display, "numeric": index < numeric.count && numeric[index], "first": index == 0]
            }
        }
        var values: [String: Any] = [
            "id": table.id, "title": table.title,
            "columns": table.columns.enumerated().map { index, column in
                ["title": column.title, "numeric": numeric[index]]
            },
            "rows": table.rows.map { ["cells": cells($0)] },
        ]
        if let totals = table.totals { values["totals"] = ["cells": cells(totals)] }
        return values
    }
}
