public import Foundation
import XMLCoder
import ZIPFoundation

/// Reads the first worksheet of an `.xlsx` file as rows of text, as a person sees them in Excel:
/// shared and inline strings as written, whole numbers without a decimal point, and cells with a
/// date format as `YYYY-MM-DD`.
///
/// Merged cells keep their text in the first cell and leave the others empty, as the file does.
public enum XLSXReader {
    /// Excel's own limits, which bound every size the reader takes from a file: 16,384 columns
    /// (XFD), 1,048,576 rows, and here 1 GiB for one part once decompressed.
    public static let maximumColumns = 16_384
    /// The most rows a worksheet can have.
    public static let maximumRows = 1_048_576
    /// The most bytes one part may decompress to (a ZIP bomb stops here, not at the memory's end).
    public static let maximumPartBytes = 1 << 30

    /// One row: its number in the sheet (from 1) and its cells, column A first.
    public struct Row: Hashable, Sendable {
        /// The row number Excel shows.
        public var number: Int
        /// The cells' text; a missing cell is `""`.
        public var cells: [String]
        /// Whether a cell of the row is a formula (`=SUM(D4:D20)`): a totals row, not a record.
        public var hasFormula = false
    }

    /// The first worksheet's rows that have any cell, in order.
    ///
    /// - Throws: `XLSXReadError` when the data is not a workbook or a part cannot be read.
    public static func rows(of data: Data) throws(XLSXReadError) -> [Row] {
        let archive: Archive
        try ZIPBounds.check(data)
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw XLSXReadError(part: "", reason: "not a ZIP archive (an .xlsx file is one)")
        }
        let workbook = try decode(Workbook.self, part: "xl/workbook.xml", in: archive)
        let relationships = try decode(Relationships.self, part: "xl/_rels/workbook.xml.rels", in: archive)
        guard let first = workbook.sheets.sheet.first,
            let target = relationships.relationship.first(where: { $0.id == first.relationshipID })?.target
        else { throw XLSXReadError(part: "xl/workbook.xml", reason: "the workbook lists no worksheet") }
        let sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        var strings: [String] = []
        if let data = try optionalPart("xl/sharedStrings.xml", in: archive) {
            strings = try decode(SharedStrings.self, part: "xl/sharedStrings.xml", data: data).items.map(\.text)
        }
        var dateStyles: Set<Int> = []
        if let data = try optionalPart("xl/styles.xml", in: archive) {
            dateStyles = try decode(StyleSheet.self, part: "xl/styles.xml", data: data).dateStyleIndexes
        }
        let sheet = try decode(WorksheetPart.self, part: sheetPath, in: archive)
        var rows: [Row] = []
        for (position, row) in (sheet.sheetData.row ?? []).enumerated() {
            var cells: [String] = []
            var hasFormula = false
            for (index, cell) in (row.c ?? []).enumerated() {
                if cell.f != nil { hasFormula = true }
                let column =
                    try cell.r.map { reference throws(XLSXReadError) in
                        guard let column = columnIndex(reference) else {
                            throw XLSXReadError(
                                part: sheetPath,
                                reason: "the cell reference \(reference.prefix(20)) is past Excel's last column XFD"
                            )
                        }
                        return column
                    } ?? index
                guard column < maximumColumns else {
                    throw XLSXReadError(part: sheetPath, reason: "row \(position + 1) has more than 16,384 cells")
                }
                let text = try cell.text(strings: strings, dateStyles: dateStyles, part: sheetPath)
                guard !text.isEmpty else { continue }
                if cells.count <= column { cells += Array(repeating: "", count: column + 1 - cells.count) }
                cells[column] = text
            }
            guard !cells.isEmpty else { continue }
            let number = row.r ?? position + 1
            guard (1...maximumRows).contains(number) else {
                throw XLSXReadError(part: sheetPath, reason: "row number \(number) is outside 1 to 1,048,576")
            }
            rows.append(Row(number: number, cells: cells, hasFormula: hasFormula))
        }
        return rows
    }

    /// The zero-based column of a cell reference: `C7` → 2, `AA1` → 26; `nil` without letters or
    /// past Excel's last column (XFD), so that no reference can overflow.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard (65...90).contains(scalar.value) else { break }
            index = index * 26 + Int(scalar.value - 64)
            letters += 1
            guard index <= maximumColumns else { return nil }
        }
        return letters == 0 ? nil : index - 1
    }

    /// The civil date of an Excel serial day number (1900 date system: day 25,569 is 1970-01-01).
    static func isoDate(serial: Double) -> String? {
        guard serial >= 1, serial < 2_958_466 else { return nil }
        let days = Int(serial.rounded(.down)) - 25_569
        let seconds = TimeInterval(days) * 86_400
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: seconds))
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    private static func optionalPart(_ path: String, in archive: Archive) throws(XLSXReadError) -> Data? {
        guard let entry = archive[path] else { return nil }
        let tooLarge = XLSXReadError(part: path, reason: "the part is larger than 1 GiB once decompressed")
        guard entry.uncompressedSize <= UInt64(maximumPartBytes) else { throw tooLarge }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                // The declared size may lie: count what really comes out.
                guard data.count + chunk.count <= maximumPartBytes else { throw tooLarge }
                data.append(chunk)
            }
        } catch let error as XLSXReadError {
            throw error
        } catch {
            throw XLSXReadError(part: path, reason: "the part cannot be extracted (\(error))")
        }
        return data
    }

    private static func decode<Part: Decodable>(
        _ type: Part.Type,
        part path: String,
        in archive: Archive
    ) throws(XLSXReadError) -> Part {
        guard let data = try optionalPart(path, in: archive) else {
            throw XLSXReadError(part: path, reason: "the part is missing")
        }
        return try decode(type, part: path, data: data)
    }

    private static func decode<Part: Decodable>(
        _ type: Part.Type,
        part path: String,
        data: Data
    ) throws(XLSXReadError) -> Part {
        // Foundation's XML parser traps on bytes that are not UTF-8 in a name or an attribute (found
        // by LedgerFuzzTests): such a part is refused before it is parsed.
        guard String(validating: data, as: UTF8.self) != nil else {
            throw XLSXReadError(part: path, reason: "the part is not UTF-8 text")
        }
        let decoder = XMLDecoder()
        decoder.shouldProcessNamespaces = true
        do {
            return try decoder.decode(type, from: data)
        } catch {
            throw XLSXReadError(part: path, reason: "the XML does not read as expected (\(error))")
        }
    }
}

