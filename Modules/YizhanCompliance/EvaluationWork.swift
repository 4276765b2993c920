public import Foundation
public import YizhanConfig
public import YizhanKernel

/// Mid-term and final evaluations (seed 001 §八): open, score by indicator (self-assessment and
/// third party apart), submit and freeze, and rectification items with owners and due days.
public struct EvaluationWork: Sendable {
    /// Where evaluations are kept.
    public let store: any StationStore
    /// The indicator scheme evaluations are scored against.
    public let scheme: EvaluationFile
    /// Who acts.
    public let actor: Actor
    /// The working day dates are checked against.
    public let clock: WorkClock

    /// Creates the use cases over `store` with `scheme`; `clock` gives the working day.
    public init(store: any StationStore, scheme: EvaluationFile, actor: Actor, clock: WorkClock = .system) {
        self.store = store
        self.scheme = scheme
        self.actor = actor
        self.clock = clock
    }

    /// An evaluation with its scores as they stand: entered ones, and for indicators scored from data
    /// the frozen figure once submitted, or the live one before.
    public struct Sheet: Sendable {
        /// The evaluation.
        public var evaluation: Evaluation
        /// Its scores by indicator id, then assessor.
        public var scores: [String: [Assessor: EvaluationScore]]
        /// The measured values of the indicators scored from data.
        public var measured: [String: Int]
        /// Its rectification items.
        public var rectifications: [Rectification]

        /// An indicator's points for `assessor`: its own score, or the data score for an indicator
        /// scored from data.
        public func points(_ indicator: EvaluationFile.Indicator, by assessor: Assessor) -> Points? {
            let mine = scores[indicator.id] ?? [:]
            return indicator.metric == nil ? mine[assessor]?.points : mine[.data]?.points
        }

        /// The total for `assessor` over `scheme` (frozen once submitted).
        public func total(by assessor: Assessor, in scheme: EvaluationFile) -> Points {
            if assessor == .selfAssessment, let total = evaluation.selfTotal { return total }
            if assessor == .thirdParty, let total = evaluation.thirdPartyTotal { return total }
            return scheme.allIndicators.reduce(.zero) { $0 + (points($1, by: assessor) ?? .zero) }
        }
    }

    /// Opens the `period` evaluation of `station` for the year of `day`, under a new id unless one
    /// is given (the demo gives reproducible ones).
    @discardableResult
    public func open(
        station: String,
        period: String,
        on day: CivilDate,
        at instant: Date,
        id evaluationID: EvaluationID = .generate()
    ) async throws -> Evaluation {
        let id = try InputError.stationID(station)
        try checkNotAfterToday(day, at: instant)
        guard let found = try await store.station(id) else { throw InputError.unknownStation(station) }
        guard let period = EvaluationPeriod(rawValue: period) else {
            throw InputError.single(.invalidFormat, "period", period, "midTerm(中期)或 final(末期)", "midTerm or final")
        }
        if let existing = try await store.evaluations(in: .station(id), year: day.year).first(where: {
            $0.period == period && $0.scheme == scheme.id
        }) {
            throw InputError.single(
                .conflict,
                "period",
                period.rawValue,
                "该站 \(day.year) 年的\(period.label(in: .zhHans))已开启(\(existing.id))",
                "the station's \(day.year) \(period.label(in: .en)) evaluation is open already (\(existing.id))"
            )
        }
        let evaluation = Evaluation(
            id: evaluationID,
            station: id,
            year: day.year,
            period: period,
            scheme: scheme.id,
            openedOn: day
        )
        let payload = EvaluationOpened(
            evaluation: evaluation.id,
            station: id,
            year: day.year,
            period: period,
            scheme: scheme.id
        )
        try await store.commit(
            ChangeSet(
                writes: [.evaluation(evaluation)],
                events: [DomainEvent(payload, orgUnit: found.orgUnit, station: id, actor: actor, at: instant)]
            )
        )
        return evaluation
    }

