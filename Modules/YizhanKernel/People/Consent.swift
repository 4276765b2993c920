/// A client's informed consent (知情同意): the day it was given, what it covers and who gave it.
/// Keeping a person's data rests on it (PIPL art. 13–14); a child under 14 consents through a
/// guardian (art. 31), so a registration records which it was.
public struct Consent: Hashable, Sendable, Codable {
    /// The day consent was given.
    public var on: CivilDate
    /// What it covers.
    public var scope: [ConsentScope]
    /// Who gave it: the person, or their guardian.
    public var givenBy: ConsentGiver

    /// Creates a consent.
    public init(on: CivilDate, scope: [ConsentScope], givenBy: ConsentGiver = .person) {
        self.on = on
        self.scope = scope
        self.givenBy = givenBy
    }

    /// A consent from the columns the stores keep it in (`2021-03-01`, `service,referral`,
    /// `guardian`); `nil` when no date is stored. A row from before the giver was kept reads as
    /// the person's own.
    public init?(storedDate: String?, scope: String?, givenBy: String? = nil) {
        guard let storedDate, let day = try? CivilDate(parsing: storedDate) else { return nil }
        self.init(
            on: day,
            scope: (scope ?? "").split(separator: ",").map { ConsentScope(rawValue: String($0)) },
            givenBy: givenBy.flatMap(ConsentGiver.init(rawValue:)) ?? .person
        )
    }

    /// Whether it covers `scope`.
    public func covers(_ scope: ConsentScope) -> Bool { self.scope.contains(scope) }
}

/// Who gave a consent (同意人).
public enum ConsentGiver: String, CaseIterable, Sendable, Codable {
    /// 本人 — the person themself.
    case person
    /// 监护人 — a parent or other guardian, as a child under 14 needs.
    case guardian

    /// The giver's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.person, .zhHans): "本人"
        case (.guardian, .zhHans): "监护人"
        case (_, .en): rawValue
        }
    }

    /// The giver whose code or name (`监护人`, `guardian`, `本人`) is `text`.
    public static func matching(_ text: String) -> ConsentGiver? {
        let text = text.trimmingWhitespace()
        return allCases.first { $0.rawValue == text || $0.label(in: .zhHans) == text }
            ?? (text == "监护人同意" ? .guardian : text == "本人同意" ? .person : nil)
    }
}

/// What a consent covers.
public struct ConsentScope: CodeListEntry {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// 接受服务 — to receive services.
    public static let service = ConsentScope(rawValue: "service")
    /// 个人信息收集与使用 — collecting and using their personal data.
    public static let personalInformation = ConsentScope(rawValue: "personalInformation")
    /// 转介 — being referred to another agency.
    public static let referral = ConsentScope(rawValue: "referral")
    /// 照片影像使用 — photos and video of them being used.
    public static let imagery = ConsentScope(rawValue: "imagery")

    public static let known: [ConsentScope] = [.service, .personalInformation, .referral, .imagery]

    public func label(in language: Language) -> String {
        switch (rawValue, language) {
        case ("service", .zhHans): "接受服务"
        case ("personalInformation", .zhHans): "个人信息收集与使用"
        case ("referral", .zhHans): "转介"
        case ("imagery", .zhHans): "照片影像使用"
        case ("personalInformation", .en): "personal information"
        default: rawValue
        }
    }
}

/// How much risk a worker judges a client to be at (风险等级): it orders a station's follow-up.
public enum RiskLevel: String, CaseIterable, Sendable, Codable {
    /// 低风险.
    case low
    /// 中风险.
    case medium
    /// 高风险.
    case high

    /// The level's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.low, .zhHans): "低"
        case (.medium, .zhHans): "中"
        case (.high, .zhHans): "高"
        case (_, .en): rawValue
        }
    }

    /// The level whose code or name (`高`, `高风险`, `high`) is `text`.
    public static func matching(_ text: String) -> RiskLevel? {
        allCases.first { $0.rawValue == text || $0.label(in: .zhHans) == text || $0.label(in: .zhHans) + "风险" == text }
    }
}
