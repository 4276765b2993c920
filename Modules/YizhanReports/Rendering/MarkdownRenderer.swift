import YizhanKernel

/// Writes a report as Markdown: a heading per section and a GitHub table per table, numbers
/// right-aligned. Charts are left out; their tables carry the same figures.
public enum MarkdownRenderer {
    /// The report as Markdown text, ending with a newline.
    public static func render(_ document: ReportDocument) -> String {
        var lines = ["# \(escaped(document.title))", "", escaped(document.subtitle)]
        for stamp in ReportWording.stamps(document) { lines += ["", escaped(stamp)] }
        for section in document.sections {
            lines += ["", "## \(escaped(section.title))"]
            if let note = section.note { lines += ["", escaped(note)] }
            for case .table(let table) in section.blocks {
                lines += ["", "**\(escaped(table.title))**", ""]
                lines.append("| " + table.columns.map { escaped($0.title) }.joined(separator: " | ") + " |")
                lines.append("|" + table.columns.map { $0.kind == .text ? " --- |" : " ---: |" }.joined())
                let rows = table.rows + (table.totals.map { [$0] } ?? [])
                for (index, row) in rows.enumerated() {
                    let isTotals = table.totals != nil && index == rows.count - 1
                    let cells = row.map { value in
                        let text = escaped(value.display)
                        return isTotals && !text.isEmpty ? "**\(text)**" : text
                    }
                    lines.append("| " + cells.joined(separator: " | ") + " |")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text with Markdown's table and emphasis characters escaped.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "|*_`[]<>\\".contains(character) { result.append("\\") }
            result.append(character == "\n" ? " " : character)
        }
        return result
    }
}
