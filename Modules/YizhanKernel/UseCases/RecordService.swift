public import Foundation

/// Records a service: checks a request against the store, then commits the record with its
/// `service.recorded` event in one transaction.
///
/// ```swift
/// let recorder = RecordService(store: store)
/// let stored = try await recorder.record(request, actor: .cli)
/// ```
public struct RecordService: Sendable {
    /// The longest a single record may last: one day.
    public static var maximumDurationMinutes: Int { 24 * 60 }

    let store: any StationStore
    let now: @Sendable () -> Date

    /// Creates the use case over `store`; `now` gives the current instant (tests pin it).
    public init(store: any StationStore, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.now = now
    }

    /// Checks `request`, then commits the record and its event.
    ///
    /// - Throws: `InputError` listing every refused field (nothing is written), or `StoreError`.
    @discardableResult
    public func record(_ request: ServiceRecordRequest, actor: Actor) async throws -> StoredEvent {
        let (record, station) = try await validate(request)
        let event = DomainEvent.serviceRecorded(record, at: station, actor: actor, at: now())
        let sequence = try await store.commit(ChangeSet(writes: [.serviceRecord(record)], events: [event]))
        return StoredEvent(sequence: sequence ?? .start, event: event)
    }

    /// Checks every field of `request`; returns the record it describes and its station.
    ///
    /// - Throws: `InputError` with one issue per refused field.
    public func validate(_ request: ServiceRecordRequest) async throws -> (ServiceRecord, Station) {
        var issues: [InputIssue] = []
        func refuse(_ code: InputIssue.Code, _ field: String, _ found: String, _ zh: String, _ en: String) {
            issues.append(InputIssue(code: code, field: field, found: found, expected: LocalizedText(zh, en: en)))
        }

        var station: Station?
        if let id = try? StationID(request.station) {
            station = try await store.station(id)
        }
        if station == nil {
            refuse(.unknownReference, "station", request.station, "已登记的社工站标识", "the id of a registered station")
        }

        let kind = ServiceKind.matching(request.kind)
        if kind == nil {
            let names = ServiceKind.known.map { "\($0.rawValue)(\($0.label(in: .zhHans)))" }.joined(separator: "、")
            refuse(.invalidFormat, "kind", request.kind, "以下之一:\(names)", "one of \(ServiceKind.known.map(\.rawValue))")
        }

        var date: CivilDate?
        do {
            let parsed = try CivilDate(parsing: request.date)
            let today = CivilDate(shanghaiDayOf: now().timeIntervalSince1970)
            if parsed > today {
                refuse(.outOfRange, "date", request.date, "不晚于今天(\(today))的日期", "a date no later than today (\(today))")
            } else {
                date = parsed
            }
        } catch {
            refuse(.invalidFormat, "date", request.date, error.expectation(in: .zhHans), error.expectation(in: .en))
        }

        if !(0...Self.maximumDurationMinutes).contains(request.durationMinutes) {
            refuse(
                .outOfRange, "duration", String(request.durationMinutes),
                "0 至 \(Self.maximumDurationMinutes) 之间的分钟数", "minutes from 0 to \(Self.maximumDurationMinutes)"
            )
        }

        let village = try await checkVillage(request.village, station: station, refuse: refuse)
        let workers = try await checkWorkers(request.workers, station: station, refuse: refuse)
        let participants = try await checkParticipants(request, station: station, refuse: refuse)
        let (program, subProject) = try await checkProgram(request, station: station, refuse: refuse)

        guard issues.isEmpty, let station, let kind, let date, let participants else {
            throw InputError(issues: issues)
        }
        let record = ServiceRecord(
            id: .generate(),
            station: station.id,
            kind: kind,
            date: date,
            durationMinutes: request.durationMinutes,
            village: village,
            workers: workers,
            participants: participants,
            program: program?.id,
            programVersion: program?.version,
            subProject: subProject?.id
        )
        return (record, station)
    }

    private typealias Refuse = (InputIssue.Code, String, String, String, String) -> Void

    private func checkVillage(_ text: String?, station: Station?, refuse: Refuse) async throws -> DivisionCode? {
        guard let text else { return nil }
        guard let code = try? DivisionCode(text), code.level == .village else {
            refuse(.invalidFormat, "village", text, "12 位村(社区)区划代码", "a 12-digit village division code")
            return nil
        }
        guard let station else { return code }
        guard station.orgUnit.contains(code), try await store.orgUnit(code) != nil else {
            refuse(
                .unknownReference, "village", text, "\(station.name)辖区内已登记的村(社区)",
                "a registered village within the station's township"
            )
            return nil
        }
        return code
    }

    private func checkWorkers(_ ids: [String], station: Station?, refuse: Refuse) async throws -> [WorkerID] {
        guard let station, !ids.isEmpty else { return [] }
        let known = Set(try await store.workers(of: station.id).map(\.id.rawValue))
        for id in ids where !known.contains(id) {
            refuse(.unknownReference, "worker", id, "\(station.name)的社工标识", "the id of a worker of this station")
        }
        return ids.compactMap { try? WorkerID($0) }
    }

    private func checkParticipants(_ request: ServiceRecordRequest, station: Station?, refuse: Refuse) async throws
        -> Participants?
    {
        switch (request.clients.isEmpty, request.headCount) {
        case (true, nil):
            refuse(.missing, "head-count", "", "参与人数(--head-count)或服务对象(--client)", "--head-count or --client")
            return nil
        case (false, .some(let count)):
            refuse(.conflict, "head-count", String(count), "与 --client 二选一", "either --head-count or --client, not both")
            return nil
        case (true, .some(let count)):
            guard (1...100_000).contains(count) else {
                refuse(.outOfRange, "head-count", String(count), "1 至 100000 之间的人数", "a number from 1 to 100,000")
                return nil
            }
            return .headCount(count)
        case (false, nil):
            let ids = request.clients.compactMap { try? ClientID($0) }
            let found = Set(try await store.clients(ids).filter { $0.station == station?.id }.map(\.id.rawValue))
            let missing = request.clients.filter { !found.contains($0) }
            for id in missing {
                refuse(.unknownReference, "client", id, "本站已登记的服务对象标识", "the id of a client of this station")
            }
            return missing.isEmpty ? .clients(ids) : nil
        }
    }

    private func checkProgram(_ request: ServiceRecordRequest, station: Station?, refuse: Refuse) async throws
        -> (Program?, SubProject?)
    {
        guard let station, request.program != nil || request.subProject != nil else { return (nil, nil) }
        let programs = try await store.programs(of: station.id)
        var program = request.program.flatMap { id in programs.first { $0.program.id.rawValue == id } }
        if let id = request.program, program == nil {
            refuse(.unknownReference, "program", id, "\(station.name)的服务项目标识", "the id of a program of this station")
        }
        guard let subProjectID = request.subProject else { return (program?.program, nil) }
        let owner = programs.first { $0.subProjects.contains { $0.id.rawValue == subProjectID } }
        let subProject = owner?.subProjects.first { $0.id.rawValue == subProjectID }
        if subProject == nil {
            refuse(.unknownReference, "sub-project", subProjectID, "\(station.name)的子项目标识", "a sub-project of this station")
        } else if let chosen = program, chosen.program.id != owner?.program.id {
            refuse(.conflict, "sub-project", subProjectID, "属于 --program 所指项目的子项目", "a sub-project of the given program")
        }
        program = program ?? owner
        return (program?.program, subProject)
    }
}