/// Why an `.xlsx` file could not be read: which part, and what was wrong with it.
public struct XLSXReadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The part inside the archive (`xl/worksheets/sheet1.xml`), or `""` for the archive itself.
    public var part: String
    /// What was wrong.
    public var reason: String

    public var description: String { part.isEmpty ? reason : "\(part): \(reason)" }
}

// MARK: The parts read, as XMLCoder decodes them (attributes and elements alike, by name)

private struct Workbook: Decodable {
    var sheets: Sheets
    struct Sheets: Decodable { var sheet: [Sheet] }
    struct Sheet: Decodable {
        var name: String
        var relationshipID: String
        /// The relationship attribute is `r:id`; parsers report it with or without its prefix.
        enum CodingKeys: String, CodingKey {
            case name
            case prefixed = "r:id"
            case bare = "id"
        }
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            relationshipID =
                try container.decodeIfPresent(String.self, forKey: .prefixed)
                ?? container.decode(String.self, forKey: .bare)
        }
    }
}

private struct Relationships: Decodable {
    var relationship: [Relationship]
    enum CodingKeys: String, CodingKey { case relationship = "Relationship" }
    struct Relationship: Decodable {
        var id: String
        var target: String
        enum CodingKeys: String, CodingKey {
            case id = "Id"
            case target = "Target"
        }
    }
}

/// Text with attributes (`<t xml:space="preserve">`) or without: the element's own value.
private struct TextNode: Decodable {
    var value: String
    enum CodingKeys: String, CodingKey { case value = "" }
    init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: CodingKeys.self),
            let value = try? container.decode(String.self, forKey: .value)
        {
            self.value = value
        } else {
            value = (try? decoder.singleValueContainer().decode(String.self)) ?? ""
        }
    }
}

/// A string item: plain (`<t>`) or rich text runs (`<r><t>`), phonetic runs left out.
private struct StringItem: Decodable {
    var t: TextNode?
    var r: [Run]?
    struct Run: Decodable { var t: TextNode? }
    var text: String { t?.value ?? (r ?? []).compactMap { $0.t?.value }.joined() }
}

private struct SharedStrings: Decodable {
    var items: [StringItem]
    enum CodingKeys: String, CodingKey { case items = "si" }
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        items = try container.decodeIfPresent([StringItem].self, forKey: .items) ?? []
    }
}

private struct StyleSheet: Decodable {
    var numFmts: NumberFormats?
    var cellXfs: CellFormats?
    struct NumberFormats: Decodable { var numFmt: [NumberFormat]? }
    struct NumberFormat: Decodable {
        var numFmtId: Int
        var formatCode: String
    }
    struct CellFormats: Decodable { var xf: [Format]? }
    struct Format: Decodable { var numFmtId: Int? }

    /// The cell styles whose number format shows a date: the built-in ones (14–22, 27–36, 50–58 in
    /// Chinese locales) and custom formats with a year, month or day and no time of day only.
    var dateStyleIndexes: Set<Int> {
        let builtIn = Set(14...22).union(27...36).union(50...58)
        var custom: Set<Int> = []
        for format in numFmts?.numFmt ?? [] {
            let code = format.formatCode.lowercased().replacingOccurrences(
                of: "\"[^\"]*\"",
                with: "",
                options: .regularExpression
            )
            if code.contains("y") || code.contains("d") || code.contains("年") || code.contains("日") {
                custom.insert(format.numFmtId)
            }
        }
        var indexes: Set<Int> = []
        for (index, format) in (cellXfs?.xf ?? []).enumerated() {
            if let id = format.numFmtId, builtIn.contains(id) || custom.contains(id) { indexes.insert(index) }
        }
        return indexes
    }
}

private struct WorksheetPart: Decodable {
    var sheetData: SheetData
    struct SheetData: Decodable { var row: [Row]? }
    struct Row: Decodable {
        var r: Int?
        var c: [SheetCell]?
    }
}

private struct SheetCell: Decodable {
    var r: String?
    var t: String?
    var s: Int?
    var v: TextNode?
    /// The cell's formula, when it has one.
    var f: TextNode?
    var inline: StringItem?
    enum CodingKeys: String, CodingKey {
        case r, t, s, v, f
        case inline = "is"
    }

    func text(strings: [String], dateStyles: Set<Int>, part: String) throws(XLSXReadError) -> String {
        let value = v?.value ?? ""
        switch t {
        case "s":
            guard let index = Int(value), strings.indices.contains(index) else {
                throw XLSXReadError(
                    part: part,
                    reason: "cell \(r ?? "?") names shared string \(value), which is missing"
                )
            }
            return strings[index]
        case "inlineStr": return inline?.text ?? ""
        case "str", "e": return value
        case "b": return value == "1" ? "TRUE" : "FALSE"
        default:
            guard let number = Double(value) else { return value }
            if let style = s, dateStyles.contains(style), let date = XLSXReader.isoDate(serial: number) { return date }
            if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
            return value
        }
    }
}
