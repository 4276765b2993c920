/// A referral (转介): the service record of referring a client, the agency they were referred to,
/// and what came of it.
public struct Referral: Hashable, Sendable, Codable {
    /// The `referral` service record it belongs to.
    public var record: ServiceRecordID
    /// The receiving agency, by name (a hospital, a court, a charity …: not a registered unit).
    public var agency: String
    /// What came of it so far.
    public var outcome: ReferralOutcome
    /// The day the outcome was known (`nil` while pending).
    public var outcomeOn: CivilDate?

    /// Creates a referral.
    public init(
        record: ServiceRecordID,
        agency: String,
        outcome: ReferralOutcome = .pending,
        outcomeOn: CivilDate? = nil
    ) {
        self.record = record
        self.agency = agency
        self.outcome = outcome
        self.outcomeOn = outcomeOn
    }
}

/// What came of a referral.
public enum ReferralOutcome: String, CaseIterable, Sendable, Codable {
    /// 待反馈 — sent, no answer yet.
    case pending
    /// 已接收 — the agency took the client on.
    case accepted
    /// 未接收 — the agency declined.
    case declined
    /// 已办结 — the agency's service is done.
    case completed

    /// The outcome's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.pending, .zhHans): "待反馈"
        case (.accepted, .zhHans): "已接收"
        case (.declined, .zhHans): "未接收"
        case (.completed, .zhHans): "已办结"
        case (_, .en): rawValue
        }
    }

    /// The outcome whose code or name is `text`.
    public static func matching(_ text: String) -> ReferralOutcome? {
        allCases.first { $0.rawValue == text || $0.label(in: .zhHans) == text }
    }
}
