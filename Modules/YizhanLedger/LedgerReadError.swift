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
        /// A spreadsheet the import does not read: a WPS `.et`, an OpenDocument `.ods`, a Numbers file.
        case otherSpreadsheet(OtherSpreadsheet)
        /// An `.xlsx` workbook saved with a password to open it: its sheets are encrypted.
        case passwordProtected
        /// An `.xlsx` file whose parts do not read.
        case badWorkbook(String)
        /// Bytes that are no text table at all (a NUL byte: a PDF, an image, a document).
        case notATable
        /// Text in none of UTF-8, UTF-16 or GBK/GB 18030.
        case unknownEncoding
    }

    /// The spreadsheet formats that are recognised and refused with the way to save them as .xlsx.
    public enum OtherSpreadsheet: String, Hashable, Sendable {
        /// WPS 表格's own format.
        case wps = "et"
        /// LibreOffice's and OpenOffice's OpenDocument spreadsheet.
        case openDocument = "ods"
        /// Apple's Numbers.
        case numbers
    }

    /// How to save a sheet as .xlsx, in Excel and in WPS: what every refusal of a format ends with.
    static let saveAsXLSX = LocalizedText(
        "在 Excel 中选“文件 → 另存为”,保存类型选“Excel 工作簿(*.xlsx)”;在 WPS 表格中选“文件 → 另存为”,"
            + "文件类型选“Microsoft Excel 文件(*.xlsx)”;然后导入另存的文件",
        en:
            "in Excel choose File → Save As and the type Excel Workbook (*.xlsx); in WPS choose File → Save As and "
            + "Microsoft Excel File (*.xlsx); then import the saved file"
    )

    public func message(in language: Language) -> String {
        let text: LocalizedText
        switch reason {
        case .unreadable(let detail):
            text = LocalizedText("无法读取:\(detail)", en: "cannot be read: \(detail)")
        case .legacyWorkbook:
            text = LocalizedText(
                "是旧版 Excel(.xls)文件;请在 Excel 中“另存为” .xlsx 或 CSV UTF-8 后再导入:"
                    + Self.saveAsXLSX.text(in: .zhHans),
                en: "is an old Excel (.xls) workbook; save it as .xlsx or CSV UTF-8 in Excel, then import that: "
                    + Self.saveAsXLSX.text(in: .en)
            )
        case .otherSpreadsheet(let kind):
            let zh: String
            let en: String
            switch kind {
            case .wps: (zh, en) = ("WPS 表格(.et)", "a WPS (.et) spreadsheet")
            case .openDocument: (zh, en) = ("OpenDocument(.ods)表格", "an OpenDocument (.ods) spreadsheet")
            case .numbers: (zh, en) = ("Numbers 表格", "a Numbers spreadsheet")
            }
            text = LocalizedText(
                "是\(zh),导入只读 .xlsx 和 CSV;请另存为 .xlsx:" + Self.saveAsXLSX.text(in: .zhHans)
                    + (kind == .openDocument ? "(LibreOffice 中选“文件 → 另存为”,类型选 Excel 2007-365)" : ""),
                en: "is \(en); the import reads .xlsx and CSV: save it as .xlsx — " + Self.saveAsXLSX.text(in: .en)
            )
        case .passwordProtected:
            text = LocalizedText(
                "设有打开密码,内容已加密,无法读取;请在 Excel 或 WPS 中打开,“文件 → 信息 → 保护工作簿 → 用密码进行加密”"
                    + "清空密码(WPS:“文件 → 文档加密 → 密码加密”清空)后保存,再导入",
                en:
                    "is protected by a password to open it and its content is encrypted; open it in Excel or WPS, remove "
                    + "the password (File → Info → Protect Workbook → Encrypt with Password) and save, then import it"
            )
        case .notATable:
            text = LocalizedText(
                "不是表格文件(含有二进制内容,可能是 PDF、图片或 Word 文档);请导入 .xlsx 或 CSV 台账",
                en:
                    "is not a table (it holds binary content: a PDF, an image or a document?); import an .xlsx or CSV ledger"
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
