/// Whether a village-level unit is an urban community (社区, 居民委员会) or a rural one (村, 村民委员会).
///
/// Read from the code: in the statistical division codes the village segment 001–199 names a
/// residents' committee and 200–399 a villagers' committee (统计用区划代码编制规则).
public enum CommunityKind: String, CaseIterable, Sendable, Codable {
    /// 城市社区 (居民委员会).
    case urban
    /// 农村社区 (村民委员会).
    case rural

    /// The kind's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.urban, .zhHans): "城市社区"
        case (.rural, .zhHans): "农村社区"
        case (.urban, .en): "urban community"
        case (.rural, .en): "rural community"
        }
    }
}

extension DivisionCode {
    /// The community kind of a village-level code; `nil` for other levels.
    public var communityKind: CommunityKind? {
        guard level == .village, let number = Int(rawValue.suffix(3)) else { return nil }
        return number < 200 ? .urban : .rural
    }
}
