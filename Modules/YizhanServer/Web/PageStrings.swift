public import Foundation
public import YizhanKernel

/// The words of the pages in both languages, from `Resources/Strings/pages.json` (`key: [zh-Hans,
/// en]`): templates write `{{t.key}}`, so that a page is one template whichever language it is read in.
public struct PageStrings: Sendable {
    private let chinese: [String: String]
    private let english: [String: String]

    /// The strings in `data`.
    ///
    /// - Throws: `WebPagesError.unparsable` when an entry is not a pair of non-empty strings.
    public init(json data: Data) throws {
        guard let table = try? JSONDecoder().decode([String: [String]].self, from: data) else {
            throw WebPagesError.unparsable("Strings/pages.json")
        }
        var chinese: [String: String] = [:]
        var english: [String: String] = [:]
        for (key, pair) in table {
            guard pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty else {
                throw WebPagesError.unparsable("Strings/pages.json: \(key)")
            }
            chinese[key] = pair[0]
            english[key] = pair[1]
        }
        self.chinese = chinese
        self.english = english
    }

    /// Every string in `language`, by key.
    public func table(_ language: Language) -> [String: String] {
        language == .en ? english : chinese
    }

    /// The string `key` in `language`, or the key itself where it is missing (the tests rule it out).
    public func text(_ key: String, _ language: Language) -> String {
        table(language)[key] ?? key
    }

    /// The keys every template may use.
    public var keys: Set<String> { Set(chinese.keys) }
}
