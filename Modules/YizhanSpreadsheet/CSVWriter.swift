public import Foundation

/// Writes CSV as Excel on a Chinese desktop opens it: RFC 4180 quoting, CRLF line ends, UTF-8 with
/// a byte-order mark, and cells that Excel would run as formulas defused.
public enum CSVWriter {
    /// The UTF-8 byte-order mark Excel looks for.
    public static let byteOrderMark = "\u{FEFF}"

    /// `rows` as a CSV file's bytes, a byte-order mark first.
    public static func document(_ rows: [[String]]) -> Data {
        Data((byteOrderMark + rows.map(line).joined()).utf8)
    }

    /// One row with its CRLF.
    public static func line(_ cells: [String]) -> String {
        cells.map(field).joined(separator: ",") + "\r\n"
    }

    /// A field, quoted when it holds a comma, a quote or a line break, or could be read as a formula.
    /// A long number (12 digits or more: an ID number, a division code) or one with a leading zero
    /// is written `="…"`, a text Excel keeps whole instead of `3.30424E+17`.
    public static func field(_ text: String) -> String {
        if isNumberExcelWouldMangle(text) { return "\"=\"\"" + text + "\"\"\"" }
        // A leading = + - @ would make Excel run the cell as a formula (CSV injection).
        let guarded =
            text.first.map { "=+@".contains($0) || ($0 == "-" && Double(text) == nil) } == true ? "'" + text : text
        guard guarded.contains(where: { ",\"\r\n".contains($0) }) else { return guarded }
        return "\"" + guarded.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether Excel would read `text` as a number and lose digits: 12 or more digits (17 and an X
    /// is text already), or two or more with a leading zero.
    static func isNumberExcelWouldMangle(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard utf8.count >= 2, utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return false
        }
        return utf8.count >= 12 || utf8.first == UInt8(ascii: "0")
    }
}
