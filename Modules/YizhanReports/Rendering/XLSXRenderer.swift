public import Foundation
import YizhanSpreadsheet

/// Writes a report as an Excel workbook: one sheet per table, named after it, with the Chinese
/// (or English) headings in a bold frozen row, numbers as numbers and money as yuan with two decimals.
public enum XLSXRenderer {
    /// The workbook's bytes.
    public static func render(_ document: ReportDocument) throws -> Data {
        try XLSXWorkbook(sheets: document.tables.map(sheet)).data()
    }

    static func sheet(_ table: ReportTable) -> XLSXSheet {
        let body = table.rows + (table.totals.map { [$0] } ?? [])
        let heading = table.columns.map { XLSXCell.text($0.title) }
        let rows = [heading] + body.map { $0.map(cell) }
        let widths = table.columns.indices.map { index in
            let texts = [table.columns[index].title] + body.map { $0[index].display }
            return min(40, max(8, texts.map(displayWidth).max() ?? 8) + 2)
        }
        return XLSXSheet(
            name: table.title,
            columnWidths: widths,
            rows: rows,
            headingRows: 1,
            boldRows: table.totals == nil ? [] : [rows.count - 1]
        )
    }

    private static func cell(_ value: ReportValue) -> XLSXCell {
        switch value {
        case .text(let text): .text(text)
        case .integer(let number): .integer(number)
        case .money(let fen): .money(fen.yuanDecimal)
        case .tenths: .decimal(value.plain)
        case .empty: .empty
        }
    }

    /// Width in Excel's character units: a Chinese character takes two.
    private static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
    }
}
