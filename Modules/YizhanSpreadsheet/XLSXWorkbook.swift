public import Foundation
import XMLCoder
import ZIPFoundation

/// An Excel workbook (Office Open XML, `.xlsx`) to write: sheets of text and numbers with a bold,
/// frozen heading row. The same workbook always gives the same bytes (fixed entry dates, fixed
/// part order), so reports made twice from the same data compare equal.
public struct XLSXWorkbook: Sendable {
    /// The sheets, in tab order.
    public var sheets: [XLSXSheet]

    /// Creates a workbook.
    public init(sheets: [XLSXSheet]) { self.sheets = sheets }

    /// The `.xlsx` file's bytes.
    ///
    /// - Throws: `ZIPFoundation.Archive.ArchiveError` or an encoding error, neither expected for
    ///   well-formed sheets.
    public func data() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let names = XLSXSheet.uniqueNames(sheets.map(\.name))
        var parts: [(String, Data)] = [
            ("[Content_Types].xml", Data(XLSXParts.contentTypes(sheetCount: sheets.count).utf8)),
            ("_rels/.rels", Data(XLSXParts.rootRelationships.utf8)),
            ("xl/workbook.xml", Data(XLSXParts.workbook(sheetNames: names).utf8)),
            ("xl/_rels/workbook.xml.rels", Data(XLSXParts.workbookRelationships(sheetCount: sheets.count).utf8)),
            ("xl/styles.xml", Data(XLSXParts.styles.utf8)),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", try sheet.xml()))
        }
        for (path, bytes) in parts {
            try archive.addEntry(
                with: path,
                type: .file,
                uncompressedSize: Int64(bytes.count),
                modificationDate: XLSXParts.entryDate,
                compressionMethod: .deflate,
                provider: { position, size in bytes.subdata(in: Int(position)..<Int(position) + size) }
            )
        }
        guard let data = archive.data else { throw XLSXError.archiveUnavailable }
        return data
    }
}

/// A workbook that could not be assembled.
public enum XLSXError: Error, Hashable, Sendable {
    /// The in-memory archive gave no bytes back.
    case archiveUnavailable
}

/// One sheet: a name, column widths and rows of cells.
public struct XLSXSheet: Sendable {
    /// The tab's name (Excel allows 31 characters, without `[]:*?/\`; longer names are cut).
    public var name: String
    /// Column widths in characters, left to right; missing ones get Excel's default.
    public var columnWidths: [Int]
    /// The rows, top to bottom.
    public var rows: [[XLSXCell]]
    /// How many rows at the top are headings: bold, and frozen when scrolling.
    public var headingRows: Int
    /// Rows (0-based) to show in bold besides the headings, e.g. a totals row.
    public var boldRows: Set<Int>

    /// Creates a sheet.
    public init(
        name: String,
        columnWidths: [Int] = [],
        rows: [[XLSXCell]],
        headingRows: Int = 1,
        boldRows: Set<Int> = []
    ) {
        self.name = name
        self.columnWidths = columnWidths
        self.rows = rows
        self.headingRows = headingRows
        self.boldRows = boldRows
    }

    /// `names` made valid and unique as Excel requires: forbidden characters replaced, at most 31
    /// characters, a numeric suffix on repeats.
    static func uniqueNames(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.enumerated().map { index, name in
            let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
            var candidate = cleaned.isEmpty ? "Sheet\(index + 1)" : cleaned
            var number = 2
            while seen.contains(candidate.lowercased()) {
                let suffix = "(\(number))"
                candidate = String(cleaned.prefix(31 - suffix.count)) + suffix
                number += 1
            }
            seen.insert(candidate.lowercased())
            return candidate
        }
    }

