public import Foundation
import YizhanSpreadsheet

/// Writes one table of a report as CSV (RFC 4180): a heading row, the rows and the totals row,
/// CRLF line ends, UTF-8 with a byte-order mark so that Excel shows the Chinese headings.
public enum CSVRenderer {
    /// `table` as CSV bytes. Numbers are plain (`21934`, money `21116.28`), never grouped.
    public static func render(_ table: ReportTable) -> Data {
        let rows = table.rows + (table.totals.map { [$0] } ?? [])
        return CSVWriter.document([table.columns.map(\.title)] + rows.map { $0.map(\.plain) })
    }
}
