public import YizhanKernel

/// Where each field is in a ledger: found from its heading rows through the header dictionary.
///
/// Ledgers kept in Excel start with a title row or two (`百步镇社工站2021年服务台账`), then one heading
/// row, or two when headings are merged (`服务对象` over `编号` and `人数`). The second row is read as
/// a heading row when it holds no date and joins with the first into a heading the dictionary knows;
/// a joined heading is the merged cell's text followed by the sub-heading (`服务对象人数`).
public struct LedgerColumns: Sendable {
    /// The column of each field found.
    public let columnOfField: [String: Int]
    /// The heading text of each column, as the ledger writes it (joined for two rows).
    public let headings: [Int: String]
    /// The numbers of the rows read as title or heading rows.
    public let headerRows: [Int]
    /// Headings the dictionary does not know (`序号`), left unread.
    public let ignoredHeadings: [String]

    /// The column letter(s) of a zero-based column: 0 → `A`, 27 → `AB`.
    public static func letter(_ column: Int) -> String {
        var number = column + 1
        var letters = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            number = (number - 1) / 26
        }
        return letters
    }

    /// The trimmed cell of `field` in `row`; `""` when the ledger has no such column.
    public func cell(_ field: String, of row: LedgerRow) -> String {
        columnOfField[field].map { row[$0] } ?? ""
    }

    /// How a column is named in messages: `D 列“服务对象人数”`.
    public func describe(_ column: Int, in language: Language) -> String {
        let heading = headings[column].map { language == .zhHans ? "“\($0)”" : " '\($0)'" } ?? ""
        return language == .zhHans
            ? "\(Self.letter(column)) 列\(heading)" : "column \(Self.letter(column))\(heading)"
    }

    /// Reads the heading rows from the top of `rows` (the ledger's first non-blank rows): the row
    /// among the first ten whose cells the dictionary knows most of (with the row below it when the
    /// two read together know more), not merely the first that knows two — a title or a note above
    /// the table that happens to hold a known word does not win.
    ///
    /// - Returns: the columns, or `nil` when no row among the first ten has two headings the
    ///   dictionary knows.
    public static func find(in rows: [LedgerRow], vocabulary: LedgerVocabulary) -> LedgerColumns? {
        var chosen: (position: Int, match: (fields: [String: Int], headings: [Int: String]), used: [Int])?
        for (position, row) in rows.prefix(10).enumerated() {
            var best = match(row.cells.indices.map { [row[$0]] }, vocabulary: vocabulary)
            guard best.fields.count >= 2 else { continue }
            var used = [row.number]
            if position + 1 < rows.count {
                let next = rows[position + 1]
                let double = match(candidates(top: row, bottom: next), vocabulary: vocabulary)
                let holdsDate = next.cells.contains { (try? CivilDate(ledgerText: $0)) != nil }
                // Joined only when the lower row alone knows fewer: else it is the heading row itself.
                let lowerAlone = match(next.cells.indices.map { [next[$0]] }, vocabulary: vocabulary).fields.count
                if !holdsDate, double.fields.count > best.fields.count, double.fields.count > lowerAlone {
                    best = double
                    used.append(next.number)
                }
            }
            if best.fields.count > chosen?.match.fields.count ?? 0 { chosen = (position, best, used) }
        }
        guard let (position, best, used) = chosen else { return nil }
        let known = Set(best.fields.values)
        let ignored = best.headings.filter { !known.contains($0.key) }.sorted { $0.key < $1.key }.map(\.value)
        return LedgerColumns(
            columnOfField: best.fields,
            headings: best.headings,
            headerRows: rows.prefix(position).map(\.number) + used,
            ignoredHeadings: ignored
        )
    }

    /// The field of each column whose heading (the first candidate the dictionary knows) it knows, and
    /// each column's heading; the first column wins when two mean one field.
    private static func match(
        _ candidates: [[String]],
        vocabulary: LedgerVocabulary
    ) -> (fields: [String: Int], headings: [Int: String]) {
        var fields: [String: Int] = [:]
        var headings: [Int: String] = [:]
        for (column, texts) in candidates.enumerated() {
            let texts = texts.filter { !$0.isEmpty }
            guard let first = texts.first else { continue }
            let known = texts.lazy.compactMap { text in vocabulary.field(forHeading: text).map { (text, $0) } }.first
            headings[column] = known?.0 ?? first
            if let field = known?.1, fields[field] == nil { fields[field] = column }
        }
        return (fields, headings)
    }

    /// Each column's possible headings over two rows, best first: the top cell followed by the bottom
    /// one (a merged top cell's text carries to the right over the empty columns it spans), then the
    /// bottom cell alone, then the top cell alone.
    private static func candidates(top: LedgerRow, bottom: LedgerRow) -> [[String]] {
        let width = max(top.cells.count, bottom.cells.count)
        var carried = ""
        var columns: [[String]] = []
        for column in 0..<width {
            let upper = top[column]
            let lower = bottom[column]
            if !upper.isEmpty { carried = upper }
            switch (upper.isEmpty, lower.isEmpty) {
            case (false, true): columns.append([upper])
            case (false, false): columns.append([upper + lower, lower, upper])
            case (true, false): columns.append([carried + lower, lower])
            case (true, true): columns.append([])
            }
        }
        return columns
    }
}
