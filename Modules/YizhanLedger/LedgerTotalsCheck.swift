public import YizhanKernel

/// A ledger's own totals against the rows read: what its 合计 row states and what the records
/// read add up to, so that a row lost or a total mistyped shows.
public struct LedgerTotalsCheck: Hashable, Sendable, Codable {
    /// The rows read as totals (合计, 小计) and skipped.
    public var totalRows: [Int] = []
    /// The rows read as notes under the table and skipped.
    public var noteRows: [Int] = []
    /// The person-times the totals row states (its 合计, else the sum of its 小计), if it states any.
    public var statedPersonTimes: Int?
    /// The person-times of the rows read as records (written now or before).
    public var readPersonTimes = 0

    private var grandTotal: Int?
    private var subtotals: Int?

    /// An empty check.
    public init() {}

    /// Takes a totals row's person-times (`nil`: it states none).
    mutating func add(total row: Int, subtotal: Bool, personTimes: Int?) {
        totalRows.append(row)
        guard let personTimes else { return }
        if subtotal { subtotals = (subtotals ?? 0) + personTimes } else { grandTotal = personTimes }
        statedPersonTimes = grandTotal ?? subtotals
    }

    /// Whether the totals stated and read differ.
    public var differs: Bool { statedPersonTimes.map { $0 != readPersonTimes } ?? false }

    /// `合计行:194 人次,导入 194 人次`, or the warning when they differ; nothing without totals or notes.
    public func lines(in language: Language) -> [String] {
        let zh = language == .zhHans
        var lines: [String] = []
        func rows(_ numbers: [Int]) -> String { numbers.map(String.init).joined(separator: zh ? "、" : ", ") }
        if !totalRows.isEmpty {
            lines.append(
                zh ? "跳过合计行:第 \(rows(totalRows)) 行" : "totals rows skipped: \(rows(totalRows))"
            )
        }
        if !noteRows.isEmpty {
            lines.append(zh ? "跳过表尾说明:第 \(rows(noteRows)) 行" : "notes under the table skipped: \(rows(noteRows))")
        }
        if let stated = statedPersonTimes {
            if stated == readPersonTimes {
                lines.append(
                    zh
                        ? "合计行:\(stated) 人次,导入 \(readPersonTimes) 人次"
                        : "totals row: \(stated) person-times, imported \(readPersonTimes)"
                )
            } else {
                lines.append(
                    zh
                        ? "注意:合计行写 \(stated) 人次,读入的行合计 \(readPersonTimes) 人次,相差 \(abs(stated - readPersonTimes)) 人次;请核对是否有行出错未导入,或合计有误"
                        : "warning: the totals row states \(stated) person-times, the rows read add up to \(readPersonTimes) (\(abs(stated - readPersonTimes)) apart); check for refused rows or a wrong total"
                )
            }
        }
        return lines
    }
}
