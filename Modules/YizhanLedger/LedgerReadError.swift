public import YizhanKernel

/// Why a ledger file could not be read at all (before any row is looked at).
public struct LedgerReadError: Error, Hashable, Sendable, UserFacingError {
    /// The file.
    public var file: String
    /// What went wrong.
    public var reason: Reason

    /// What went wrong with the file.
    public enum Reason: Hashable, Sendable {
        /// The file could not be opened.
        case unreadable(String)
        /// An `.xls` workbook from Excel 97–2003.
        case legacyWorkbook
        /// An `.xlsx` file whose parts do not read.
        case badWorkbook(String)
        /// Text in none of UTF-8, UTF-16 or GBK/GB 18030.
        case unknownEncoding
    }

    public func message(in language: Language) -> String {
        let text: LocalizedText
        switch reason {
        case .unreadable(let detail):
            text = LocalizedText("无法读取:\(detail)", en: "cannot be read: \(detail)")
        case .legacyWorkbook:
            text = LocalizedText(
                "是旧版 Excel(.xls)文件;请在 Excel 中“另存为” .xlsx 或 CSV UTF-8 后再导入",
                en: "is an old Excel (.xls) workbook; save it as .xlsx or CSV UTF-8 in Excel, then import that"
            )
        case .badWorkbook(let detail):
            text = LocalizedText("不是可读的 .xlsx 工作簿(\(detail))", en: "is not a readable .xlsx workbook (\(detail))")
        case .unknownEncoding:
            text = LocalizedText(
                "的文字编码无法识别(支持 UTF-8、UTF-16、GBK/GB18030);请在 Excel 中另存为 CSV UTF-8",
                en: "is in an unknown text encoding (UTF-8, UTF-16 and GBK/GB18030 are read); save it as CSV UTF-8"
            )
        }
        return "\(file) " + text.text(in: language)
    }
}