    /// Scores `indicator` of an open evaluation for each assessor given (self-assessment, third
    /// party or both): every score is checked before any is written, and all are committed in one
    /// change set, so a refused third-party score leaves the self score unwritten too.
    ///
    /// - Parameter points: the points as typed, by assessor; at least one.
    /// - Returns: the scores written, self-assessment first.
    @discardableResult
    public func score(
        evaluation text: String,
        indicator: String,
        points: [Assessor: String],
        note: String?,
        at instant: Date
    ) async throws -> [EvaluationScore] {
        guard !points.isEmpty else {
            throw InputError.single(.missing, "self", "", "--self 或 --third-party 至少一项", "--self or --third-party")
        }
        let evaluation = try await openEvaluation(text)
        guard let definition = scheme.allIndicators.first(where: { $0.id == indicator }) else {
            throw InputError.single(
                .unknownReference,
                "indicator",
                indicator,
                "方案“\(scheme.id)”的指标:\(scheme.allIndicators.map(\.id).joined(separator: "、"))",
                "an indicator of '\(scheme.id)': \(scheme.allIndicators.map(\.id).joined(separator: ", "))"
            )
        }
        guard definition.metric == nil else {
            throw InputError.single(
                .conflict,
                "indicator",
                indicator,
                "人工评分的指标;“\(definition.name)”据数据(\(definition.metric ?? ""))计分",
                "an indicator scored by hand; '\(indicator)' is scored from data (\(definition.metric ?? ""))"
            )
        }
        if let note, let issue = FreeText.issue(note, field: "note") { throw InputError(issues: [issue]) }
        var scores: [EvaluationScore] = []
        for assessor in Assessor.allCases {
            guard let typed = points[assessor] else { continue }
            guard assessor != .data else {
                throw InputError.single(.invalidFormat, "assessor", "data", "自评或第三方", "self or third party")
            }
            guard let value = Points(typed), value <= Points(definition.points) else {
                throw InputError.single(
                    .outOfRange,
                    assessor == .selfAssessment ? "self" : "third-party",
                    typed,
                    "0 至 \(definition.points) 分,最多一位小数",
                    "0 to \(definition.points) points, at most one decimal"
                )
            }
            scores.append(
                EvaluationScore(
                    evaluation: evaluation.id,
                    indicator: indicator,
                    assessor: assessor,
                    points: value,
                    note: note.flatMap { $0.isEmpty ? nil : $0 }
                )
            )
        }
        guard let found = try await store.station(evaluation.station) else {
            throw InputError.unknownStation(evaluation.station.rawValue)
        }
        let events = scores.map { score in
            DomainEvent(
                EvaluationScored(
                    evaluation: evaluation.id,
                    indicator: indicator,
                    assessor: score.assessor,
                    points: score.points
                ),
                orgUnit: found.orgUnit,
                station: evaluation.station,
                actor: actor,
                at: instant
            )
        }
        try await store.commit(ChangeSet(writes: scores.map(Write.evaluationScore), events: events))
        return scores
    }

    /// The evaluation's sheet, data scores computed as of `day` while it is open.
    public func sheet(_ text: String, on day: CivilDate) async throws -> Sheet {
        let evaluation = try await find(text)
        var scores: [String: [Assessor: EvaluationScore]] = [:]
        for score in try await store.evaluationScores(of: evaluation.id) {
            scores[score.indicator, default: [:]][score.assessor] = score
        }
        var measured: [String: Int] = [:]
        if !evaluation.isSubmitted {
            let (data, values) = try await dataScores(evaluation, on: max(day, evaluation.openedOn))
            for score in data { scores[score.indicator, default: [:]][.data] = score }
            measured = values
        }
        let items = try await store.rectifications(in: .station(evaluation.station), openOnly: false)
        return Sheet(
            evaluation: evaluation,
            scores: scores,
            measured: measured,
            rectifications: items.filter { $0.evaluation == evaluation.id }
        )
    }

