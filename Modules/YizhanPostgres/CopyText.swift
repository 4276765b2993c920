import NIOCore

/// Rows in PostgreSQL's COPY text format (sql-copy.html, "Text Format"): fields separated by tabs,
/// rows ended by newlines, `\N` for NULL, and backslash, tab, newline and carriage return escaped,
/// so that any text a row holds arrives as it was.
struct CopyText {
    private(set) var buffer: ByteBuffer
    private var fieldsInRow = 0

    init(capacity: Int = 1 << 16) { buffer = ByteBufferAllocator().buffer(capacity: capacity) }

    /// A text field, or NULL.
    mutating func text(_ value: String?) {
        separate()
        guard let value else {
            buffer.writeStaticString("\\N")
            return
        }
        var text = value
        text.withUTF8 { bytes in write(escaping: bytes) }
    }

    private mutating func write(escaping bytes: UnsafeBufferPointer<UInt8>) {
        // Most values (ids, codes, dates) need no escape and are copied whole.
        guard bytes.contains(where: Self.needsEscape) else {
            buffer.writeBytes(bytes)
            return
        }
        for byte in bytes {
            switch byte {
            case 0x5C: buffer.writeStaticString("\\\\")
            case 0x09: buffer.writeStaticString("\\t")
            case 0x0A: buffer.writeStaticString("\\n")
            case 0x0D: buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 0x5C || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// An integer field, or NULL.
    mutating func integer(_ value: (some BinaryInteger)?) {
        separate()
        guard let value else {
            buffer.writeStaticString("\\N")
            return
        }
        buffer.writeString(String(value))
    }

    /// A boolean field.
    mutating func boolean(_ value: Bool) {
        separate()
        buffer.writeStaticString(value ? "t" : "f")
    }

    /// Ends the row.
    mutating func endRow() {
        buffer.writeInteger(UInt8(0x0A))
        fieldsInRow = 0
    }

    private mutating func separate() {
        if fieldsInRow > 0 { buffer.writeInteger(UInt8(0x09)) }
        fieldsInRow += 1
    }
}
