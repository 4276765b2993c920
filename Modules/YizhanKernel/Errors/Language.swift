/// The language of what Yizhan says to people: Simplified Chinese first, English on request.
public enum Language: String, CaseIterable, Sendable, Codable {
    /// 简体中文 — the default.
    case zhHans = "zh"
    /// English (`--lang en`).
    case en
}

/// An error whose message is written for the people who use Yizhan, in their language.
///
/// A message says where and why, and how to fix it; it never contains a secret or a person's data.
public protocol UserFacingError: Error {
    /// The message in `language`.
    func message(in language: Language) -> String
}

/// A short text in both of Yizhan's languages.
public struct LocalizedText: Hashable, Sendable, Codable {
    /// The Simplified Chinese text.
    public var zhHans: String
    /// The English text.
    public var en: String

    /// Creates a text from its two translations.
    public init(_ zhHans: String, en: String) {
        self.zhHans = zhHans
        self.en = en
    }

    /// The text in `language`.
    public func text(in language: Language) -> String { language == .zhHans ? zhHans : en }
}
