public import YizhanKernel

/// A report that cannot be made from what the store holds.
public struct ReportError: Error, Hashable, Sendable, UserFacingError {
    /// The message in both languages.
    public var detail: LocalizedText

    /// The county is not registered in the workspace.
    public static func unknownCounty(_ code: DivisionCode) -> ReportError {
        ReportError(
            detail: LocalizedText(
                "工作区中没有区划代码为 \(code) 的县;请检查 yizhan.yaml 的 county,或先运行 yizhan demo",
                en: "the workspace has no county \(code); check county in yizhan.yaml, or run yizhan demo first"
            )
        )
    }

    /// The message in the reader's language.
    public func message(in language: Language) -> String { detail.text(in: language) }
}
