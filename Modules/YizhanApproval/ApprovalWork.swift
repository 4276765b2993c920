import Foundation
public import YizhanKernel

/// The approval use cases (issue 25): where each station's period stands, taking a step on it,
/// and its history. Every path (command line, API, pages) goes through these, which check the
/// principal's scope (outside it is 404) and level, the state machine, and the reason.
public struct ApprovalWork: Sendable {
    let store: any StationStore
    /// The workflows the county uses, in its order.
    public let workflows: [ApprovalWorkflow]
    let access: ObjectAccess
    let clock: WorkClock

    /// The use cases over `store` for `workflows`; denials are recorded in `home` (the county).
    public init(store: any StationStore, workflows: [ApprovalWorkflow], home: DivisionCode, clock: WorkClock = .system)
    {
        self.store = store
        self.workflows = workflows
        self.access = ObjectAccess(store: store, home: home, clock: clock)
        self.clock = clock
    }

    /// The longest reason kept with a step, in characters.
    public static let reasonLimit = 500

    /// The workflow `id` names; without an id, the only one.
    ///
    /// - Throws: `ApprovalError.unknownWorkflow` listing the known ids.
    public func workflow(_ id: String?) throws(ApprovalError) -> ApprovalWorkflow {
        if let id, let found = workflows.first(where: { $0.id == id }) { return found }
        if id == nil, workflows.count == 1, let only = workflows.first { return only }
        throw .unknownWorkflow(id, known: workflows.map(\.id))
    }

    /// The period `text` names in `workflow`, or the one holding today when `nil`.
    public func period(_ text: String?, in workflow: ApprovalWorkflow) throws -> ApprovalPeriod {
        guard let text else { return ApprovalPeriod(containing: clock.today, type: workflow.periodType) }
        return try ApprovalPeriod(parsing: text, type: workflow.periodType)
    }

    /// Where `period` stands at each station `principal` may read figures of, with the steps the
    /// principal may take there now.
    public func status(
        of workflow: ApprovalWorkflow,
        period: ApprovalPeriod,
        by principal: Principal
    ) async throws
        -> [ApprovalStatus]
    {
        let stations = try await access.stations(.readFigures, by: principal)
        var stored: [StationID: Approval] = [:]
        for scope in principal.scopes(for: .readFigures) {
            for approval in try await store.approvals(workflow: workflow.id, period: period, in: scope) {
                stored[approval.station] = approval
            }
        }
        let due = workflow.dueDay(of: period)
        return stations.sorted { ($0.orgUnit, $0.id.rawValue) < ($1.orgUnit, $1.id.rawValue) }.map { station in
            let approval = stored[station.id] ?? .untouched(workflow, period: period, station: station.id)
            return ApprovalStatus(
                station: station,
                approval: approval,
                dueOn: due,
                isOverdue: approval.state == .open && clock.today > due,
                actions: actions(principal, may: workflow, from: approval.state, at: station)
            )
        }
    }

