import Foundation

/// Forms groups (小组) and records their sessions with attendance: a session is a `groupSession`
/// service record (checked as `RecordService` checks one) naming the group, whose participants are
/// the members present.
public struct GroupWork: Sendable {
    let store: any StationStore
    let clock: WorkClock

    /// Creates the use case over `store`; `clock` gives the instant and the working day.
    public init(store: any StationStore, clock: WorkClock = .system) {
        self.store = store
        self.clock = clock
    }

    /// Forms a group of `members` (clients of the station) on `date`.
    ///
    /// - Throws: `InputError` naming every refused field; nothing is written.
    @discardableResult
    public func form(
        station: String,
        name: String,
        members: [String],
        date: String,
        plannedSessions: Int? = nil,
        program: String? = nil,
        subProject: String? = nil,
        actor: Actor
    ) async throws -> ServiceGroup {
        let instant = clock.now()
        let today = clock.day(at: instant)
        guard let stationID = try? StationID(station) else { throw Self.unknown("station", station, "已登记的社工站标识") }
        let ids = members.compactMap { try? ClientID($0) }
        let title = name.trimmingWhitespace()
        let (_, group) = try await store.commit(checking: ContextRequest(station: stationID, clients: ids)) {
            context -> (ChangeSet, ServiceGroup) in
            guard let context else { throw Self.unknown("station", station, "已登记的社工站标识") }
            var check = FieldCheck()
            check.text(name, field: "name", limit: 50, "小组名称", "a group name")
            if members.isEmpty {
                check.refuse(.missing, "member", "", "至少一名组员(--member)", "at least one member (--member)")
            }
            let known = Set(context.clients.filter { $0.station == context.station.id }.map(\.id.rawValue))
            for member in members where !known.contains(member) {
                check.refuse(.unknownReference, "member", member, "本站已登记的服务对象标识", "the id of a client of this station")
            }
            if Set(members).count < members.count {
                check.refuse(.conflict, "member", "", "每位组员只列一次", "each member listed once")
            }
            if let plannedSessions, !(1...200).contains(plannedSessions) {
                check.refuse(.outOfRange, "planned-sessions", String(plannedSessions), "1 至 200 节", "1 to 200 sessions")
            }
            let day = check.date(date, today: today)
            var probe = ServiceRecordRequest(station: station, kind: "", date: date, durationMinutes: 0)
            probe.program = program
            probe.subProject = subProject
            let (chosen, part) = check.program(probe, context: context)
            guard check.issues.isEmpty, let day else { throw InputError(issues: check.issues) }
            let group = ServiceGroup(
                id: .generate(),
                station: context.station.id,
                name: title,
                formedOn: day,
                plannedSessions: plannedSessions,
                members: Array(Set(ids)).sorted { $0.rawValue < $1.rawValue },
                program: chosen?.id,
                subProject: part?.id
            )
            var change = ChangeSet()
            change.form(group, at: context.station, by: actor, at: instant)
            return (change, group)
        }
        return group
    }

    /// Records a session of group `id` on `date` with the members `present`.
    ///
    /// - Throws: `InputError` for an unknown group, someone present who is not a member, a date before
    ///   the group was formed, or any field `RecordService` refuses; nothing is written.
    @discardableResult
    public func session(
        of id: String,
        date: String,
        durationMinutes: Int,
        workers: [String],
        present: [String],
        actor: Actor
    ) async throws -> ServiceRecord {
        guard let groupID = try? GroupID(id), let group = try await store.group(groupID) else {
            throw Self.unknown("group", id, "已成立的小组标识")
        }
        let instant = clock.now()
        let today = clock.day(at: instant)
        let request = ServiceRecordRequest(
            station: group.station.rawValue,
            kind: ServiceKind.groupSession.rawValue,
            date: date,
            durationMinutes: durationMinutes,
            workers: workers,
            clients: present,
            program: group.program?.rawValue,
            subProject: group.subProject?.rawValue
        )
        let lookup = RecordService.contextRequest(request, station: group.station)
        let (_, record) = try await store.commit(checking: lookup) { context -> (ChangeSet, ServiceRecord) in
            var issues: [InputIssue] = []
            let members = Set(group.members.map(\.rawValue))
            for client in present where !members.contains(client) {
                issues.append(
                    InputIssue(
                        code: .unknownReference,
                        field: "present",
                        found: client,
                        expected: LocalizedText("“\(group.name)”的组员", en: "a member of '\(group.name)'")
                    )
                )
            }
            var record: ServiceRecord?
            do {
                record = try RecordService.check(request, context: context, today: today)
            } catch let error as InputError {
                issues += error.issues.filter { issue in
                    !(issue.field == "client" && issues.contains { $0.found == issue.found })
                }
            }
            if let day = try? CivilDate(ledgerText: date), day < group.formedOn {
                issues.append(
                    InputIssue(
                        code: .outOfRange,
                        field: "date",
                        found: date,
                        expected: LocalizedText(
                            "不早于小组成立日 \(group.formedOn)",
                            en: "no earlier than the group's forming (\(group.formedOn))"
                        )
                    )
                )
            }
            guard issues.isEmpty, var record, let context else { throw InputError(issues: issues) }
            record.group = group.id
            var change = ChangeSet()
            change.record(record, at: context.station, by: actor, at: instant)
            return (change, record)
        }
        return record
    }

    private static func unknown(_ field: String, _ found: String, _ zh: String) -> InputError {
        InputError(issues: [
            InputIssue(
                code: .unknownReference,
                field: field,
                found: found,
                expected: LocalizedText(zh, en: "a known \(field) id")
            )
        ])
    }
}