    /// Submits an evaluation on `day`: every indicator scored by hand must have both scores; the data
    /// scores are computed as of `day`; scores and totals are then frozen.
    @discardableResult
    public func submit(_ text: String, on day: CivilDate, at instant: Date) async throws -> Evaluation {
        try checkNotAfterToday(day, at: instant)
        var evaluation = try await openEvaluation(text)
        guard day >= evaluation.openedOn else {
            throw InputError.single(
                .outOfRange,
                "date",
                day.description,
                "不早于开启日 \(evaluation.openedOn)",
                "no earlier than the opening day \(evaluation.openedOn)"
            )
        }
        let entered = try await store.evaluationScores(of: evaluation.id)
        let missing = scheme.allIndicators.filter { $0.metric == nil }.flatMap { indicator in
            [Assessor.selfAssessment, .thirdParty].filter { assessor in
                !entered.contains { $0.indicator == indicator.id && $0.assessor == assessor }
            }.map { "\(indicator.id)(\($0.label(in: .zhHans)))" }
        }
        guard missing.isEmpty else {
            throw InputError.single(
                .missing,
                "scores",
                missing.joined(separator: "、"),
                "提交前须给出所有人工指标的自评与第三方评分",
                "every hand-scored indicator needs a self and a third-party score before submission"
            )
        }
        let (data, _) = try await dataScores(evaluation, on: day)
        var sheet = Sheet(evaluation: evaluation, scores: [:], measured: [:], rectifications: [])
        for score in entered + data { sheet.scores[score.indicator, default: [:]][score.assessor] = score }
        evaluation.submittedOn = day
        evaluation.selfTotal = sheet.total(by: .selfAssessment, in: scheme)
        evaluation.thirdPartyTotal = sheet.total(by: .thirdParty, in: scheme)
        let payload = EvaluationSubmitted(
            evaluation: evaluation.id,
            station: evaluation.station,
            year: evaluation.year,
            period: evaluation.period,
            selfTotal: evaluation.selfTotal ?? .zero,
            thirdPartyTotal: evaluation.thirdPartyTotal ?? .zero
        )
        // The data scores go in before the submission freezes the evaluation.
        try await commit(
            data.map { .evaluationScore($0) } + [.evaluation(evaluation)],
            payload,
            station: evaluation.station,
            at: instant
        )
        return evaluation
    }

