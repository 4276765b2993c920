/// A person whose personal data the workspace keeps: a client or a volunteer, by id.
public enum PersonID: Hashable, Sendable {
    /// A client (服务对象).
    case client(ClientID)
    /// A volunteer (志愿者).
    case volunteer(VolunteerID)

    /// The id as text.
    public var rawID: String {
        switch self {
        case .client(let id): id.rawValue
        case .volunteer(let id): id.rawValue
        }
    }

    /// What kind of person it is, in `language`: 服务对象 or 志愿者.
    public func kindLabel(in language: Language) -> String {
        switch (self, language) {
        case (.client, .zhHans): "服务对象"
        case (.volunteer, .zhHans): "志愿者"
        case (.client, .en): "client"
        case (.volunteer, .en): "volunteer"
        }
    }
}
