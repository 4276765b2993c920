/// An amount of money in fen (分, 1/100 yuan), exact: money is never a floating-point number.
///
/// ```swift
/// let total = try Fen(parsing: "21116.28")   // 2,111,628 fen
/// total.description                          // "¥21,116.28"
/// ```
public struct Fen: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The amount in fen.
    public var value: Int64

    /// Creates an amount of `value` fen.
    public init(_ value: Int64) { self.value = value }

    /// Zero fen.
    public static let zero = Fen(0)

    /// Parses yuan as people write them: `21116.28`, `21,116.28`, `¥21116.28`, `-3.5`, `100元`.
    ///
    /// At most two decimals are accepted; the amount is converted digit by digit, never through `Double`.
    public init(parsing text: String) throws(FenError) {
        var body = Substring(text.trimmingWhitespace())
        var negative = false
        if body.first == "-" {
            negative = true
            body = body.dropFirst()
        }
        if body.first == "¥" || body.first == "￥" { body = body.dropFirst() }
        if body.last == "元" { body = body.dropLast() }
        let cleaned = body.filter { $0 != "," && $0 != "," }
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].allSatisfy(\.isASCIIDigit),
            parts.count == 1 || (1...2).contains(parts[1].count) && parts[1].allSatisfy(\.isASCIIDigit),
            let yuan = Int64(parts[0])
        else { throw FenError(found: text) }
        var cents: Int64 = 0
        if parts.count == 2, let fraction = Int64(parts[1]) {
            cents = parts[1].count == 1 ? fraction * 10 : fraction
        }
        let (scaled, overflow) = yuan.multipliedReportingOverflow(by: 100)
        guard !overflow else { throw FenError(found: text) }
        value = (scaled + cents) * (negative ? -1 : 1)
    }

    /// `¥21,116.28` (with a leading minus for negative amounts).
    public var description: String {
        let magnitude = value.magnitude
        let yuan = String(magnitude / 100)
        let cents = magnitude % 100
        var grouped = ""
        for (index, digit) in yuan.enumerated() {
            if index > 0 && (yuan.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return "\(value < 0 ? "-" : "")¥\(grouped).\(cents < 10 ? "0" : "")\(cents)"
    }

    public static func < (lhs: Fen, rhs: Fen) -> Bool { lhs.value < rhs.value }

    /// The sum, or `nil` when it would overflow.
    public func adding(_ other: Fen) -> Fen? {
        let (sum, overflow) = value.addingReportingOverflow(other.value)
        return overflow ? nil : Fen(sum)
    }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// Text that is not an amount of yuan with at most two decimals.
public struct FenError: Error, Hashable, Sendable, UserFacingError {
    /// What was given.
    public let found: String

    /// The message in the reader's language.
    public func message(in language: Language) -> String {
        switch language {
        case .zhHans: "金额“\(found)”无法识别:应为元,最多两位小数,例如 21116.28"
        case .en: "amount '\(found)' is not yuan with at most two decimals, e.g. 21116.28"
        }
    }
}

extension Character {
    /// Whether the character is one of the ASCII digits 0–9.
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    /// The text without leading and trailing white space (Foundation-free).
    func trimmingWhitespace() -> String {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return String(self[start..<Swift.max(start, end)])
    }
}
