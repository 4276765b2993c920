public import YizhanKernel

/// Why a standard or scheme cannot be checked or scored: a rule names a metric Yizhan does not have,
/// or a metric of the wrong kind.
public struct ComplianceError: Error, Hashable, Sendable, UserFacingError {
    /// The standard's or scheme's id.
    public var file: String
    /// The rule's or indicator's id.
    public var rule: String
    /// What is wrong.
    public var detail: LocalizedText

    /// Creates an error.
    public init(file: String, rule: String, detail: LocalizedText) {
        self.file = file
        self.rule = rule
        self.detail = detail
    }

    public func message(in language: Language) -> String {
        language == .zhHans
            ? "“\(file)”的“\(rule)”:\(detail.zhHans)"
            : "'\(file)', '\(rule)': \(detail.en)"
    }
}
