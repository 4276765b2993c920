/// What a resident raises (seed 002 §三: 我的事件, 投诉建议; 矛盾纠纷联排联化).
public enum RequestKind: String, LabelledChoice, Codable {
    /// 诉求 — a need or a problem to be solved (a broken lamp, a form to fill).
    case request
    /// 投诉建议 — a complaint or a suggestion.
    case complaint
    /// 矛盾纠纷 — a dispute between parties, handled by rounds of mediation.
    case dispute

    /// The kind's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.request, .zhHans): "诉求"
        case (.complaint, .zhHans): "投诉建议"
        case (.dispute, .zhHans): "矛盾纠纷"
        case (_, .en): rawValue
        }
    }
}

/// How a request reached the station.
public enum RequestChannel: String, LabelledChoice, Codable {
    /// 网上填报 — the public form on `yizhan-server`.
    case webForm
    /// 电话 — a phone call, entered by staff.
    case phone
    /// 来访 — a visit to the station or the community, entered by staff.
    case visit
    /// 网格巡查 — found by a grid worker walking the grid (走家串户, seed 002 §三).
    case gridPatrol

    /// The channel's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.webForm, .zhHans): "网上填报"
        case (.phone, .zhHans): "电话"
        case (.visit, .zhHans): "来访"
        case (.gridPatrol, .zhHans): "网格巡查"
        case (_, .en): rawValue
        }
    }
}

/// Where a request stands: 已登记 → 已受理 → 办理中 → 已反馈 → 已办结.
public enum RequestState: String, LabelledChoice, Codable {
    /// 已登记 — registered, waiting for the tier that holds it to accept it.
    case registered
    /// 已受理 — accepted by the tier that holds it.
    case accepted
    /// 办理中 — being worked on.
    case inProgress
    /// 已反馈 — an answer was given to the resident.
    case answered
    /// 已办结 — closed.
    case closed

    /// The state's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.registered, .zhHans): "已登记"
        case (.accepted, .zhHans): "已受理"
        case (.inProgress, .zhHans): "办理中"
        case (.answered, .zhHans): "已反馈"
        case (.closed, .zhHans): "已办结"
        case (_, .en): rawValue
        }
    }
}

/// How the resident rated a closed request.
public enum RequestRating: String, LabelledChoice, Codable {
    /// 满意.
    case satisfied
    /// 基本满意.
    case basicallySatisfied
    /// 不满意 — reopens the request when given within the policy's window (重办).
    case dissatisfied

    /// The rating's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.satisfied, .zhHans): "满意"
        case (.basicallySatisfied, .zhHans): "基本满意"
        case (.dissatisfied, .zhHans): "不满意"
        case (_, .en): rawValue
        }
    }

    /// Whether the rating counts towards 满意率 (satisfied or basically satisfied).
    public var isSatisfied: Bool { self != .dissatisfied }
}

/// The three time limits of a request's handling (接诉即办): to accept it, to answer the resident,
/// to resolve it.
public enum RequestLimit: String, LabelledChoice, Codable, Comparable {
    /// 受理时限.
    case accept
    /// 反馈时限.
    case answer
    /// 办结时限.
    case resolve

    /// The limit's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.accept, .zhHans): "受理时限"
        case (.answer, .zhHans): "反馈时限"
        case (.resolve, .zhHans): "办结时限"
        case (_, .en): rawValue
        }
    }

    public static func < (lhs: RequestLimit, rhs: RequestLimit) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
