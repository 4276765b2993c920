/// Why a person's data was erased (删除个人信息的理由): a fixed list, as the reveal purposes are, so
/// that the audit trail says why without carrying free text that may itself name the person.
public enum ErasureReason: String, CaseIterable, Sendable, Codable {
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
        let trimmed = text?.trimmingWhitespace()
        if let found = allCases.first(where: { $0.rawValue == trimmed || $0.label(in: .zhHans) == trimmed }) {
            return found
        }
        let zh = allCases.map { "\($0.label(in: .zhHans))(\($0.rawValue))" }.joined(separator: "、")
        let en = allCases.map(\.rawValue).joined(separator: ", ")
        throw InputError.single(
            text == nil ? .missing : .invalidFormat,
            field,
            text ?? "",
            "删除理由之一:\(zh)",
            "one of the reasons: \(en)"
        )
    }
}
