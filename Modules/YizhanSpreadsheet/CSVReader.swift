/// Reads CSV (RFC 4180, as Excel writes it) from UTF-8 bytes, one record at a time, without
/// holding more than the current record: quoted fields with commas, doubled quotes and line
/// breaks; CRLF, LF or CR line ends; a last line with or without its line end.
///
/// Written over bytes rather than `Character`s because a ledger import reads a million rows: a
/// comma, a quote and a line end are single bytes in UTF-8 and never part of a multi-byte character,
/// so splitting bytes is exact.
public struct CSVReader: Sendable {
    /// The file's bytes, UTF-8 (the byte-order mark already removed).
    public let bytes: [UInt8]
    /// The field separator: a comma, or a tab for tab-separated files.
    public let separator: UInt8

    /// A reader over `bytes`; the separator is a tab when the first line has tabs and no comma.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        let firstLine = bytes.prefix { $0 != UInt8(ascii: "\n") }
        separator =
            firstLine.contains(UInt8(ascii: "\t")) && !firstLine.contains(UInt8(ascii: ","))
            ? UInt8(ascii: "\t") : UInt8(ascii: ",")
    }

    /// Calls `body` with each record: the line it starts on (from 1), its fields, and the byte
    /// offset just past it (for progress).
    public func forEachRecord(_ body: (_ line: Int, _ fields: [String], _ end: Int) throws -> Void) rethrows {
        let quote = UInt8(ascii: "\"")
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        let separator = self.separator
        try bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var index = 0
            var line = 1
            var fields: [String] = []
            var quoted: [UInt8] = []
            while index < count {
                let recordLine = line
                fields.removeAll(keepingCapacity: true)
                var endOfRecord = false
                while !endOfRecord {
                    if index < count, buffer[index] == quote {
                        // A quoted field: up to the closing quote; "" is one quote.
                        quoted.removeAll(keepingCapacity: true)
                        index += 1
                        while index < count {
                            let byte = buffer[index]
                            if byte == quote {
                                if index + 1 < count, buffer[index + 1] == quote {
                                    quoted.append(quote)
                                    index += 2
                                    continue
                                }
                                index += 1
                                break
                            }
                            if byte == lf || (byte == cr && (index + 1 >= count || buffer[index + 1] != lf)) {
                                line += 1
                            }
                            quoted.append(byte)
                            index += 1
                        }
                        // Text after the closing quote (malformed, but Excel keeps it) joins the field.
                        let start = index
                        while index < count, buffer[index] != separator, buffer[index] != cr, buffer[index] != lf {
                            index += 1
                        }
                        quoted.append(contentsOf: buffer[start..<index])
                        fields.append(String(decoding: quoted, as: UTF8.self))
                    } else {
                        let start = index
                        while index < count, buffer[index] != separator, buffer[index] != cr, buffer[index] != lf {
                            index += 1
                        }
                        fields.append(
                            String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
                        )
                    }
                    if index < count, buffer[index] == separator {
                        index += 1
                        continue
                    }
                    // A line end, or the end of the bytes.
                    if index < count, buffer[index] == cr { index += 1 }
                    if index < count, buffer[index] == lf { index += 1 }
                    line += 1
                    endOfRecord = true
                }
                try body(recordLine, fields, index)
            }
        }
    }
}