    /// The sheet's XML part.
    func xml() throws -> Data {
        let sheet = Worksheet(
            sheetViews: SheetViews(
                sheetView: SheetView(
                    pane: headingRows > 0
                        ? Pane(ySplit: headingRows, topLeftCell: "A\(headingRows + 1)") : nil
                )
            ),
            cols: columnWidths.isEmpty
                ? nil
                : Columns(col: columnWidths.enumerated().map { Column(min: $0 + 1, max: $0 + 1, width: $1) }),
            sheetData: SheetData(
                row: rows.enumerated().map { index, cells in
                    let bold = index < headingRows || boldRows.contains(index)
                    return Row(
                        r: index + 1,
                        c: cells.enumerated().compactMap { column, cell in
                            cell.xml(reference: Self.reference(column: column, row: index + 1), bold: bold)
                        }
                    )
                }
            )
        )
        let encoder = XMLEncoder()
        return try encoder.encode(
            sheet,
            withRootKey: "worksheet",
            rootAttributes: ["xmlns": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"],
            header: XMLHeader(version: 1.0, encoding: "UTF-8", standalone: "yes")
        )
    }

    /// `A1`, `AB12`: a cell's reference from a 0-based column and a 1-based row.
    static func reference(column: Int, row: Int) -> String {
        var letters = ""
        var number = column + 1
        while number > 0 {
            let remainder = (number - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            number = (number - 1) / 26
        }
        return "\(letters)\(row)"
    }
}

/// A cell's value.
public enum XLSXCell: Hashable, Sendable {
    /// Text.
    case text(String)
    /// A whole number, shown with thousands grouped.
    case integer(Int)
    /// A decimal written exactly (`21116.28`), shown with two decimals — for money in yuan.
    case money(String)
    /// A decimal written exactly (`94.8`), shown as written.
    case decimal(String)
    /// No cell.
    case empty

    func xml(reference: String, bold: Bool) -> Cell? {
        switch self {
        case .text(let text):
            return Cell(
                r: reference,
                s: bold ? 1 : nil,
                t: "inlineStr",
                is: InlineString(t: Text(value: Self.xmlSafe(text)))
            )
        case .integer(let number):
            return Cell(r: reference, s: bold ? 3 : 2, v: String(number))
        case .money(let decimal):
            return Cell(r: reference, s: bold ? 5 : 4, v: decimal)
        case .decimal(let decimal):
            return Cell(r: reference, s: bold ? 1 : nil, v: decimal)
        case .empty:
            return nil
        }
    }

    /// `text` without the control characters XML 1.0 cannot hold (tab and line breaks stay).
    static func xmlSafe(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            )
        )
    }
}

// MARK: The worksheet's XML, as XMLCoder encodes it

struct Worksheet: Encodable {
    var sheetViews: SheetViews
    var cols: Columns?
    var sheetData: SheetData
}

struct SheetViews: Encodable {
    var sheetView: SheetView
}

struct SheetView: Encodable, DynamicNodeEncoding {
    var workbookViewId = 0
    var pane: Pane?

    static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
        key.stringValue == "workbookViewId" ? .attribute : .element
    }
}

struct Pane: Encodable, DynamicNodeEncoding {
    var ySplit: Int
    var topLeftCell: String
    var activePane = "bottomLeft"
    var state = "frozen"

    static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
}

struct Columns: Encodable {
    var col: [Column]
}

struct Column: Encodable, DynamicNodeEncoding {
    var min: Int
    var max: Int
    var width: Int
    var customWidth = 1

    static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
}

struct SheetData: Encodable {
    var row: [Row]
}

struct Row: Encodable, DynamicNodeEncoding {
    var r: Int
    var c: [Cell]

    static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
        key.stringValue == "r" ? .attribute : .element
    }
}

struct Cell: Encodable, DynamicNodeEncoding {
    var r: String
    var s: Int?
    var t: String?
    var `is`: InlineString?
    var v: String?

    static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
        ["r", "s", "t"].contains(key.stringValue) ? .attribute : .element
    }
}

struct InlineString: Encodable {
    var t: Text
}

struct Text: Encodable, DynamicNodeEncoding {
    var space = "preserve"
    var value: String

    enum CodingKeys: String, CodingKey {
        case space = "xml:space"
        case value = ""
    }

    static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
        key.stringValue == "xml:space" ? .attribute : .element
    }
}
