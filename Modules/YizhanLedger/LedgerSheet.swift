import Crypto
public import Foundation
import YizhanSpreadsheet

/// A ledger file read for import: its format, how its text was encoded, its SHA-256, and its rows.
///
/// A CSV file keeps its bytes and is split into rows as they are read, so that a million-row file
/// is never held as a million arrays; an `.xlsx` file is read into rows at once (ledgers kept in
/// Excel are thousands of rows, not millions).
public struct LedgerSheet: Sendable {
    /// The file as the user named it.
    public let file: String
    /// CSV or XLSX.
    public let format: LedgerFormat
    /// How the text was encoded (XLSX is always UTF-8).
    public let encoding: LedgerEncoding
    /// The file's SHA-256, hex: what `ledger.imported` names it by.
    public let digest: String
    private let content: Content

    private enum Content: Sendable {
        case csv(CSVReader)
        case rows([XLSXReader.Row])
    }

    /// Reads the file at `url`: CSV in UTF-8 (with or without a byte-order mark), UTF-16 with a
    /// byte-order mark, or GBK/GB 18030; or an `.xlsx` workbook's first sheet.
    ///
    /// - Throws: `LedgerReadError` when the file cannot be read; is an old `.xls` workbook, a WPS
    ///   `.et`, an `.ods` or a Numbers file (each refused with how to save it as .xlsx); is an
    ///   .xlsx encrypted by a password or one that does not read; holds binary content; or its
    ///   text is in no encoding above.
    public init(contentsOf url: URL, displayName: String? = nil) throws(LedgerReadError) {
        let name = displayName ?? url.relativePath
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw LedgerReadError(file: name, reason: .unreadable(error.localizedDescription))
        }
        try self.init(data: data, file: name)
    }

    /// Reads a ledger from `data`, named `file` in messages.
    public init(data: Data, file: String) throws(LedgerReadError) {
        self.file = file
        digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let bytes = [UInt8](data)
        let suffix = (file as NSString).pathExtension.lowercased()
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            // OpenDocument names its type first thing in the archive (its `mimetype` entry, stored).
            if bytes.prefix(100).containsSequence(Array("opendocument.spreadsheet".utf8)) || suffix == "ods" {
                throw LedgerReadError(file: file, reason: .otherSpreadsheet(.openDocument))
            }
            if suffix == "numbers" { throw LedgerReadError(file: file, reason: .otherSpreadsheet(.numbers)) }
            do {
                content = .rows(try XLSXReader.rows(of: data))
            } catch {
                throw LedgerReadError(file: file, reason: .badWorkbook(error.description))
            }
            format = .xlsx
            encoding = .utf8
            return
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            // A compound file: Excel 97–2003, WPS, or an .xlsx encrypted by its open password,
            // which Office stores as an `EncryptedPackage` stream (MS-OFFCRYPTO §2.3.4).
            if bytes.containsSequence(Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })) {
                throw LedgerReadError(file: file, reason: .passwordProtected)
            }
            throw LedgerReadError(file: file, reason: suffix == "et" ? .otherSpreadsheet(.wps) : .legacyWorkbook)
        }
        if suffix == "numbers" { throw LedgerReadError(file: file, reason: .otherSpreadsheet(.numbers)) }
        if suffix == "ods" || suffix == "et" {
            throw LedgerReadError(file: file, reason: .otherSpreadsheet(suffix == "ods" ? .openDocument : .wps))
        }
        // Text has no NUL byte but in UTF-16, which starts with its byte-order mark.
        if !bytes.starts(with: [0xFF, 0xFE]), !bytes.starts(with: [0xFE, 0xFF]), bytes.contains(0) {
            throw LedgerReadError(file: file, reason: .notATable)
        }
        format = .csv
        let (utf8, encoding) = try Self.utf8(bytes, file: file)
        self.encoding = encoding
        content = .csv(CSVReader(bytes: utf8))
    }

    /// Calls `body` with each row that has a non-blank cell, and the share of the file read so far.
    public func forEachRow(_ body: (LedgerRow, Double) throws -> Void) rethrows {
        switch content {
        case .csv(let reader):
            let total = Double(max(1, reader.bytes.count))
            try reader.forEachRecord { line, fields, end in
                guard fields.contains(where: { !LedgerRow.isBlank($0) }) else { return }
                try body(LedgerRow(number: line, cells: fields), Double(end) / total)
            }
        case .rows(let rows):
            let total = Double(max(1, rows.count))
            for (index, row) in rows.enumerated() where row.cells.contains(where: { !LedgerRow.isBlank($0) }) {
                try body(
                    LedgerRow(number: row.number, cells: row.cells, hasFormula: row.hasFormula),
                    Double(index + 1) / total
                )
            }
        }
    }

    /// The text as UTF-8 bytes, and the encoding it was found in.
    private static func utf8(_ bytes: [UInt8], file: String) throws(LedgerReadError) -> ([UInt8], LedgerEncoding) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = Array(bytes.dropFirst(3))
            guard isValidUTF8(body) else {
                throw LedgerReadError(file: file, reason: .unknownEncoding)
            }
            return (body, .utf8WithBOM)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard let text = String(data: Data(bytes), encoding: .utf16) else {
                throw LedgerReadError(file: file, reason: .unknownEncoding)
            }
            return (Array(text.utf8), .utf16)
        }
        if isValidUTF8(bytes) { return (bytes, .utf8) }
        guard let text = String(data: Data(bytes), encoding: LedgerEncoding.foundationGB18030) else {
            throw LedgerReadError(file: file, reason: .unknownEncoding)
        }
        return (Array(text.utf8), .gb18030)
    }
}

