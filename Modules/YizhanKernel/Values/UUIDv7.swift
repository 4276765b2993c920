public import Foundation

/// UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits — ids that sort by time.
public enum UUIDv7 {
    /// A lower-case UUIDv7 string for `milliseconds` since 1970, with random bits from `generator`.
    public static func make(milliseconds: UInt64, using generator: inout some RandomNumberGenerator) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
        let random = generator.next() as UInt64
        let more = generator.next() as UInt64
        for index in 6..<16 {
            let source = index < 14 ? random >> (8 * (index - 6)) : more >> (8 * (index - 14))
            bytes[index] = UInt8(truncatingIfNeeded: source)
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x70  // version 7
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // variant 10
        // 8-4-4-4-12 lower-case hex, written into the string's own buffer.
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var position = 0
            for (index, byte) in bytes.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    buffer[position] = UInt8(ascii: "-")
                    position += 1
                }
                buffer[position] = digits[Int(byte >> 4)]
                buffer[position + 1] = digits[Int(byte & 0x0F)]
                position += 2
            }
            return position
        }
    }

    /// The smallest UUIDv7 text minted at `milliseconds`: every id minted earlier sorts below it,
    /// every id minted then or later sorts at or above it (lower-case hex compares like the time).
    public static func lowerBound(milliseconds: UInt64) -> String {
        let time = String(milliseconds & 0xFFFF_FFFF_FFFF, radix: 16)
        let padded = String(repeating: "0", count: 12 - time.count) + time
        return "\(padded.prefix(8))-\(padded.suffix(4))-7000-8000-000000000000"
    }

    /// The bound for "made no later than `instant`" (`--as-of`): ids minted by the end of its
    /// millisecond sort below it, ids minted after sort at or above it.
    public static func bound(madeNoLaterThan instant: Date) -> String {
        lowerBound(milliseconds: UInt64(max(0, instant.millisecondsSince1970)) + 1)
    }

    /// The milliseconds since 1970 at which UUIDv7 `text` was minted, or `nil` when `text` is not a
    /// UUIDv7 (an id a ledger or a fixture named).
    public static func milliseconds(of text: String) -> UInt64? {
        let characters = Array(text.utf8)
        guard characters.count == 36, characters[8] == UInt8(ascii: "-"), characters[14] == UInt8(ascii: "7") else {
            return nil
        }
        return UInt64(String(decoding: characters[0..<8] + characters[9..<13], as: UTF8.self), radix: 16)
    }

    /// Milliseconds since 1970 now.
    public static func nowMilliseconds() -> UInt64 { UInt64(max(0, Date().timeIntervalSince1970 * 1000)) }
}
