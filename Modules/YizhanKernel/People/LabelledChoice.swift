/// A fixed list a person picks from by its code or its Chinese name (查看目的, 删除理由): fixed, not
/// free text, so that an audit trail says why without words that may themselves name people.
public protocol LabelledChoice: CaseIterable, RawRepresentable, Sendable where RawValue == String {
    /// The choice's name in `language`.
    func label(in language: Language) -> String
}

extension LabelledChoice {
    /// The choice whose code or Chinese name (`submission`, `报送上级`) is `text`.
    public static func matching(_ text: String) -> Self? {
        let trimmed = text.trimmingWhitespace()
        return allCases.first { $0.rawValue == trimmed || $0.label(in: .zhHans) == trimmed }
    }

    /// The choice `text` names, or an `InputError` on `field` listing every choice as `list`
    /// (`查看目的` / `purposes`) calls them.
    static func parsing(_ text: String?, field: String, list: LocalizedText) throws -> Self {
        if let text, let choice = matching(text) { return choice }
        let zh = allCases.map { "\($0.label(in: .zhHans))(\($0.rawValue))" }.joined(separator: "、")
        let en = allCases.map(\.rawValue).joined(separator: ", ")
        throw InputError.single(
            text == nil ? .missing : .invalidFormat,
            field,
            text ?? "",
            "\(list.zhHans)之一:\(zh)",
            "one of the \(list.en): \(en)"
        )
    }
}
