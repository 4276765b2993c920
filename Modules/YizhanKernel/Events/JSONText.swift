/// JSON text written by hand where the encoder costs too much or the bytes must be exact (a
/// webhook body is signed byte for byte; `service.recorded` is written once per imported row).
public enum JSONText {
    /// `text` as a JSON string literal (RFC 8259 §7), escaped as `JSONEncoder` escapes it without
    /// escaping slashes.
    public static func quoted(_ text: String) -> String {
        // Most text (ids, codes, dates) needs no escape: it is copied whole.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
