public import YizhanKernel

/// A configuration file that could not be used: where (file:line:column), what was found, what was expected.
public struct ConfigError: Error, Hashable, Sendable, UserFacingError, CustomStringConvertible {
    /// What kind of problem it is.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The file could not be read.
        public static let unreadable = Code(rawValue: "unreadable")
        /// The file is not UTF-8 text.
        public static let notUTF8 = Code(rawValue: "notUTF8")
        /// The YAML itself is malformed (indentation, tabs, quotes …).
        public static let syntax = Code(rawValue: "syntax")
        /// A required key is missing.
        public static let missingKey = Code(rawValue: "missingKey")
        /// A value has the wrong type or is not valid for its key.
        public static let invalidValue = Code(rawValue: "invalidValue")
        /// Values contradict each other or another file.
        public static let inconsistent = Code(rawValue: "inconsistent")
        /// A key the file kind does not have.
        public static let unknownKey = Code(rawValue: "unknownKey")
        /// A key written twice in one mapping.
        public static let duplicateKey = Code(rawValue: "duplicateKey")
        /// A file that `extends:` a missing template, or a chain of `extends:` that loops.
        public static let badExtends = Code(rawValue: "badExtends")
        /// A template's requirement that a station does not meet (a slot count, a required indicator).
        public static let requirement = Code(rawValue: "requirement")
        public var description: String { rawValue }
    }

    /// What kind of problem it is.
    public var code: Code
    /// The file's path as given.
    public var file: String
    /// The line, from 1, when known.
    public var line: Int?
    /// The column, from 1, when known.
    public var column: Int?
    /// The key path within the file, e.g. `workers[2].role`.
    public var keyPath: String
    /// What is wrong and what was expected.
    public var detail: LocalizedText

    /// Creates an error.
    public init(
        code: Code,
        file: String,
        line: Int? = nil,
        column: Int? = nil,
        keyPath: String = "",
        detail: LocalizedText
    ) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.detail = detail
    }

    /// `file:line:column`.
    public var location: String {
        [file, line.map(String.init), column.map(String.init)].compactMap { $0 }.joined(separator: ":")
    }

    /// `config/stations/x.yaml:12:7: workers[2].role: …`, in the reader's language.
    public func message(in language: Language) -> String {
        let path = keyPath.isEmpty ? "" : "\(keyPath): "
        return "\(location): \(path)\(detail.text(in: language))"
    }

    public var description: String { message(in: .en) }
}

/// Every problem found in one or more configuration files; nothing was applied.
public struct ConfigErrors: Error, Hashable, Sendable, UserFacingError {
    /// The problems, by file, line and column.
    public var problems: [ConfigError]

    /// Creates the error from its problems.
    public init(_ problems: [ConfigError]) {
        self.problems = problems.sorted {
            ($0.file, $0.line ?? 0, $0.column ?? 0) < ($1.file, $1.line ?? 0, $1.column ?? 0)
        }
    }

    /// One problem a line, then a count.
    public func message(in language: Language) -> String {
        let lines = problems.map { $0.message(in: language) }
        let count = language == .zhHans ? "共 \(problems.count) 个问题" : "\(problems.count) problem(s)"
        return (lines + [count]).joined(separator: "\n")
    }
}
