/// Why someone sees a person's data unmasked (查看目的): every reveal names one, and its event
/// records it (issue 21.10). A fixed list, not free text, so that the audit trail says why without
/// carrying words that may themselves name people.
public enum RevealPurpose: String, LabelledChoice, Codable {
    /// 提供服务 — to contact or serve the person.
    case service
    /// 转介 — to refer them to another agency.
    case referral
    /// 核实身份 — to check who they are.
    case verification
    /// 更正信息 — to correct what is stored.
    case correction
    /// 开具证明 — to issue a certificate naming them (a volunteer's hours).
    case certificate
    /// 报送上级 — to submit a roster the county or the civil affairs bureau asks for.
    case submission
    /// 检查审计 — for an inspection or an audit.
    case audit

    /// The purpose's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.service, .zhHans): "提供服务"
        case (.referral, .zhHans): "转介"
        case (.verification, .zhHans): "核实身份"
        case (.correction, .zhHans): "更正信息"
        case (.certificate, .zhHans): "开具证明"
        case (.submission, .zhHans): "报送上级"
        case (.audit, .zhHans): "检查审计"
        case (_, .en): rawValue
        }
    }

    /// The purpose `text` names, or an `InputError` on `field` listing the purposes.
    public static func parsing(_ text: String?, field: String = "reason") throws -> RevealPurpose {
        try parsing(text, field: field, list: LocalizedText("查看目的", en: "purposes"))
    }
}
