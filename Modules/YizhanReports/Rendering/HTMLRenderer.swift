import Mustache
import YizhanKernel

/// Writes a report as one self-contained HTML file: inline CSS, inline SVG charts, no script and
/// nothing fetched, laid out to print on A4 (tables never split a row, headings stay with what
/// follows, table headings repeat on each page).
public enum HTMLRenderer {
    /// The report as HTML text.
    ///
    /// - Throws: only if the built-in template fails to parse, which the tests rule out.
    public static func render(_ document: ReportDocument) throws -> String {
        let template = try MustacheTemplate(string: HTMLTemplate.page)
        return template.render(context(document))
    }

    /// The values the template reads: plain dictionaries and arrays, in the document's order.
    static func context(_ document: ReportDocument) -> [String: Any] {
        let tables = Dictionary(document.tables.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let sections: [[String: Any]] = document.sections.map { section in
            let blocks: [[String: Any]] = section.blocks.compactMap { block in
                switch block {
                case .table(let table): return ["table": tableContext(table)]
                case .chart(let chart):
                    guard let table = tables[chart.table], let svg = SVGChart.render(chart, table: table) else {
                        return nil
                    }
                    return ["chart": ["title": chart.title, "svg": svg]]
                }
            }
            var context: [String: Any] = ["id": section.id, "title": section.title, "blocks": blocks]
            if let note = section.note { context["note"] = note }
            return context
        }
        return [
            "lang": document.language == .zhHans ? "zh-Hans" : "en",
            "title": document.title,
            "subtitle": document.subtitle,
            "stamps": ReportWording.stamps(document),
            "sections": sections,
            "footer": document.language == .zhHans ? "驿站 Yizhan 生成" : "Made with Yizhan",
        ]
    }

    private static func tableContext(_ table: ReportTable) -> [String: Any] {
        func cells(_ row: [ReportValue]) -> [[String: Any]] {
            zip(table.columns, row).map { column, value in
                ["text": value.display, "numeric": column.kind != .text]
            }
        }
        var context: [String: Any] = [
            // A table that fits on a page is kept on one page rather than split.
            "keep": table.rows.count <= 16,
            "title": table.title,
            "columns": table.columns.map { ["title": $0.title, "numeric": $0.kind != .text] as [String: Any] },
            "rows": table.rows.map { ["cells": cells($0)] },
        ]
        if let totals = table.totals { context["totals"] = ["cells": cells(totals)] }
        return context
    }
}
