/// A refusal as JSON: the message in both languages and, for refused input, each field's issue.
/// The command line prints it on standard error with `--json`; the server answers with it.
public struct ErrorDocument: Encodable, Sendable {
    /// The message, and the issues of refused input.
    public struct Body: Encodable, Sendable {
        /// The message in Simplified Chinese.
        public var message: String
        /// The message in English.
        public var messageEn: String
        /// One entry per refused field, for an `InputError`.
        public var issues: [Issue]?
    }

    /// One refused field: which, what was received and what is expected.
    public struct Issue: Encodable, Sendable {
        /// The field, as the request named it (`date`, `workers[1]`).
        public var field: String
        /// What kind of problem: `missing`, `invalidFormat`, `outOfRange`, `unknownReference`, `conflict`.
        public var code: String
        /// What was received (never a password: for one, only its length).
        public var found: String
        /// What is expected, in Simplified Chinese.
        public var expected: String
        /// What is expected, in English.
        public var expectedEn: String
    }

    /// The error.
    public var error: Body

    /// The document of `error`.
    public init(_ error: any UserFacingError) {
        let issues = (error as? InputError)?.issues.map { issue in
            Issue(
                field: issue.field,
                code: issue.code.rawValue,
                found: issue.found,
                expected: issue.expected.text(in: .zhHans),
                expectedEn: issue.expected.text(in: .en)
            )
        }
        self.error = Body(message: error.message(in: .zhHans), messageEn: error.message(in: .en), issues: issues)
    }

    /// A document with only a message (the server's 401, 413 and 500 answers).
    public init(_ message: LocalizedText) {
        self.error = Body(message: message.zhHans, messageEn: message.en, issues: nil)
    }
}
