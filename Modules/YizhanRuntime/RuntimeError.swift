public import YizhanKernel

/// A workspace that cannot be opened or created, with where and how to fix it.
public struct RuntimeError: Error, Hashable, Sendable, UserFacingError {
    /// What kind of problem it is.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// No `yizhan.yaml` where a workspace was expected.
        public static let noWorkspace = Code(rawValue: "noWorkspace")
        /// The folder already holds something that must not be overwritten.
        public static let occupied = Code(rawValue: "occupied")
        /// The database URL names a backend this build does not have.
        public static let unsupportedDatabase = Code(rawValue: "unsupportedDatabase")
        /// A file could not be written.
        public static let writeFailed = Code(rawValue: "writeFailed")
        /// The station (or other record) named on the command line is not registered.
        public static let notFound = Code(rawValue: "notFound")
        /// A copied store does not match its source.
        public static let copyMismatch = Code(rawValue: "copyMismatch")
        /// The personal-data key is not the one the workspace's data is sealed with.
        public static let wrongDataKey = Code(rawValue: "wrongDataKey")
        /// The personal-data key comes from the environment, where a rotation cannot replace it.
        public static let notAKeyFile = Code(rawValue: "notAKeyFile")
        /// A backup file that is not one, or is damaged, truncated or altered.
        public static let badBackup = Code(rawValue: "badBackup")
        /// A backup from a newer Yizhan than this one.
        public static let backupTooNew = Code(rawValue: "backupTooNew")
        /// A tool Yizhan runs (`pg_dump`, `pg_restore`) is missing or failed.
        public static let toolFailed = Code(rawValue: "toolFailed")
        public var description: String { rawValue }
    }

    /// What kind of problem it is.
    public var code: Code
    /// The message in both languages.
    public var detail: LocalizedText

    /// Creates an error.
    public init(code: Code, detail: LocalizedText) {
        self.code = code
        self.detail = detail
    }

    /// The message in the reader's language.
    public func message(in language: Language) -> String { detail.text(in: language) }
}
