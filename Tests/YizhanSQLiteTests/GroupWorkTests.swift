import Foundation
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanSQLite

/// `GroupWork` on a real store: a group of the station's clients; sessions record who was present,
/// only members, never before the group was formed, and count as group-session person-times.
struct GroupWorkTests {
    private func store() async throws -> (TemporaryStore, ClientID) {
        let temporary = try await TemporaryStore()
        try await temporary.store.commit(Fixtures.directory())
        var other = Fixtures.client
        other.id = Fixtures.id("baibu-c2")
        var change = ChangeSet()
        change.register(other, at: Fixtures.baibu, by: .cli, at: Date())
        try await temporary.store.commit(change)
        return (temporary, other.id)
    }

    @Test func formingRefusesStrangersAndNamelessGroups() async throws {
        let (temporary, _) = try await store()
        defer { temporary.remove() }
        let error = await #expect(throws: InputError.self) {
            try await GroupWork(store: temporary.store).form(
                station: "baibu",
                name: " ",
                members: ["nobody"],
                date: "2021-03-01",
                plannedSessions: 0,
                actor: .cli
            )
        }
        #expect(error?.issues.map(\.field) == ["name", "member", "planned-sessions"])
    }

    @Test func sessionsRecordAttendanceOfMembersOnly() async throws {
        let (temporary, other) = try await store()
        defer { temporary.remove() }
        let work = GroupWork(store: temporary.store)
        let group = try await work.form(
            station: "baibu",
            name: "留守儿童成长小组",
            members: [Fixtures.client.id.rawValue, other.rawValue],
            date: "2021-03-01",
            plannedSessions: 6,
            actor: .cli
        )
        let worker = Fixtures.workers[0].id.rawValue
        let first = try await work.session(
            of: group.id.rawValue,
            date: "2021-03-08",
            durationMinutes: 90,
            workers: [worker],
            present: [Fixtures.client.id.rawValue, other.rawValue],
            actor: .cli
        )
        #expect(first.kind == .groupSession && first.group == group.id && first.personTimes == 2)
        let stranger = await #expect(throws: InputError.self) {
            try await work.session(
                of: group.id.rawValue,
                date: "2021-02-20",
                durationMinutes: 90,
                workers: [worker],
                present: ["nobody"],
                actor: .cli
            )
        }
        #expect(stranger?.issues.map(\.field) == ["present", "date"])
        try await work.session(
            of: group.id.rawValue,
            date: "2021-03-15",
            durationMinutes: 90,
            workers: [worker],
            present: [other.rawValue],
            actor: .cli
        )
        let sessions = try await temporary.store.serviceRecords(ServiceRecordQuery(group: group.id))
        #expect(sessions.map(\.personTimes) == [1, 2])
        let totals = try await temporary.store.serviceTotals(ServiceTotalsQuery(groupBy: [.kind]))
        #expect(totals.first { $0.kind == .groupSession }?.personTimes == 3)
    }
}
