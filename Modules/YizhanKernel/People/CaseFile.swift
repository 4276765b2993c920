import Foundation

/// A case (个案): one client's course through the stages of case work, each stage dated and owned
/// by a worker.
///
/// The stages run 接案 → 预估 → 计划 → 介入 → 评估 → 结案; a case can also be referred out (转介)
/// or ended early (中止) from any open stage, and an evaluation can send it back to intervention
/// when the plan's goals are not met. Anything else is refused.
public struct CaseFile: Hashable, Sendable, Codable, Identifiable {
    /// The case's identifier.
    public var id: CaseID
    /// The station that runs it.
    public var station: StationID
    /// The client it serves.
    public var client: ClientID
    /// Every stage the case has been in, oldest first; the last is the current one.
    public private(set) var history: [CaseStageEntry]
    /// The position in `history` of the stage whose overrun `case.overdue` announced, if any: each
    /// stage is announced once.
    public var overdueAnnounced: Int?

    /// Opens a case at intake (接案) on `date`, owned by `worker`.
    public init(id: CaseID, station: StationID, client: ClientID, openedOn date: CivilDate, by worker: WorkerID) {
        self.id = id
        self.station = station
        self.client = client
        history = [CaseStageEntry(stage: .intake, since: date, worker: worker)]
    }

    /// A case as stored: its history must hold at least the intake.
    ///
    /// - Throws: `CaseTransitionError` when `history` is empty or does not start at intake.
    public init(
        id: CaseID,
        station: StationID,
        client: ClientID,
        history: [CaseStageEntry],
        overdueAnnounced: Int? = nil
    ) throws(CaseTransitionError) {
        guard let first = history.first, first.stage == .intake else {
            throw CaseTransitionError(from: .intake, to: history.first?.stage ?? .intake, reason: .notAllowed)
        }
        self.id = id
        self.station = station
        self.client = client
        self.history = history
        self.overdueAnnounced = overdueAnnounced
    }

    /// The current stage.
    public var stage: CaseStage { history.last?.stage ?? .intake }

    /// The current stage's entry.
    public var current: CaseStageEntry { history[history.count - 1] }

    /// Days the current stage has lasted on `date`.
    public func daysInStage(on date: CivilDate) -> Int { date.daysSinceEpoch - current.since.daysSinceEpoch }

    /// Moves the case to `stage` on `date`, owned by `worker`.
    ///
    /// - Throws: `CaseTransitionError` when the stage machine does not allow the move, or `date`
    ///   is before the current stage began.
    public mutating func move(to stage: CaseStage, on date: CivilDate, by worker: WorkerID) throws(CaseTransitionError)
    {
        guard let current = history.last else { return }
        guard current.stage.next.contains(stage) else {
            throw CaseTransitionError(from: current.stage, to: stage, reason: .notAllowed)
        }
        guard date >= current.since else {
            throw CaseTransitionError(from: current.stage, to: stage, reason: .beforeCurrent)
        }
        history.append(CaseStageEntry(stage: stage, since: date, worker: worker))
    }

    /// Whether the current stage has lasted longer than `limits` allows for it, on `date`.
    /// A closed, referred or ended case is never overdue; a stage without a limit never is.
    public func isOverdue(on date: CivilDate, limits: [CaseStage: Int]) -> Bool {
        guard let current = history.last, !current.stage.isFinal, let days = limits[current.stage] else { return false }
        return date.daysSinceEpoch - current.since.daysSinceEpoch > days
    }
}

/// Identifies a case.
public typealias CaseID = Identifier<CaseFile>

/// One stage of a case's history.
public struct CaseStageEntry: Hashable, Sendable, Codable {
    /// The stage.
    public var stage: CaseStage
    /// The day it began.
    public var since: CivilDate
    /// The worker who owns it.
    public var worker: WorkerID

    /// Creates an entry.
    public init(stage: CaseStage, since: CivilDate, worker: WorkerID) {
        self.stage = stage
        self.since = since
        self.worker = worker
    }

    /// A history from the JSON the stores aggregate it into, `[[stage, since, worker], …]`.
    ///
    /// - Throws: `StoreError` `.backend` when an entry does not read back.
    public static func history(fromJSON text: String) throws -> [CaseStageEntry] {
        let entries = (try? JSONDecoder().decode([[String]].self, from: Data(text.utf8))) ?? []
        return try entries.map { fields in
            guard let entry = CaseStageEntry(storedFields: fields) else {
                throw StoreError(code: .backend, location: "case_stage", reason: "a stored stage does not read back")
            }
            return entry
        }
    }

