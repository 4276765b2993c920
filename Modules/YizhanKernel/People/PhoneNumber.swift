/// A phone number in mainland China: a mobile (11 digits, `1[3-9]…`) or a landline with its area
/// code (`0573-86123456`). Personal data: kept sealed and shown masked.
public struct PhoneNumber: Hashable, Sendable {
    /// The digits, with a `-` after a landline's area code.
    public let rawValue: String

    /// Validates `text`; spaces and a `+86` prefix are ignored.
    public init(_ text: String) throws(PhoneNumberError) {
        var compact = text.filter { !$0.isWhitespace }
        if compact.hasPrefix("+86") { compact.removeFirst(3) }
        let digits = compact.filter { $0 != "-" }
        guard digits.allSatisfy(\.isASCIIDigit) else { throw PhoneNumberError() }
        if digits.count == 11, digits.hasPrefix("1"), let second = digits.dropFirst().first, "3456789".contains(second)
        {
            rawValue = digits
        } else if digits.hasPrefix("0"), (10...12).contains(digits.count) {
            let areaLength =
                compact.firstIndex(of: "-").map { compact.distance(from: compact.startIndex, to: $0) }
                ?? (["010", "020", "021", "022", "023", "024", "025", "027", "028", "029"].contains(
                    String(digits.prefix(3))
                ) ? 3 : 4)
            guard (3...4).contains(areaLength) else { throw PhoneNumberError() }
            rawValue = String(digits.prefix(areaLength)) + "-" + String(digits.dropFirst(areaLength))
        } else {
            throw PhoneNumberError()
        }
    }

    /// `138****1234`, or `0573-****6123` for a landline.
    public var masked: String {
        guard let dash = rawValue.firstIndex(of: "-") else {
            return String(rawValue.prefix(3)) + "****" + String(rawValue.suffix(4))
        }
        let local = rawValue[rawValue.index(after: dash)...]
        return String(rawValue[...dash]) + String(repeating: "*", count: max(0, local.count - 4))
            + String(local.suffix(4))
    }
}

/// Text that is not a mainland phone number.
public struct PhoneNumberError: Error, Hashable, Sendable, UserFacingError {
    /// The message in the reader's language.
    public func message(in language: Language) -> String {
        switch language {
        case .zhHans: "电话号码应为 11 位手机号(1 开头)或带区号的固定电话,如 0573-86123456"
        case .en:
            "a phone number is an 11-digit mobile (starting with 1) or a landline with its area code, e.g. 0573-86123456"
        }
    }
}