    /// Takes `action` on `workflow`'s `period` at the station `stationID` names, as `principal`.
    ///
    /// - Throws: `AccessRefusal` (404) for a station outside the principal's grants;
    ///   `ApprovalError` for a step the state, the level or a missing reason does not allow, or one
    ///   someone else took first; `InputError` for a reason that looks like personal data.
    @discardableResult
    public func take(
        _ action: ApprovalAction,
        workflow: ApprovalWorkflow,
        period: ApprovalPeriod,
        station stationID: String,
        reason: String?,
        by principal: Principal,
        route: String = "approval"
    ) async throws -> ApprovalStep {
        let station = try await access.station(stationID, .readFigures, by: principal, route: route)
        let current =
            try await store.approval(workflow: workflow.id, period: period, station: station.id)
            ?? .untouched(workflow, period: period, station: station.id)
        guard let (level, next) = action.transition(from: current.state, in: workflow),
            workflow.levels.contains(level)
        else {
            throw ApprovalError.notAllowed(
                action,
                state: current.state,
                allowed: ApprovalAction.allowed(from: current.state, in: workflow)
            )
        }
        guard grant(principal, for: action, level: level, at: station) else {
            throw ApprovalError.wrongLevel(action, needs: level)
        }
        let trimmed = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        let kept = trimmed?.isEmpty == false ? trimmed : nil
        if action.needsReason, kept == nil { throw ApprovalError.reasonRequired(action) }
        if let kept, let issue = FreeText.issue(kept, field: "reason") { throw InputError(issues: [issue]) }
        if let kept, kept.count > Self.reasonLimit {
            throw InputError(issues: [
                InputIssue(
                    code: .outOfRange,
                    field: "reason",
                    found: "\(kept.count) 字",
                    expected: LocalizedText("不超过 \(Self.reasonLimit) 字", en: "at most \(Self.reasonLimit) characters")
                )
            ])
        }
        let today = clock.today
        guard period.days.start <= today else { throw ApprovalError.futurePeriod(period, today: today) }
        let figures = try await ApprovalFigures.read(
            from: store,
            station: station.id,
            period: period.days,
            covers: workflow.covers
        )
        let step = ApprovalStep(
            workflow: workflow.id,
            period: period,
            station: station.id,
            position: current.version,
            action: action,
            from: current.state,
            to: next,
            actor: principal.actor,
            level: level,
            // Kept to the millisecond, as the stores keep it: the step returned is the step stored.
            at: Date(millisecondsSince1970: clock.now().millisecondsSince1970),
            reason: kept,
            digest: figures.digest,
            covers: workflow.covers
        )
        do {
            try await store.commit(
                ChangeSet(writes: [.approvalStep(step)], events: [.approval(step, orgUnit: station.orgUnit)])
            )
        } catch let error as StoreError where error.code == .constraintViolation {
            let now = try await store.approval(workflow: workflow.id, period: period, station: station.id)
            throw ApprovalError.movedOn(action, now: now?.state ?? current.state, by: now?.lastActor)
        }
        return step
    }

    /// The steps of `workflow`'s `period` at the station `stationID` names, oldest first.
    ///
    /// - Throws: `AccessRefusal` (404) for a station outside the principal's grants.
    public func history(
        of workflow: ApprovalWorkflow,
        period: ApprovalPeriod,
        station stationID: String,
        by principal: Principal,
        route: String = "approval"
    ) async throws -> [ApprovalStep] {
        let station = try await access.station(stationID, .readFigures, by: principal, route: route)
        return try await store.approvalSteps(workflow: workflow.id, period: period, station: station.id)
    }

    /// The steps `principal` may take from `state` at `station`.
    func actions(
        _ principal: Principal,
        may workflow: ApprovalWorkflow,
        from state: ApprovalState,
        at station: Station
    )
        -> [ApprovalAction]
    {
        ApprovalAction.allowed(from: state, in: workflow).filter { action in
            guard let (level, _) = action.transition(from: state, in: workflow), workflow.levels.contains(level) else {
                return false
            }
            return grant(principal, for: action, level: level, at: station)
        }
    }

    /// Whether `principal` holds a grant allowing `action` at `station`, acting at `level`.
    func grant(_ principal: Principal, for action: ApprovalAction, level: ApprovalLevel, at station: Station) -> Bool {
        principal.grants.contains { grant in
            grant.allows(action.permission, at: station) && ApprovalLevel.of(grant.scope) == level
        }
    }
}

/// Where one station's period stands, as `ApprovalWork.status` lists it.
public struct ApprovalStatus: Hashable, Sendable {
    /// The station.
    public var station: Station
    /// Its state (an untouched period is open at version 0).
    public var approval: Approval
    /// The day its submission is due.
    public var dueOn: CivilDate
    /// Whether it is still open past that day.
    public var isOverdue: Bool
    /// The steps the principal asking may take now.
    public var actions: [ApprovalAction]
}
