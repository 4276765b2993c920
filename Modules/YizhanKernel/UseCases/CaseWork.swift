import Foundation

/// Opens and moves cases (个案) and announces the overdue ones: each check and its write in one
/// transaction, with the case's events.
///
/// ```swift
/// let cases = CaseWork(store: store)
/// let opened = try await cases.open(CaseRequest(station: "baibu", client: id, worker: "baibu-w3", date: "2021-03-01"), actor: .cli)
/// try await cases.move(caseID, to: "预估", date: "2021-03-05", worker: "baibu-w3", actor: .cli)
/// ```
public struct CaseWork: Sendable {
    let store: any StationStore
    let clock: WorkClock

    /// Creates the use case over `store`; `clock` gives the instant and the working day.
    public init(store: any StationStore, clock: WorkClock = .system) {
        self.store = store
        self.clock = clock
    }

    /// Opens a case at intake for a client of the station.
    ///
    /// - Throws: `InputError` naming every refused field; nothing is written.
    @discardableResult
    public func open(
        station: String,
        client: String,
        worker: String,
        date: String,
        actor: Actor
    ) async throws -> (CaseFile, StoredEvent) {
        let instant = clock.now()
        let today = clock.day(at: instant)
        guard let stationID = try? StationID(station) else { throw Self.unknownStation(station) }
        let clientID = try? ClientID(client)
        let request = ContextRequest(station: stationID, clients: clientID.map { [$0] } ?? [])
        // One client has one open case at a time (issue 21.4): a second would split their history.
        let open = try await store.caseFiles(in: .station(stationID), openOnly: true, limit: Int.max).first {
            $0.client == clientID
        }
        let (sequence, output) = try await store.commit(checking: request) { context in
            guard let context else { throw Self.unknownStation(station) }
            var check = FieldCheck()
            if !context.clients.contains(where: { $0.id == clientID && $0.station == context.station.id }) {
                check.refuse(.unknownReference, "client", client, "本站已登记的服务对象标识", "the id of a client of this station")
            }
            if let open {
                check.refuse(
                    .conflict,
                    "client",
                    client,
                    "尚无未结个案的服务对象(个案 \(open.id) 仍在进行,先结案或继续该个案)",
                    "a client with no open case (case \(open.id) is still open: close it or carry it on)"
                )
            }
            let owner = check.workers([worker], context: context).first
            let day = check.date(date, today: today)
            guard check.issues.isEmpty, let owner, let day, let clientID else { throw InputError(issues: check.issues) }
            let file = CaseFile(
                id: .generate(),
                station: context.station.id,
                client: clientID,
                openedOn: day,
                by: owner
            )
            var change = ChangeSet()
            change.open(file, at: context.station, by: actor, at: instant)
            return (change, (file, change.events.last))
        }
        guard let sequence, let event = output.1 else {
            throw StoreError(code: .backend, location: "commit", reason: "the case was not written")
        }
        return (output.0, StoredEvent(sequence: sequence, event: event))
    }

    /// Moves case `id` to `stage` (a code or its Chinese name) on `date`, owned by `worker`.
    ///
    /// - Throws: `InputError` for an unknown case, stage, worker or a bad date; `CaseTransitionError`
    ///   when the stage machine refuses the move. Nothing is written then.
    @discardableResult
    public func move(
        _ id: String,
        to stage: String,
        date: String,
        worker: String,
        actor: Actor
    ) async throws -> (CaseFile, StoredEvent) {
        let instant = clock.now()
        let today = clock.day(at: instant)
        guard let caseID = try? CaseID(id), let file = try await store.caseFile(caseID) else {
            throw InputError(issues: [
                InputIssue(
                    code: .unknownReference,
                    field: "case",
                    found: id,
                    expected: LocalizedText("已开的个案标识", en: "the id of an open case")
                )
            ])
        }
        let (sequence, output) = try await store.commit(checking: ContextRequest(station: file.station)) { context in
            guard let context else { throw Self.unknownStation(file.station.rawValue) }
            var check = FieldCheck()
            let target = CaseStage.matching(stage)
            if target == nil {
                let names = CaseStage.allCases.map { "\($0.rawValue)(\($0.label(in: .zhHans)))" }.joined(separator: "、")
                check.refuse(
                    .invalidFormat,
                    "stage",
                    stage,
                    "以下之一:\(names)",
                    "one of \(CaseStage.allCases.map(\.rawValue))"
                )
            }
            let owner = check.workers([worker], context: context).first
            let day = check.date(date, today: today)
            guard check.issues.isEmpty, let target, let owner, let day else { throw InputError(issues: check.issues) }
            var moved = file
            try moved.move(to: target, on: day, by: owner)
            var change = ChangeSet()
            change.move(moved, at: context.station, by: actor, at: instant)
            return (change, (moved, change.events.last))
        }
        guard let sequence, let event = output.1 else {
            throw StoreError(code: .backend, location: "commit", reason: "the move was not written")
        }
        return (output.0, StoredEvent(sequence: sequence, event: event))
    }

    /// Announces with `case.overdue` every open case in `scope` that has stayed in its stage longer
    /// than its station's `caseStageDays` allow on `date` (default today), each stage once.
    ///
    /// - Returns: the cases announced now, with their events (none: nothing is written).
    @discardableResult
    public func announceOverdue(in scope: Scope, on date: CivilDate? = nil, actor: Actor) async throws -> [CaseOverdue]
    {
        let instant = clock.now()
        let day = date ?? clock.day(at: instant)
        var change = ChangeSet()
        for station in try await store.stations(in: scope) where !station.caseStageDays.isEmpty {
            for file in try await store.caseFiles(in: .station(station.id), openOnly: true, limit: Int.max) {
                guard let limit = station.caseStageDays[file.stage],
                    file.isOverdue(on: day, limits: station.caseStageDays),
                    file.overdueAnnounced != file.history.count - 1
                else { continue }
                change.announceOverdue(file, on: day, limit: limit, at: station, by: actor, at: instant)
            }
        }
        guard !change.isEmpty else { return [] }
        try await store.commit(change)
        return try change.events.map { try $0.decodePayload(as: CaseOverdue.self) }
    }

    private static func unknownStation(_ text: String) -> InputError {
        InputError(issues: [
            InputIssue(
                code: .unknownReference,
                field: "station",
                found: text,
                expected: LocalizedText("已登记的社工站标识", en: "the id of a registered station")
            )
        ])
    }
}
