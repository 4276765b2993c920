/// How a county handles residents' requests: the tiers a request rises through, the categories
/// with their time limits and first tier, and the rules for reopening and for disputes. A county
/// file configures it; `shipped` holds the defaults (seed 002 §三, and the 接诉即办 practice).
public struct RequestPolicy: Hashable, Sendable, Codable {
    /// The tiers, lowest first: escalation moves a request one tier up this list.
    public var tiers: [RequestTier]
    /// The categories a request is filed under.
    public var categories: [RequestCategory]
    /// How many times a request can be reopened (重办) before a further reopening sends it to the
    /// top tier instead.
    public var reopenLimit: Int
    /// Days after closing within which 不满意 (or a reopening) reopens the request.
    public var reopenWindowDays: Int
    /// The time limits and rounds of disputes (矛盾纠纷联排联化).
    public var disputes: DisputeRules

    /// Creates a policy.
    public init(
        tiers: [RequestTier],
        categories: [RequestCategory],
        reopenLimit: Int = 2,
        reopenWindowDays: Int = 5,
        disputes: DisputeRules = DisputeRules()
    ) {
        self.tiers = tiers
        self.categories = categories
        self.reopenLimit = reopenLimit
        self.reopenWindowDays = reopenWindowDays
        self.disputes = disputes
    }

    /// The category `id`, if the policy has it.
    public func category(_ id: String) -> RequestCategory? { categories.first { $0.id == id } }

    /// The tier `id`, if the policy has it.
    public func tier(_ id: String) -> RequestTier? { tiers.first { $0.id == id } }

    /// The tier above `id`, or `nil` at the top (or for a tier the policy does not have).
    public func tier(above id: String) -> RequestTier? {
        guard let index = tiers.firstIndex(where: { $0.id == id }), index + 1 < tiers.count else { return nil }
        return tiers[index + 1]
    }

    /// The top tier, where requests go that nobody below could settle (the county's team).
    public var topTier: RequestTier? { tiers.last }

    /// The policy Yizhan ships: the Kangbashi ladder 睦邻党群联络员 → 网格员 → 社区书记 (seed 002 §三),
    /// then the station, a specialised agency and the county's team; limits after 接诉即办.
    public static let shipped = RequestPolicy(
        tiers: [
            RequestTier(id: "liaison", name: "睦邻党群联络员"),
            RequestTier(id: "gridWorker", name: "网格员"),
            RequestTier(id: "secretary", name: "社区书记"),
            RequestTier(id: "station", name: "社会工作站"),
            RequestTier(id: "agency", name: "专门机构"),
            RequestTier(id: "county", name: "县级矛盾纠纷调处团队"),
        ],
        categories: [
            RequestCategory(
                id: "emergency",
                name: "紧急求助",
                kind: .request,
                limits: RequestLimits(accept: .minutes(30), answer: .hours(2), resolve: .hours(24)),
                firstTier: "gridWorker"
            ),
            RequestCategory(
                id: "utility",
                name: "水电气暖",
                kind: .request,
                limits: RequestLimits(accept: .hours(2), answer: .hours(24), resolve: .days(3)),
                firstTier: "gridWorker"
            ),
            RequestCategory(
                id: "ordinary",
                name: "一般诉求",
                kind: .request,
                limits: RequestLimits(accept: .hours(24), answer: .days(3), resolve: .days(7)),
                firstTier: "liaison"
            ),
            RequestCategory(
                id: "complex",
                name: "复杂诉求",
                kind: .request,
                limits: RequestLimits(accept: .hours(24), answer: .days(7), resolve: .days(15)),
                firstTier: "secretary"
            ),
            RequestCategory(
                id: "complaint",
                name: "投诉建议",
                kind: .complaint,
                limits: RequestLimits(accept: .hours(24), answer: .days(7), resolve: .days(15)),
                firstTier: "station"
            ),
            RequestCategory(
                id: "dispute",
                name: "矛盾纠纷",
                kind: .dispute,
                limits: RequestLimits(accept: .hours(24), answer: .days(5), resolve: .days(5)),
                firstTier: "liaison"
            ),
        ]
    )
}

/// A rung of the ladder a request rises through (睦邻党群联络员, 网格员 …).
public struct RequestTier: Hashable, Sendable, Codable {
    /// The tier's code in configuration and commands (`gridWorker`).
    public var id: String
    /// Its name as people say it (网格员).
    public var name: String

