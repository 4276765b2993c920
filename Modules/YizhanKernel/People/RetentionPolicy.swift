/// How long personal data is kept (个人信息保存期限; PIPL arts. 19 and 47): the years after a
/// person was last active (`PersonActivity`) after which their name, ID number and phone are due
/// for erasure. A kind without a period is kept until erased by hand.
public struct RetentionPolicy: Hashable, Sendable, Codable {
    /// Years after a client's last service or case stage, once no case of theirs is open.
    public var clients: Int?
    /// Years after a volunteer's last hours, points or registration.
    public var volunteers: Int?

    /// Creates a policy.
    public init(clients: Int? = nil, volunteers: Int? = nil) {
        self.clients = clients
        self.volunteers = volunteers
    }

    /// Whether the policy sets any period at all.
    public var isEmpty: Bool { clients == nil && volunteers == nil }

    /// The day `activity`'s data falls due for erasure, or `nil` while it is kept: an open case, a
    /// kind without a period, or a person of whom nothing dated is known.
    public func dueDay(of activity: PersonActivity) -> CivilDate? {
        guard !activity.hasOpenCase, let last = activity.lastKnownDay else { return nil }
        let years: Int? =
            switch activity.person {
            case .client: clients
            case .volunteer: volunteers
            }
        guard let years else { return nil }
        let year = last.year + years
        let day = min(last.day, CivilDate.daysIn(month: last.month, year: year))
        return try? CivilDate(year: year, month: last.month, day: day)
    }

    /// Whether `activity`'s data is due for erasure on `today`.
    public func isDue(_ activity: PersonActivity, on today: CivilDate) -> Bool {
        dueDay(of: activity).map { $0 <= today } ?? false
    }
}
