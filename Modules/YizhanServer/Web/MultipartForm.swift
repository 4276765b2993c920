import Foundation
import NIOCore

/// A posted `multipart/form-data` body (RFC 7578): the parts a page's upload form sends — its
/// fields and one file — read without a script on the page and without a library.
struct MultipartForm: Sendable {
    /// One part: its field name, the file name a file part carries, and its bytes.
    struct Part: Sendable {
        let name: String
        let filename: String?
        let bytes: [UInt8]

        /// The part as text (fields are UTF-8).
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// The parts, in order.
    let parts: [Part]

    /// The parts of `body`, whose `Content-Type` is `contentType`; `nil` when it is not a
    /// multipart form or its boundary never appears.
    init?(_ body: ByteBuffer, contentType: String) {
        guard contentType.lowercased().hasPrefix("multipart/form-data"),
            let range = contentType.range(of: "boundary=")
        else { return nil }
        var boundary = String(contentType[range.upperBound...].prefix { $0 != ";" })
        if boundary.hasPrefix("\""), boundary.hasSuffix("\""), boundary.count >= 2 {
            boundary = String(boundary.dropFirst().dropLast())
        }
        guard !boundary.isEmpty else { return nil }
        let bytes = Array(body.readableBytesView)
        let delimiter = Array("--\(boundary)".utf8)
        var starts: [Int] = []
        var index = 0
        while let found = Self.find(delimiter, in: bytes, from: index) {
            starts.append(found)
            index = found + delimiter.count
        }
        guard starts.count >= 2 else { return nil }
        var parts: [Part] = []
        for (start, end) in zip(starts, starts.dropFirst()) {
            // Each part: CRLF after the delimiter, headers, a blank line, content, CRLF before the next.
            let headStart = start + delimiter.count + 2
            guard headStart < end, let blank = Self.find(Array("\r\n\r\n".utf8), in: bytes, from: headStart),
                blank < end
            else { continue }
            let headers = String(decoding: bytes[headStart..<blank], as: UTF8.self)
            let contentEnd = max(blank + 4, end - 2)
            guard
                let disposition = headers.split(separator: "\r\n").first(where: {
                    $0.lowercased().hasPrefix("content-disposition:")
                }),
                let name = Self.parameter("name", in: String(disposition))
            else { continue }
            parts.append(
                Part(
                    name: name,
                    filename: Self.parameter("filename", in: String(disposition)),
                    bytes: Array(bytes[(blank + 4)..<contentEnd])
                )
            )
        }
        self.parts = parts
    }

    /// The first part named `name`.
    func part(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// The text of the field `name`, trimmed; `nil` when absent or blank.
    func value(_ name: String) -> String? {
        guard let text = part(name)?.text.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            return nil
        }
        return text
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else {
            return nil
        }
        var index = start
        let first = needle[0]
        while index <= haystack.count - needle.count {
            if haystack[index] == first, Array(haystack[index..<index + needle.count]) == needle { return index }
            index += 1
        }
        return nil
    }

    /// `key="value"` of a header line.
    private static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("\(key)=") else { continue }
            var value = String(trimmed.dropFirst(key.count + 1))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }
}
