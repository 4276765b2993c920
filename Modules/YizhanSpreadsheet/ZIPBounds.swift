import Foundation

/// Checks that every offset and size a ZIP archive's directory gives stays inside the archive,
/// before ZIPFoundation reads it: its in-memory reader traps on a read past the end
/// (`Archive+MemoryFile.swift`, `readData`), so a damaged or crafted .xlsx would crash the process
/// instead of being refused (found by `LedgerFuzzTests`). ZIP64 archives are refused: a ledger
/// never needs 4 GB.
enum ZIPBounds {
    /// - Throws: `XLSXReadError` naming what is out of bounds.
    static func check(_ data: Data) throws(XLSXReadError) {
        let bytes = [UInt8](data)
        let count = bytes.count
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func signature(_ at: Int, _ value: Int) -> Bool { at >= 0 && at + 4 <= count && u32(at) == value }
        func refuse(_ reason: String) -> XLSXReadError {
            XLSXReadError(part: "", reason: "a damaged ZIP archive: \(reason)")
        }
        // The end of the central directory, found as ZIPFoundation finds it: the last signature.
        guard count >= 22, var end = Optional(count - 22) else { throw refuse("too short") }
        while end >= 0, !signature(end, 0x0605_4B50) { end -= 1 }
        guard end >= 0 else { throw refuse("no end of the central directory") }
        if signature(end - 20, 0x0706_4B50) { throw refuse("a ZIP64 archive") }
        let entries = u16(end + 10)
        let directorySize = u32(end + 12)
        let directory = u32(end + 16)
        guard entries != 0xFFFF, directory + directorySize <= end else {
            throw refuse("the central directory lies outside the archive")
        }
        var position = directory
        for _ in 0..<entries {
            guard position + 46 <= directory + directorySize, signature(position, 0x0201_4B50) else {
                throw refuse("an entry of the central directory is cut off")
            }
            let flags = u16(position + 8)
            let compressed = u32(position + 20)
            let uncompressed = u32(position + 24)
            let length = 46 + u16(position + 28) + u16(position + 30) + u16(position + 32)
            let local = u32(position + 42)
            guard position + length <= directory + directorySize,
                compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF,
                local + 30 <= directory, signature(local, 0x0403_4B50)
            else { throw refuse("an entry points outside the archive") }
            let descriptor = flags & 0x08 != 0 ? 16 : 0
            guard local + 30 + u16(local + 26) + u16(local + 28) + compressed + descriptor <= directory else {
                throw refuse("an entry's data runs past the central directory")
            }
            position += length
        }
    }
}
