/// One field of a request that was refused: which field, what was found, what was expected.
public struct InputIssue: Hashable, Sendable, Codable {
    /// What kind of problem it is.
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The field is required but missing.
        public static let missing = Code(rawValue: "missing")
        /// The value is not written the way the field needs.
        public static let invalidFormat = Code(rawValue: "invalidFormat")
        /// The value is outside the allowed range.
        public static let outOfRange = Code(rawValue: "outOfRange")
        /// The value names something that does not exist (or not here).
        public static let unknownReference = Code(rawValue: "unknownReference")
        /// The value contradicts another field.
        public static let conflict = Code(rawValue: "conflict")
        public var description: String { rawValue }
    }

    /// What kind of problem it is.
    public var code: Code
    /// The field, as the command line and ledgers name it (`date`, `station` …).
    public var field: String
    /// The value given (empty when missing).
    public var found: String
    /// What the field expects.
    public var expected: LocalizedText

    /// Creates an issue.
    public init(code: Code, field: String, found: String, expected: LocalizedText) {
        self.code = code
        self.field = field
        self.found = found
        self.expected = expected
    }

    /// `date: found "2021-02-30", expected …`, in the reader's language.
    public func message(in language: Language) -> String {
        let shown = found.isEmpty ? (language == .zhHans ? "(空)" : "(empty)") : "“\(found)”"
        return switch language {
        case .zhHans: "\(field):收到 \(shown),应为 \(expected.zhHans)"
        case .en: "\(field): found \(shown), expected \(expected.en)"
        }
    }
}

/// A request refused because of one or more fields; nothing was written.
public struct InputError: Error, Hashable, Sendable, UserFacingError {
    /// Every problem found, in field order.
    public var issues: [InputIssue]

    /// Creates the error from its issues.
    public init(issues: [InputIssue]) { self.issues = issues }

    /// All issues, one a line, after a line that says nothing was written.
    public func message(in language: Language) -> String {
        let head = language == .zhHans ? "输入有误,未写入任何数据:" : "invalid input, nothing was written:"
        return ([head] + issues.map { "  - " + $0.message(in: language) }).joined(separator: "\n")
    }
}
