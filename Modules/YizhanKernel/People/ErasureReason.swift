/// Why a person's data was erased (删除个人信息的理由): a fixed list, as the reveal purposes are, so
/// that the audit trail says why without carrying free text that may itself name the person.
public enum ErasureReason: String, LabelledChoice, Codable {
    /// 本人申请删除 — the person (or their guardian) asked for it (PIPL art. 47).
    case personRequested
    /// 撤回同意 — they withdrew their consent.
    case consentWithdrawn
    /// 保存期满 — the retention period is over.
    case retentionExpired
    /// 登记错误 — registered by mistake.
    case registeredInError

    /// The reason's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.personRequested, .zhHans): "本人申请删除"
        case (.consentWithdrawn, .zhHans): "撤回同意"
        case (.retentionExpired, .zhHans): "保存期满"
        case (.registeredInError, .zhHans): "登记错误"
        case (_, .en): rawValue
        }
    }

    /// The reason `text` names (its code or Chinese name), or an `InputError` on `field` listing them.
    public static func parsing(_ text: String?, field: String = "reason") throws -> ErasureReason {
        try parsing(text, field: field, list: LocalizedText("删除理由", en: "reasons"))
    }
}
