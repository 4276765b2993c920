import Foundation
import YizhanKernel

/// What a row below the headings is: a record to read, a totals row the records are checked
/// against (合计, 小计, 总计, or a formula row), or a note under the table (填表人, 审核人,
/// 填表日期). Totals and notes are skipped, never refused (issue 22.4).
enum LedgerRowRole: Equatable {
    /// A row to read.
    case data
    /// A totals row; `subtotal` for a section's 小计.
    case total(subtotal: Bool)
    /// A note under the table: who filled it in, who checked it, when.
    case note

    /// The words a totals row starts with, in one of its first three cells.
    static let totalWords = ["合计", "总计", "共计", "总合计", "总数"]
    /// The word a section's subtotal starts with.
    static let subtotalWords = ["小计"]
    /// The words a note under the table starts with.
    static let noteWords = [
        "填表人", "填报人", "制表人", "统计人", "审核人", "审核", "审批人", "复核人", "负责人签字", "签字", "填表日期",
        "填报日期", "制表日期", "报送日期", "单位盖章", "盖章", "说明:", "注:",
    ]

    /// The role of `row`, whose date cell (if the ledger has dates) is in `dateField`'s column.
    static func of(_ row: LedgerRow, columns: LedgerColumns, dateField: String = "date") -> LedgerRowRole {
        // Most rows start with a date or a serial number: a record's, at no cost.
        if !row.hasFormula, let byte = row.cells.first?.utf8.first, (0x30...0x39).contains(byte) { return .data }
        let leading = row.cells.prefix(3).map(normalized).filter { !$0.isEmpty }
        if leading.contains(where: { cell in subtotalWords.contains { cell.hasPrefix($0) } }) {
            return .total(subtotal: true)
        }
        if leading.contains(where: { cell in totalWords.contains { cell.hasPrefix($0) } }) {
            return .total(subtotal: false)
        }
        let date = columns.cell(dateField, of: row)
        let dated = !date.isEmpty && (try? CivilDate(ledgerText: date)) != nil
        if row.hasFormula, !dated { return .total(subtotal: false) }
        if let first = row.cells.lazy.map(normalized).first(where: { !$0.isEmpty }), !dated,
            noteWords.contains(where: { first.hasPrefix($0) })
        {
            return .note
        }
        return .data
    }

    /// A cell without spaces (full-width ones too) and with a full-width colon as an ASCII one.
    private static func normalized(_ cell: String) -> String {
        String(cell.filter { !$0.isWhitespace }).replacingOccurrences(of: ":", with: ":")
    }
}