    /// An entry from the text the stores keep it as, `[stage, since, worker]`; `nil` if it does
    /// not read back.
    public init?(storedFields fields: [String]) {
        guard fields.count == 3, let stage = CaseStage(rawValue: fields[0]),
            let since = try? CivilDate(parsing: fields[1]), let worker = try? WorkerID(fields[2])
        else { return nil }
        self.init(stage: stage, since: since, worker: worker)
    }
}

/// The stages of case work (个案工作流程).
public enum CaseStage: String, CaseIterable, Sendable, Codable, CodingKeyRepresentable {
    /// 接案.
    case intake
    /// 预估.
    case assessment
    /// 计划.
    case plan
    /// 介入.
    case intervention
    /// 评估.
    case evaluation
    /// 结案.
    case closed
    /// 转介 — referred to another service.
    case referred
    /// 中止 — ended before closing.
    case ended

    /// The stages this one may move to.
    public var next: Set<CaseStage> {
        switch self {
        case .intake: [.assessment, .referred, .ended]
        case .assessment: [.plan, .referred, .ended]
        case .plan: [.intervention, .referred, .ended]
        case .intervention: [.evaluation, .referred, .ended]
        case .evaluation: [.closed, .intervention, .referred, .ended]
        case .closed, .referred, .ended: []
        }
    }

    /// Whether the case is over in this stage.
    public var isFinal: Bool { next.isEmpty }

    /// The stage whose code or name (either language) is `text`.
    public static func matching(_ text: String) -> CaseStage? {
        allCases.first { $0.rawValue == text || $0.label(in: .zhHans) == text }
    }

    /// Stage-day limits as a database column holds them: `assessment=14;intake=7`, sorted.
    public static func limitsText(_ limits: [CaseStage: Int]) -> String {
        limits.map { "\($0.key.rawValue)=\($0.value)" }.sorted().joined(separator: ";")
    }

    /// Stage-day limits back from `limitsText`; unknown stages and malformed parts are left out.
    public static func limits(fromText text: String?) -> [CaseStage: Int] {
        var limits: [CaseStage: Int] = [:]
        for part in (text ?? "").split(separator: ";") {
            let pair = part.split(separator: "=")
            if pair.count == 2, let stage = CaseStage(rawValue: String(pair[0])), let days = Int(pair[1]) {
                limits[stage] = days
            }
        }
        return limits
    }

    /// The stage's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.intake, .zhHans): "接案"
        case (.assessment, .zhHans): "预估"
        case (.plan, .zhHans): "计划"
        case (.intervention, .zhHans): "介入"
        case (.evaluation, .zhHans): "评估"
        case (.closed, .zhHans): "结案"
        case (.referred, .zhHans): "转介"
        case (.ended, .zhHans): "中止"
        case (_, .en): rawValue
        }
    }
}

/// A stage change the case's stage machine refuses.
public struct CaseTransitionError: Error, Hashable, Sendable, UserFacingError {
    enum Reason: Hashable, Sendable { case notAllowed, beforeCurrent }
    /// The current stage.
    public let from: CaseStage
    /// The stage asked for.
    public let to: CaseStage
    let reason: Reason

    /// The message in the reader's language, with the stages that are allowed.
    public func message(in language: Language) -> String {
        let allowed = CaseStage.allCases.filter(from.next.contains).map { $0.label(in: language) }
        switch (reason, language) {
        case (.notAllowed, .zhHans):
            return allowed.isEmpty
                ? "个案已\(from.label(in: .zhHans)),不能再转到\(to.label(in: .zhHans))"
                : "个案处于\(from.label(in: .zhHans)),不能直接转到\(to.label(in: .zhHans));可转到:\(allowed.joined(separator: "、"))"
        case (.notAllowed, .en):
            return allowed.isEmpty
                ? "the case is \(from.rawValue); it cannot move to \(to.rawValue)"
                : "the case is at \(from.rawValue) and cannot move to \(to.rawValue); it can move to \(allowed.joined(separator: ", "))"
        case (.beforeCurrent, .zhHans):
            return "转到\(to.label(in: .zhHans))的日期早于\(from.label(in: .zhHans))开始的日期"
        case (.beforeCurrent, .en):
            return "the date of the move to \(to.rawValue) is before \(from.rawValue) began"
        }
    }
}
