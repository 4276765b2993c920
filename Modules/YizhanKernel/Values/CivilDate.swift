public import Foundation

/// A calendar day in Asia/Shanghai — the date a service happened, with no time and no zone.
///
/// China has kept UTC+8 without daylight saving since 1991, so the civil date of an instant is
/// computed from a fixed offset; dates before 1991 are accepted as plain calendar days.
///
/// ```swift
/// let day = try CivilDate(year: 2021, month: 11, day: 5)
/// day.description            // "2021-11-05"
/// try CivilDate(parsing: "2021-02-30")  // throws: 2021 年 2 月只有 28 天
/// ```
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, 1000 through 9999.
    public let year: Int
    /// The month, 1 through 12.
    public let month: Int
    /// The day of the month, 1 through the month's length.
    public let day: Int

    /// Creates a date, refusing days that do not exist (2021-02-30, 2021-13-01).
    public init(year: Int, month: Int, day: Int) throws(CivilDateError) {
        guard (1000...9999).contains(year) else { throw CivilDateError(year: year, month: month, day: day) }
        guard (1...12).contains(month) else { throw CivilDateError(year: year, month: month, day: day) }
        guard (1...Self.daysIn(month: month, year: year)).contains(day) else {
            throw CivilDateError(year: year, month: month, day: day)
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses the ISO form `YYYY-MM-DD`; other ledger spellings are the importer's business.
    public init(parsing text: String) throws(CivilDateError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { throw CivilDateError(text: text) }
        do {
            try self.init(year: year, month: month, day: day)
        } catch {
            throw error.as(text)
        }
    }

    /// Parses a date as stations write it in their Excel ledgers (issue 6): `2021-11-05`,
    /// `2021/11/5`, `2021年11月5日` or `2021.11.05`, month and day with or without a leading zero,
    /// spaces (also the full-width space) around it ignored.
    ///
    /// - Throws: `CivilDateError` naming the text and the accepted spellings, or why the date does not exist.
    public init(ledgerText text: String) throws(CivilDateError) {
        // `2021-11-05`, the spelling of most rows, is read byte by byte (a ledger import reads millions).
        let bytes = text.utf8
        if bytes.count == 10,
            bytes.enumerated().allSatisfy({ index, byte in
                index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (48...57).contains(byte)
            })
        {
            let value = { (range: Range<Int>) in
                bytes.dropFirst(range.lowerBound).prefix(range.count).reduce(0) { $0 * 10 + Int($1 - 48) }
            }
            do {
                try self.init(year: value(0..<4), month: value(5..<7), day: value(8..<10))
            } catch {
                throw error.as(text)
            }
            return
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\u{3000}")))
        var body = Substring(trimmed)
        var separators: Set<Character> = ["-", "/", "."]
        if body.hasSuffix("日"), body.contains("年"), body.contains("月") {
            body = body.dropLast()
            separators = ["年", "月"]
        }
        let parts = body.split(omittingEmptySubsequences: false) { separators.contains($0) }
        let separatorsUsed = Set(body.filter { separators.contains($0) })
        guard parts.count == 3, separatorsUsed.count == (separators.count == 2 ? 2 : 1),
            parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { throw CivilDateError(ledgerText: text) }
        do {
            try self.init(year: year, month: month, day: day)
        } catch {
            throw error.as(text)
        }
    }

    /// The day with the given number of days since 1970-01-01 (negative before it).
    public init(daysSinceEpoch days: Int) {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = day
    }

    /// The civil date in Asia/Shanghai (UTC+8) of an instant given as seconds since 1970 UTC.
    public init(shanghaiDayOf secondsSince1970: Double) {
        let local = secondsSince1970 + 8 * 3600
        self.init(daysSinceEpoch: Int((local / 86_400).rounded(.down)))
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * mp + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The instant this day begins in Asia/Shanghai (00:00, UTC+8).
    public var startInShanghai: Date { Date(timeIntervalSince1970: Double(daysSinceEpoch * 86_400 - 8 * 3_600)) }

    /// The day `days` later (earlier when negative).
    public func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// Whole years from this day to `later`: the age on `later` of someone born on this day.
    public func years(until later: CivilDate) -> Int {
        later.year - year - ((later.month, later.day) < (month, day) ? 1 : 0)
    }

    /// `YYYY-MM` — the key reports group months by.
    public var monthKey: String { String(description.prefix(7)) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    /// The number of days in `month` of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension CivilDate: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message(in: .en))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A date that does not exist or is not written `YYYY-MM-DD`.
public struct CivilDateError: Error, Hashable, Sendable, UserFacingError {
    /// What was given, as written.
    public private(set) var found: String
    /// Why it was refused, when the parts were readable.
    private let reason: Reason

    private enum Reason: Hashable {
        case format, ledgerFormat, year, month
        case day(Int)
    }

    init(text: String) {
        found = text
        reason = .format
    }

    init(ledgerText text: String) {
        found = text
        reason = .ledgerFormat
    }

    init(year: Int, month: Int, day: Int) {
        found = "\(year)-\(month)-\(day)"
        if !(1000...9999).contains(year) {
            reason = .year
        } else if !(1...12).contains(month) {
            reason = .month
        } else {
            reason = .day(CivilDate.daysIn(month: month, year: year))
        }
    }

    /// The same error, naming the text as the user wrote it.
    func `as`(_ text: String) -> CivilDateError {
        var copy = self
        copy.found = text
        return copy
    }

    /// What a valid date looks like, with the reason this one is not, in the reader's language.
    public func expectation(in language: Language) -> String {
        if reason == .ledgerFormat {
            return language == .zhHans
                ? "写作 2021-11-05、2021/11/5、2021年11月5日 或 2021.11.05 的真实日期"
                : "a real date written 2021-11-05, 2021/11/5, 2021年11月5日 or 2021.11.05"
        }
        return switch language {
        case .zhHans: "写作 YYYY-MM-DD 的真实日期(\(message(in: language)))"
        case .en: "a real date written YYYY-MM-DD (\(message(in: language)))"
        }
    }

    /// The message in the reader's language.
    public func message(in language: Language) -> String {
        switch (reason, language) {
        case (.format, .zhHans): "日期“\(found)”格式不对,应写作 YYYY-MM-DD,例如 2021-11-05"
        case (.format, .en): "date '\(found)' is not written YYYY-MM-DD, e.g. 2021-11-05"
        case (.ledgerFormat, .zhHans): "日期“\(found)”无法识别,可写作 2021-11-05、2021/11/5、2021年11月5日 或 2021.11.05"
        case (.ledgerFormat, .en):
            "date '\(found)' is not recognised; write 2021-11-05, 2021/11/5, 2021年11月5日 or 2021.11.05"
        case (.year, .zhHans): "日期“\(found)”的年份应在 1000–9999 之间"
        case (.year, .en): "date '\(found)' has a year outside 1000–9999"
        case (.month, .zhHans): "日期“\(found)”的月份应在 1–12 之间"
        case (.month, .en): "date '\(found)' has a month outside 1–12"
        case (.day(let days), .zhHans): "日期“\(found)”不存在:该月只有 \(days) 天"
        case (.day(let days), .en): "date '\(found)' does not exist: that month has \(days) days"
        }
    }
}
