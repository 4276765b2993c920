/// A resident identity card number (居民身份证号码, GB 11643-1999): 6 digits of region, 8 of birth
/// date, 3 of sequence, and a check character computed from the other 17 (ISO 7064 MOD 11-2).
///
/// This is personal data: it is kept sealed, looked up by a keyed digest, and shown masked.
///
/// ```swift
/// let id = try IDNumber("11010519491231002X")
/// id.masked          // "110105********002X"
/// ```
public struct IDNumber: Hashable, Sendable {
    /// The 18 characters, with an upper-case `X`.
    public let rawValue: String

    /// Validates `text` (spaces ignored, `x` read as `X`) against `today` (no birth date after it).
    public init(_ text: String, today: CivilDate? = nil) throws(IDNumberError) {
        let characters = Array(text.filter { !$0.isWhitespace }.uppercased())
        guard characters.count == 18, characters.prefix(17).allSatisfy(\.isASCIIDigit),
            characters[17].isASCIIDigit || characters[17] == "X"
        else { throw IDNumberError(reason: .format) }
        let digits = characters.prefix(17).compactMap { $0.wholeNumberValue }
        guard let province = Int(String(characters[0..<2])), (11...82).contains(province) else {
            throw IDNumberError(reason: .region)
        }
        let year = digits[6] * 1000 + digits[7] * 100 + digits[8] * 10 + digits[9]
        let month = digits[10] * 10 + digits[11]
        let day = digits[12] * 10 + digits[13]
        guard let born = try? CivilDate(year: year, month: month, day: day), year >= 1900,
            today.map({ born <= $0 }) ?? true
        else { throw IDNumberError(reason: .birthDate) }
        guard characters[17] == Self.checkCharacter(of: digits) else { throw IDNumberError(reason: .checksum) }
        rawValue = String(characters)
    }

    /// The check character for the first 17 digits.
    static func checkCharacter(of digits: [Int]) -> Character {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return Array("10X98765432")[sum % 11]
    }

    /// The first six and the last four characters, the rest hidden: `330424********1234`.
    public var masked: String {
        String(rawValue.prefix(6)) + String(repeating: "*", count: 8) + String(rawValue.suffix(4))
    }

    /// The holder's date of birth.
    public var birthDate: CivilDate? {
        let digits = Array(rawValue).compactMap(\.wholeNumberValue)
        guard digits.count >= 14 else { return nil }
        return try? CivilDate(
            year: digits[6] * 1000 + digits[7] * 100 + digits[8] * 10 + digits[9],
            month: digits[10] * 10 + digits[11],
            day: digits[12] * 10 + digits[13]
        )
    }
}

/// Text that is not a valid resident identity card number. The message never repeats the number.
public struct IDNumberError: Error, Hashable, Sendable, UserFacingError {
    enum Reason: Hashable, Sendable { case format, region, birthDate, checksum }
    let reason: Reason

    /// The message in the reader's language.
    public func message(in language: Language) -> String {
        switch (reason, language) {
        case (.format, .zhHans): "身份证号应为 18 位:17 位数字加 1 位数字或 X"
        case (.format, .en): "an ID number has 18 characters: 17 digits and a digit or X"
        case (.region, .zhHans): "身份证号的前两位不是省级行政区划代码"
        case (.region, .en): "the ID number does not start with a province code"
        case (.birthDate, .zhHans): "身份证号中的出生日期(第 7–14 位)不存在或不合理"
        case (.birthDate, .en): "the date of birth in the ID number (characters 7–14) is impossible"
        case (.checksum, .zhHans): "身份证号校验位不符(GB 11643),请核对是否抄错"
        case (.checksum, .en): "the ID number's check character is wrong (GB 11643); check for a typo"
        }
    }
}
