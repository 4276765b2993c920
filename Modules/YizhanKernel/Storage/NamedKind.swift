/// The things a station names once each: the same organisation, resource or team registered twice
/// was counted twice against a template's target (issue 21.4). A use case asks for the names
/// taken with `ContextRequest.takenNames`, and the store reads them inside the write's transaction.
public enum NamedKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// 社区社会组织 (`yizhan organisation add`).
    case organisation
    /// 社区资源 on the station's map (`yizhan resource add`).
    case resource
    /// 志愿服务队 (`yizhan volunteer team`).
    case team
}