    /// Raises a rectification item on an evaluation, owned by a worker of its station.
    @discardableResult
    public func rectify(
        evaluation text: String,
        item: String,
        owner: String,
        due: String,
        indicator: String?,
        on day: CivilDate,
        at instant: Date
    ) async throws -> Rectification {
        try checkNotAfterToday(day, at: instant)
        let evaluation = try await find(text)
        let workers = try await store.workers(of: evaluation.station)
        guard let worker = workers.first(where: { $0.id.rawValue == owner }) else {
            throw InputError.single(
                .unknownReference,
                "owner",
                owner,
                "本站社工:\(workers.map(\.id.rawValue).joined(separator: "、"))",
                "a worker of the station: \(workers.map(\.id.rawValue).joined(separator: ", "))"
            )
        }
        guard let dueOn = try? CivilDate(parsing: due), dueOn >= day else {
            throw InputError.single(
                .outOfRange,
                "due",
                due,
                "不早于 \(day) 的日期 YYYY-MM-DD",
                "a date YYYY-MM-DD from \(day)"
            )
        }
        let text = item.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw InputError.single(.missing, "item", "", "整改事项", "what must be put right") }
        if let indicator, !scheme.allIndicators.contains(where: { $0.id == indicator }) {
            throw InputError.single(
                .unknownReference,
                "indicator",
                indicator,
                "方案“\(scheme.id)”的指标",
                "an indicator of '\(scheme.id)'"
            )
        }
        let rectification = Rectification(
            id: .generate(),
            evaluation: evaluation.id,
            station: evaluation.station,
            indicator: indicator,
            item: text,
            owner: worker.id,
            raisedOn: day,
            dueOn: dueOn
        )
        try await commit(
            [.rectification(rectification)],
            RectificationRaised(item: rectification.noted),
            station: evaluation.station,
            at: instant
        )
        return rectification
    }

    /// Marks a rectification item done on `day`.
    @discardableResult
    public func complete(_ text: String, on day: CivilDate, at instant: Date) async throws -> Rectification {
        try checkNotAfterToday(day, at: instant)
        guard let id = try? RectificationID(text), var item = try await store.rectification(id) else {
            throw InputError.single(.unknownReference, "rectification", text, "整改事项编号", "a rectification id")
        }
        guard item.doneOn == nil else {
            throw InputError.single(
                .conflict,
                "rectification",
                text,
                "未完成的整改事项(已于 \(item.doneOn?.description ?? "") 完成)",
                "an item not done yet"
            )
        }
        guard day >= item.raisedOn else {
            throw InputError.single(
                .outOfRange,
                "date",
                day.description,
                "不早于提出日 \(item.raisedOn)",
                "no earlier than \(item.raisedOn)"
            )
        }
        item.doneOn = day
        try await commit(
            [.rectification(item)],
            RectificationCompleted(item: item.noted, doneOn: day),
            station: item.station,
            at: instant
        )
        return item
    }

    // MARK: Helpers

    private func find(_ text: String) async throws -> Evaluation {
        guard let id = try? EvaluationID(text), let evaluation = try await store.evaluation(id) else {
            throw InputError.single(.unknownReference, "evaluation", text, "评估编号(yizhan eval list)", "an evaluation id")
        }
        guard evaluation.scheme == scheme.id else {
            throw InputError.single(
                .conflict,
                "scheme",
                scheme.id,
                "该评估的方案“\(evaluation.scheme)”",
                "the evaluation's scheme '\(evaluation.scheme)'"
            )
        }
        return evaluation
    }

    private func openEvaluation(_ text: String) async throws -> Evaluation {
        let evaluation = try await find(text)
        guard !evaluation.isSubmitted else {
            throw InputError.single(
                .conflict,
                "evaluation",
                text,
                "未提交的评估;该评估已于 \(evaluation.submittedOn?.description ?? "") 提交,成绩已冻结",
                "an open evaluation; it was submitted on \(evaluation.submittedOn?.description ?? "") and is frozen"
            )
        }
        return evaluation
    }

    /// The data scores of `evaluation` over its year up to `day`, and the measured values.
    private func dataScores(
        _ evaluation: Evaluation,
        on day: CivilDate
    ) async throws -> ([EvaluationScore], [String: Int]) {
        let start = try CivilDate(year: evaluation.year, month: 1, day: 1)
        let end = min(day, try CivilDate(year: evaluation.year, month: 12, day: 31))
        let period = try CivilPeriod(start: start, end: max(start, end))
        guard
            let facts = try await StationFacts.gather(from: store, scope: .station(evaluation.station), period: period)
                .first
        else {
            return ([], [:])
        }
        var scores: [EvaluationScore] = []
        var measured: [String: Int] = [:]
        for indicator in scheme.allIndicators {
            guard let metric = indicator.metric, let target = indicator.target(for: evaluation.period), target > 0,
                case .number(let value, _, _)? = MetricCatalogue.station[metric]?.measure(facts)
            else { continue }
            measured[indicator.id] = value
            let full = indicator.points * 10
            scores.append(
                EvaluationScore(
                    evaluation: evaluation.id,
                    indicator: indicator.id,
                    assessor: .data,
                    points: Points(tenths: min(full, max(0, value) * full / target))
                )
            )
        }
        return (scores, measured)
    }

    /// Refuses a day after the working day at `instant`: an evaluation cannot be opened,
    /// submitted (and so frozen) or a rectification recorded on a day that has not come (2099).
    private func checkNotAfterToday(_ day: CivilDate, at instant: Date) throws {
        let today = clock.day(at: instant)
        guard day <= today else {
            throw InputError.single(
                .outOfRange,
                "date",
                day.description,
                "不晚于今天(\(today))的日期",
                "a day no later than today (\(today))"
            )
        }
    }

    private func commit(
        _ writes: [Write],
        _ payload: some EventPayload,
        station: StationID,
        at instant: Date
    ) async throws {
        guard let found = try await store.station(station) else { throw InputError.unknownStation(station.rawValue) }
        try await store.commit(
            ChangeSet(
                writes: writes,
                events: [DomainEvent(payload, orgUnit: found.orgUnit, station: station, actor: actor, at: instant)]
            )
        )
    }
}