/// Whether `bytes` are well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or values past
/// U+10FFFF), checked in place: a GBK file fails on its first Chinese character.
func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
        var index = 0
        let count = buffer.count
        while index < count {
            let lead = buffer[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: (length, low) = (3, 0xA0)
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: (length, high) = (3, 0x9F)
            case 0xF0: (length, low) = (4, 0x90)
            case 0xF1...0xF3: length = 4
            case 0xF4: (length, high) = (4, 0x8F)
            default: return false
            }
            guard index + length <= count, (low...high).contains(buffer[index + 1]) else { return false }
            for next in (index + 2)..<(index + length) where !(0x80...0xBF).contains(buffer[next]) { return false }
            index += length
        }
        return true
    }
}

/// One row of a ledger: its number as Excel or a text editor shows it, and its cells.
public struct LedgerRow: Hashable, Sendable {
    /// The row's number, from 1 (the line a CSV record starts on).
    public var number: Int
    /// The cells, column A first.
    public var cells: [String]
    /// Whether a cell of the row is a formula (only a workbook says): a totals row.
    public var hasFormula: Bool

    /// Creates a row.
    public init(number: Int, cells: [String], hasFormula: Bool = false) {
        self.number = number
        self.cells = cells
        self.hasFormula = hasFormula
    }

    /// The cell in `column` with surrounding spaces (also full-width) removed; `""` past the end.
    /// A long number `CSVWriter` kept as text (`="330424198506120014"`) reads as its digits.
    public subscript(column: Int) -> String {
        guard cells.indices.contains(column) else { return "" }
        let cell = cells[column]
        // Most cells start and end with a printable ASCII or CJK byte: nothing to trim.
        guard let firstByte = cell.utf8.first, let lastByte = cell.utf8.last else { return cell }
        if firstByte == UInt8(ascii: "="), lastByte == UInt8(ascii: "\""), cell.utf8.count >= 3, cell.hasPrefix("=\"") {
            return String(cell.dropFirst(2).dropLast())
        }
        if firstByte > 0x20, firstByte < 0x80, lastByte > 0x20, lastByte < 0x80 { return cell }
        guard let first = cell.first, let last = cell.last, first.isWhitespace || last.isWhitespace else { return cell }
        let start = cell.firstIndex { !$0.isWhitespace } ?? cell.endIndex
        let end = cell.lastIndex { !$0.isWhitespace }.map { cell.index(after: $0) } ?? start
        return String(cell[start..<max(start, end)])
    }

    /// Whether a cell holds only spaces (`Character.isWhitespace` includes the full-width space).
    static func isBlank(_ cell: String) -> Bool { cell.allSatisfy(\.isWhitespace) }
}

/// The file formats `yizhan import` reads and `yizhan export` writes.
public enum LedgerFormat: String, Sendable, CaseIterable {
    /// Comma-separated text.
    case csv
    /// An Excel workbook.
    case xlsx
}

/// How a CSV ledger's text was encoded.
public enum LedgerEncoding: String, Sendable {
    /// UTF-8 without a byte-order mark.
    case utf8 = "UTF-8"
    /// UTF-8 with a byte-order mark (Excel's "CSV UTF-8").
    case utf8WithBOM = "UTF-8 (BOM)"
    /// UTF-16 with a byte-order mark (Excel's "Unicode text").
    case utf16 = "UTF-16"
    /// GBK or GB 18030 (Excel's "CSV" on a Chinese Windows).
    case gb18030 = "GBK/GB18030"

    /// GB 18030 as Foundation names it (CFStringEncoding 0x0632); it decodes GBK, its subset, too.
    static let foundationGB18030 = String.Encoding(rawValue: 0x8000_0632)
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in these bytes.
    func containsSequence(_ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= count else { return needle.isEmpty }
        var index = startIndex
        while let found = self[index...].firstIndex(of: first) {
            if found + needle.count > endIndex { return false }
            if self[found..<found + needle.count].elementsEqual(needle) { return true }
            index = found + 1
        }
        return false
    }
}

extension ArraySlice where Element == UInt8 {
    /// Whether `needle` occurs in these bytes.
    func containsSequence(_ needle: [UInt8]) -> Bool { Array(self).containsSequence(needle) }
}
