public import Foundation

/// A dispute (矛盾纠纷) handled under 矛盾纠纷联排联化 (seed 002 §三): who owns it, by what method,
/// and each round of mediation; the parties' names and every note are sealed apart.
public struct Dispute: Hashable, Sendable, Codable {
    /// The request of the dispute kind it belongs to.
    public var request: RequestID
    /// How it is being resolved.
    public var method: DisputeMethod
    /// Who owns it (the mediator in charge): whoever took it in, or else whoever first accepts it.
    public var owner: RequestAssignee?
    /// General, or complex once it outlived the general limit.
    public var complexity: DisputeComplexity
    /// The rounds of mediation, in order.
    public var rounds: [MediationRound]
    /// The day it was settled, if it was.
    public var settledOn: CivilDate?
    /// Whether it went up to the top tier (the county's team).
    public var referredUp: Bool
    /// When the dispute was filed: its limits count from here.
    public var filedAt: Date

    /// A new general dispute of `request`, filed at `filedAt`.
    public init(request: RequestID, method: DisputeMethod, owner: RequestAssignee?, filedAt: Date) {
        self.request = request
        self.method = method
        self.owner = owner
        self.complexity = .general
        self.rounds = []
        self.settledOn = nil
        self.referredUp = false
        self.filedAt = filedAt
    }
}

/// One round of mediation: its day and whether it settled the dispute.
public struct MediationRound: Hashable, Sendable, Codable {
    /// The day it was held.
    public var day: CivilDate
    /// What came of it.
    public var result: MediationResult

    /// Creates a round.
    public init(day: CivilDate, result: MediationResult) {
        self.day = day
        self.result = result
    }
}

/// How a dispute is being resolved.
public enum DisputeMethod: String, LabelledChoice, Codable {
    /// 调解 — mediation by a third party.
    case mediation
    /// 协商 — the parties negotiate, helped along.
    case negotiation
    /// 仲裁 — arbitration.
    case arbitration
    /// 转司法 — handed to the courts or judicial mediation.
    case judicial

    /// The method's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.mediation, .zhHans): "调解"
        case (.negotiation, .zhHans): "协商"
        case (.arbitration, .zhHans): "仲裁"
        case (.judicial, .zhHans): "转司法"
        case (_, .en): rawValue
        }
    }
}

/// Whether a dispute is general or complex.
public enum DisputeComplexity: String, LabelledChoice, Codable {
    /// 一般纠纷.
    case general
    /// 复杂纠纷 — not settled within the general limit.
    case complex

    /// The complexity's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.general, .zhHans): "一般纠纷"
        case (.complex, .zhHans): "复杂纠纷"
        case (_, .en): rawValue
        }
    }
}

/// What came of a round of mediation.
public enum MediationResult: String, LabelledChoice, Codable {
    /// 达成调解 — the parties agreed: the dispute is settled.
    case settled
    /// 未达成 — no agreement this round.
    case unsettled

    /// The result's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.settled, .zhHans): "达成调解"
        case (.unsettled, .zhHans): "未达成"
        case (_, .en): rawValue
        }
    }
}

/// What a dispute step did; each becomes one event with ids and counts, never what was said.
public enum DisputeHappening: Hashable, Sendable {
    /// Round `number` was held with `result`.
    case round(number: Int, result: MediationResult)
    /// Settled.
    case settled
    /// Not settled within the general limit: now complex, with the further days.
    case becameComplex
    /// Sent up to the top tier, after the rounds ran out or past the complex limit.
    case referredUp(DisputeReferral)
}

/// Why a dispute went up to the county's team.
public enum DisputeReferral: String, Hashable, Sendable, Codable {
    /// The rounds of mediation ran out unsettled.
    case roundsExhausted
    /// The complex limit passed unsettled.
    case pastLimit
}

extension DisputeRules {
    /// `dispute` after a round of mediation on `day`: settled, or one more unsettled round — and
    /// sent up once the rounds run out.
    ///
    /// - Throws: `InputError` `.conflict` on `day` for a settled dispute or a day before the
    ///   previous round's (or the filing's) day in Asia/Shanghai. Nothing is changed then.
    public func round(
        _ dispute: Dispute,
        on day: CivilDate,
        result: MediationResult
    ) throws(InputError) -> (dispute: Dispute, happened: [DisputeHappening]) {
        try checkOpen(dispute, on: day)
        var next = dispute
        next.rounds.append(MediationRound(day: day, result: result))
        var happened: [DisputeHappening] = [.round(number: next.rounds.count, result: result)]
        if result == .settled {
            next.settledOn = day
            happened.append(.settled)
        } else if next.rounds.count >= maxRounds, !dispute.referredUp {
            next.referredUp = true
            happened.append(.referredUp(.roundsExhausted))
        }
        return (next, happened)
    }

    /// `dispute` settled on `day` without a further round (by agreement reached otherwise, or a
    /// court's ruling after 转司法).
    ///
    /// - Throws: `InputError` `.conflict` on `day`, as `round` does. Nothing is changed then.
    public func settle(
        _ dispute: Dispute,
        on day: CivilDate
    ) throws(InputError) -> (
        dispute: Dispute, happened: [DisputeHappening]
    ) {
        try checkOpen(dispute, on: day)
        var next = dispute
        next.settledOn = day
        return (next, [.settled])
    }

    /// Refuses `day` for a settled dispute, or before the previous round's (or the filing's) day.
    private func checkOpen(_ dispute: Dispute, on day: CivilDate) throws(InputError) {
        guard dispute.settledOn == nil else {
            throw InputError.single(
                .conflict,
                "day",
                day.description,
                "未调解成功的纠纷(这件已于 \(dispute.settledOn?.description ?? "") 调解成功)",
                "an unsettled dispute"
            )
        }
        let earliest = dispute.rounds.last?.day ?? CivilDate(shanghaiDayOf: dispute.filedAt.timeIntervalSince1970)
        guard day >= earliest else {
            throw InputError.single(
                .conflict,
                "day",
                day.description,
                "不早于 \(earliest) 的日期(上一轮调解或登记之日)",
                "a day on or after \(earliest) (the previous round, or the filing)"
            )
        }
    }

    /// `dispute` after supervision at `instant`: complex once `generalDays` passed unsettled, sent
    /// up once `complexDays` more passed; each happens once.
    public func supervise(_ dispute: Dispute, at instant: Date) -> (dispute: Dispute, happened: [DisputeHappening]) {
        guard dispute.settledOn == nil else { return (dispute, []) }
        let days = instant.timeIntervalSince(dispute.filedAt) / 86_400
        var next = dispute
        var happened: [DisputeHappening] = []
        if next.complexity == .general, days > Double(generalDays) {
            next.complexity = .complex
            happened.append(.becameComplex)
        }
        if next.complexity == .complex, !next.referredUp, days > Double(generalDays + complexDays) {
            next.referredUp = true
            happened.append(.referredUp(.pastLimit))
        }
        return (next, happened)
    }
}
