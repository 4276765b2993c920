/// A plain-text table for terminals, aligned by display width: a Chinese character takes two
/// columns, so `社工站` lines up with `ABCDEF`.
///
/// ```swift
/// var table = TextTable(columns: [.init("社工站"), .init("人次", alignment: .right)])
/// table.append(["百步镇社会工作站", "2,431"])
/// print(table.render())
/// ```
public struct TextTable: Sendable, Hashable {
    /// A column's heading and alignment.
    public struct Column: Sendable, Hashable {
        /// The heading.
        public var title: String
        /// How cells are aligned.
        public var alignment: Alignment

        /// Creates a column.
        public init(_ title: String, alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    /// Cell alignment.
    public enum Alignment: Sendable, Hashable {
        /// Text, padded on the right.
        case left
        /// Numbers, padded on the left.
        case right
    }

    /// The columns.
    public var columns: [Column]
    /// The rows; `nil` draws a separator line.
    public private(set) var rows: [[String]?] = []

    /// Creates an empty table.
    public init(columns: [Column]) { self.columns = columns }

    /// Adds a row (missing cells are blank, extra cells are dropped).
    public mutating func append(_ cells: [String]) {
        rows.append((0..<columns.count).map { $0 < cells.count ? cells[$0] : "" })
    }

    /// Adds a separator line.
    public mutating func appendSeparator() { rows.append(nil) }

    /// The table as lines of text, without trailing spaces.
    public func render() -> String {
        let header = columns.map(\.title)
        let widths = columns.indices.map { index in
            ([header] + rows.compactMap { $0 }).map { Self.displayWidth(of: $0[index]) }.max() ?? 0
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "──")
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - Self.displayWidth(of: cell))
                return columns[index].alignment == .right ? pad + cell : cell + pad
            }
            return String(padded.joined(separator: "  ").reversed().drop { $0 == " " }.reversed())
        }
        return ([line(header), rule] + rows.map { $0.map(line) ?? rule }).joined(separator: "\n")
    }

    /// Columns `text` takes in a terminal: East Asian wide and full-width characters take two.
    public static func displayWidth(of text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            if scalar.properties.generalCategory == .nonspacingMark || scalar.value == 0x200B { return width }
            return width + (isWide(scalar.value) ? 2 : 1)
        }
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }
}

/// `21,915` — thousands grouped the way Chinese and English reports both print them.
public func groupedDigits(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var grouped = ""
    for (index, digit) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
        grouped.append(digit)
    }
    return (value < 0 ? "-" : "") + grouped
}
