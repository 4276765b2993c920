/// A 12-digit statistical division code (统计用区划代码); its first 6 digits are the GB/T 2260 code.
///
/// The digits are five segments: province (2), city (2), county (2), township (3), village (3).
/// A code's level is its deepest non-zero segment, and no segment may be non-zero below a zero one.
///
/// ```swift
/// let haiyan = try DivisionCode("330424")        // a 6-digit county code is padded: 330424000000
/// haiyan.level                                   // .county
/// try DivisionCode("330424102000").parent        // 330424000000
/// ```
public struct DivisionCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 12 digits.
    public let rawValue: String

    /// Parses a code of 2, 4, 6, 9 or 12 digits; shorter codes are padded with zeros to 12.
    public init(_ text: String) throws(DivisionCodeError) {
        let digits = text.trimmingWhitespace()
        guard [2, 4, 6, 9, 12].contains(digits.count), digits.allSatisfy(\.isASCIIDigit) else {
            throw DivisionCodeError(found: text, reason: .format)
        }
        let padded = digits + String(repeating: "0", count: 12 - digits.count)
        guard let province = Int(padded.prefix(2)), Self.provinces.contains(province) else {
            throw DivisionCodeError(found: text, reason: .province)
        }
        let segments = Self.segments(of: padded)
        if let firstZero = segments.firstIndex(of: 0), segments[firstZero...].contains(where: { $0 != 0 }) {
            throw DivisionCodeError(found: text, reason: .hierarchy)
        }
        rawValue = padded
    }

    /// The level of the unit this code names.
    public var level: OrgLevel {
        let segments = Self.segments(of: rawValue)
        let depth = segments.lastIndex { $0 != 0 } ?? 0
        return OrgLevel.allCases[depth]
    }

    /// The code of the unit one level up, or `nil` for a province.
    public var parent: DivisionCode? {
        let levels = OrgLevel.allCases
        guard let index = levels.firstIndex(of: level), index > 0 else { return nil }
        return ancestor(at: levels[index - 1])
    }

    /// The code of the enclosing unit at `level`, or `nil` when `level` is below this code's own.
    public func ancestor(at level: OrgLevel) -> DivisionCode? {
        guard level <= self.level else { return nil }
        let kept = rawValue.prefix(level.digitCount)
        return DivisionCode(uncheckedRawValue: kept + String(repeating: "0", count: 12 - kept.count))
    }

    /// Whether `other` is this unit or lies within it.
    public func contains(_ other: DivisionCode) -> Bool {
        other.rawValue.hasPrefix(significantPrefix)
    }

    /// The digits that every code within this unit starts with (`330424` for a county).
    public var significantPrefix: Substring { rawValue.prefix(level.digitCount) }

    /// The first and last possible codes within this unit, for range scans over sorted codes.
    public var descendantRange: ClosedRange<String> {
        let prefix = significantPrefix
        let pad = 12 - prefix.count
        return (prefix + String(repeating: "0", count: pad))...(prefix + String(repeating: "9", count: pad))
    }

    /// The 12 digits.
    public var description: String { rawValue }

    public static func < (lhs: DivisionCode, rhs: DivisionCode) -> Bool { lhs.rawValue < rhs.rawValue }

    init(uncheckedRawValue rawValue: String) { self.rawValue = rawValue }

    /// The five segments' values, read straight from the 12 ASCII digits (this runs for every
    /// record a ledger import checks, so it makes no intermediate strings).
    private static func segments(of digits: String) -> [Int] {
        var values = [0, 0, 0, 0, 0]
        var segment = 0
        var count = 0
        for byte in digits.utf8 {
            values[segment] = values[segment] * 10 + Int(byte &- 48)
            count += 1
            if segment < 4, count == [2, 4, 6, 9][segment] { segment += 1 }
        }
        return values
    }

    /// The province-level codes of GB/T 2260 (including Taiwan, Hong Kong and Macao).
    private static let provinces: Set<Int> = [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
        50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
    ]
}

extension DivisionCode: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message(in: .en))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The levels of China's administrative divisions, top down.
public enum OrgLevel: String, CaseIterable, Comparable, Sendable, Codable {
    /// 省 (province, autonomous region, municipality).
    case province
    /// 市 (prefecture-level city).
    case city
    /// 县 (county, county-level city, district).
    case county
    /// 乡镇(街道) (township, town or street).
    case township
    /// 村(社区) (village or urban community).
    case village

    /// How many leading digits of a code identify a unit of this level.
    public var digitCount: Int {
        switch self {
        case .province: 2
        case .city: 4
        case .county: 6
        case .township: 9
        case .village: 12
        }
    }

    /// The level's name in the reader's language.
    public func name(in language: Language) -> String {
        switch (self, language) {
        case (.province, .zhHans): "省"
        case (.city, .zhHans): "市"
        case (.county, .zhHans): "县"
        case (.township, .zhHans): "乡镇(街道)"
        case (.village, .zhHans): "村(社区)"
        case (_, .en): rawValue
        }
    }

    public static func < (lhs: OrgLevel, rhs: OrgLevel) -> Bool { lhs.digitCount < rhs.digitCount }
}

/// Text that is not a valid statistical division code.
public struct DivisionCodeError: Error, Hashable, Sendable, UserFacingError {
    /// What was given.
    public let found: String
    let reason: Reason

    enum Reason: Hashable, Sendable { case format, province, hierarchy }

    /// The message in the reader's language.
    public func message(in language: Language) -> String {
        switch (reason, language) {
        case (.format, .zhHans): "区划代码“\(found)”应为 6、9 或 12 位数字,例如 330424 或 330424102000"
        case (.format, .en): "division code '\(found)' should be 6, 9 or 12 digits, e.g. 330424 or 330424102000"
        case (.province, .zhHans): "区划代码“\(found)”的前两位不是省级代码(GB/T 2260)"
        case (.province, .en): "division code '\(found)' does not start with a province code (GB/T 2260)"
        case (.hierarchy, .zhHans): "区划代码“\(found)”在零段之后又出现非零段,层级不成立"
        case (.hierarchy, .en): "division code '\(found)' has a non-zero segment below a zero one"
        }
    }
}
