public import Foundation

/// Writes one table of a report as CSV (RFC 4180): a heading row, the rows and the totals row,
/// CRLF line ends, UTF-8 with a byte-order mark so that Excel shows the Chinese headings.
public enum CSVRenderer {
    /// The UTF-8 byte-order mark Excel looks for.
    static let byteOrderMark = "\u{FEFF}"

    /// `table` as CSV bytes. Numbers are plain (`21934`, money `21116.28`), never grouped.
    public static func render(_ table: ReportTable) -> Data {
        var lines = [table.columns.map { field($0.title) }.joined(separator: ",")]
        for row in table.rows + (table.totals.map { [$0] } ?? []) {
            lines.append(row.map { field($0.plain) }.joined(separator: ","))
        }
        return Data((byteOrderMark + lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// A field, quoted when it holds a comma, a quote or a line break, or could be read as a formula.
    static func field(_ text: String) -> String {
        // A leading = + - @ would make Excel run the cell as a formula (CSV injection).
        let guarded =
            text.first.map { "=+@".contains($0) || ($0 == "-" && Double(text) == nil) } == true ? "'" + text : text
        guard guarded.contains(where: { ",\"\r\n".contains($0) }) else { return guarded }
        return "\"" + guarded.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
