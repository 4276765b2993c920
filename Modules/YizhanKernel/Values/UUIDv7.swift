import Foundation

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
        let hex = bytes.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(
            separator: "-"
        )
    }

    /// The smallest UUIDv7 text minted at `milliseconds`: every id minted earlier sorts below it,
    /// every id minted then or later sorts at or above it (lower-case hex compares like the time).
    public static func lowerBound(milliseconds: UInt64) -> String {
        let time = String(milliseconds & 0xFFFF_FFFF_FFFF, radix: 16)
        let padded = String(repeating: "0", count: 12 - time.count) + time
        return "\(padded.prefix(8))-\(padded.suffix(4))-7000-8000-000000000000"
    }

    /// Milliseconds since 1970 now.
    public static func nowMilliseconds() -> UInt64 { UInt64(max(0, Date().timeIntervalSince1970 * 1000)) }
}
