/// What a user or a token may do within the scope of one grant (issue 23.2).
public enum Role: String, CaseIterable, Hashable, Sendable, Codable {
    /// 社工: records and reads the station's services, clients, cases and volunteers.
    case socialWorker
    /// 站长: what a social worker does, plus the station's configuration views and its reports.
    case stationHead
    /// 县级管理员: everything in the county, its accounts and its approvals.
    case countyAdmin
    /// 只读: figures and reports of a scope, never personal data.
    case viewer
    /// 系统: an API token of another system, recording and reading; never a person's account.
    case system

    /// What the role allows within its grant's scope.
    public var permissions: Set<Permission> {
        switch self {
        case .socialWorker: [.readFigures, .readRecords, .writeRecords, .revealPersonalData]
        case .stationHead: [.readFigures, .readRecords, .writeRecords, .revealPersonalData, .manageStation]
        case .countyAdmin:
            [.readFigures, .readRecords, .writeRecords, .revealPersonalData, .manageStation, .manageAccounts, .approve]
        case .viewer: [.readFigures]
        case .system: [.readFigures, .readRecords, .writeRecords]
        }
    }

    /// Whether a person's account may hold the role (`system` is for tokens only).
    public var isForPeople: Bool { self != .system }

    /// The role's name in `language`: `社工`, `county admin` …
    public func name(in language: Language) -> String {
        switch (self, language) {
        case (.socialWorker, .zhHans): "社工"
        case (.stationHead, .zhHans): "站长"
        case (.countyAdmin, .zhHans): "县级管理员"
        case (.viewer, .zhHans): "只读"
        case (.system, .zhHans): "系统"
        case (.socialWorker, .en): "social worker"
        case (.stationHead, .en): "station head"
        case (.countyAdmin, .en): "county admin"
        case (.viewer, .en): "viewer"
        case (.system, .en): "system"
        }
    }
}

/// One thing a role allows: the server checks every route against one of these, within a scope.
public enum Permission: String, CaseIterable, Hashable, Sendable, Codable {
    /// Figures and reports: counts, sums, the county summary; no personal data.
    case readFigures
    /// Service records, cases, masked clients and volunteers.
    case readRecords
    /// Recording services, registering clients, opening and moving cases, check-ins.
    case writeRecords
    /// Seeing a person's data unmasked, with a reason (`personaldata.revealed`).
    case revealPersonalData
    /// The station's configuration views and submitting its reports.
    case manageStation
    /// Adding accounts, granting and revoking roles, disabling accounts, API tokens.
    case manageAccounts
    /// Approving what stations submit.
    case approve
}