    /// Creates a tier.
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// A category of request, with its time limits and the tier that takes it first.
public struct RequestCategory: Hashable, Sendable, Codable {
    /// The category's code (`utility`).
    public var id: String
    /// Its name (水电气暖).
    public var name: String
    /// Whether it is a request, a complaint or a dispute.
    public var kind: RequestKind
    /// How soon it must be accepted, answered and resolved.
    public var limits: RequestLimits
    /// The tier that holds a new request of this category.
    public var firstTier: String

    /// Creates a category.
    public init(id: String, name: String, kind: RequestKind, limits: RequestLimits, firstTier: String) {
        self.id = id
        self.name = name
        self.kind = kind
        self.limits = limits
        self.firstTier = firstTier
    }
}

/// The three time limits of a category, each counted from the start of the request's current
/// round (its registration, or its latest reopening).
public struct RequestLimits: Hashable, Sendable, Codable {
    /// To accept (受理).
    public var accept: TimeLimit
    /// To answer the resident (反馈).
    public var answer: TimeLimit
    /// To resolve (办结).
    public var resolve: TimeLimit

    /// Creates the limits.
    public init(accept: TimeLimit, answer: TimeLimit, resolve: TimeLimit) {
        self.accept = accept
        self.answer = answer
        self.resolve = resolve
    }

    /// The limit `limit`.
    public subscript(limit: RequestLimit) -> TimeLimit {
        switch limit {
        case .accept: accept
        case .answer: answer
        case .resolve: resolve
        }
    }
}

/// A span of working time written as configuration writes it: `30m`, `2h`, `7d` (elapsed time,
/// not working days).
public struct TimeLimit: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The span in minutes.
    public var minutes: Int

    /// `n` minutes.
    public static func minutes(_ n: Int) -> TimeLimit { TimeLimit(minutes: n) }
    /// `n` hours.
    public static func hours(_ n: Int) -> TimeLimit { TimeLimit(minutes: n * 60) }
    /// `n` days of 24 hours.
    public static func days(_ n: Int) -> TimeLimit { TimeLimit(minutes: n * 24 * 60) }

    /// The span in seconds.
    public var seconds: Double { Double(minutes) * 60 }

    /// The limit `text` writes (`30m`, `2h`, `7d`), or `nil`.
    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace()
        guard let unit = trimmed.last, let count = Int(trimmed.dropLast()), count > 0, count <= 366 * 24 * 60
        else { return nil }
        switch unit {
        case "m": minutes = count
        case "h": minutes = count * 60
        case "d": minutes = count * 24 * 60
        default: return nil
        }
    }

    private init(minutes: Int) { self.minutes = minutes }

    /// `30m`, `2h` or `7d`, the largest whole unit.
    public var description: String {
        if minutes % (24 * 60) == 0 { return "\(minutes / (24 * 60))d" }
        if minutes % 60 == 0 { return "\(minutes / 60)h" }
        return "\(minutes)m"
    }

    /// `30 分钟`, `2 小时` or `7 天`.
    public func label(in language: Language) -> String {
        let text = description
        let count = text.dropLast()
        return switch (text.last, language) {
        case ("d", .zhHans): "\(count) 天"
        case ("h", .zhHans): "\(count) 小时"
        case (_, .zhHans): "\(count) 分钟"
        case ("d", .en): "\(count) d"
        case ("h", .en): "\(count) h"
        case (_, .en): "\(count) min"
        }
    }

    public static func < (lhs: TimeLimit, rhs: TimeLimit) -> Bool { lhs.minutes < rhs.minutes }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let limit = TimeLimit(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "time limit '\(text)' is not like 30m, 2h or 7d"
            )
        }
        self = limit
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The dispute rules of 矛盾纠纷联排联化: a general dispute not settled within `generalDays` becomes
/// complex; a complex one gets `complexDays` more; after `maxRounds` rounds of mediation without
/// settlement, or past its limit, it goes to the top tier (the county's team).
public struct DisputeRules: Hashable, Sendable, Codable {
    /// Days a general dispute has (5).
    public var generalDays: Int
    /// Further days a complex one has (15).
    public var complexDays: Int
    /// Rounds of mediation before it goes up (3).
    public var maxRounds: Int

    /// The shipped rules: 5 days, 15 more, 3 rounds.
    public init(generalDays: Int = 5, complexDays: Int = 15, maxRounds: Int = 3) {
        self.generalDays = generalDays
        self.complexDays = complexDays
        self.maxRounds = maxRounds
    }
}
