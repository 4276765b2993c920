import Foundation
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanSQLite

/// `ReferralWork` on a real store: a referral needs an agency and named clients; its outcome moves
/// pending → accepted or declined → completed, never back, never before the referral.
struct ReferralWorkTests {
    private func request(clients: [String] = [Fixtures.client.id.rawValue]) -> ServiceRecordRequest {
        ServiceRecordRequest(
            station: "baibu",
            kind: "",
            date: "2021-03-01",
            durationMinutes: 30,
            workers: [Fixtures.workers[0].id.rawValue],
            clients: clients
        )
    }

    @Test func aReferralNeedsAnAgencyAndNamedClients() async throws {
        let temporary = try await TemporaryStore()
        defer { temporary.remove() }
        try await temporary.store.commit(Fixtures.directory())
        let work = ReferralWork(store: temporary.store)
        let error = await #expect(throws: InputError.self) {
            var headCount = request(clients: [])
            headCount.headCount = 3
            try await work.refer(headCount, to: " ", actor: .cli)
        }
        #expect(error?.issues.map(\.field) == ["to", "client"])
        let referral = try await work.refer(request(), to: "海盐县人民医院", actor: .cli)
        let events = try await temporary.store.events(after: .start, limit: 1_000).map(\.event.type).suffix(2)
        #expect(Array(events) == [.serviceRecorded, .referralMade])
        let listing = try await temporary.store.referral(referral.record)
        #expect(listing?.referral.outcome == .pending && listing?.clients == [Fixtures.client.id])
    }

    /// A referral passes a person's data to another agency: their consent must cover 转介
    /// (issue 21.7); a client without it, or without any consent recorded, is refused by name.
    @Test func aReferralNeedsTheClientsConsentToReferral() async throws {
        let temporary = try await TemporaryStore()
        defer { temporary.remove() }
        var directory = Fixtures.directory()
        var serviceOnly = Fixtures.client
        serviceOnly.id = try ClientID("baibu-c2")
        serviceOnly.consent = Consent(on: Fixtures.date("2021-01-04"), scope: [.service, .personalInformation])
        var unrecorded = Fixtures.client
        unrecorded.id = try ClientID("baibu-c3")
        unrecorded.consent = nil
        for client in [serviceOnly, unrecorded] {
            directory.register(client, at: Fixtures.baibu, by: .demo, at: Date())
        }
        try await temporary.store.commit(directory)
        let before = try await temporary.store.events(after: .start, limit: 1_000).count
        let error = await #expect(throws: InputError.self) {
            try await ReferralWork(store: temporary.store).refer(
                request(clients: ["baibu-c1", "baibu-c2", "baibu-c3"]),
                to: "县法律援助中心",
                actor: .cli
            )
        }
        #expect(error?.issues.map(\.found) == ["baibu-c2", "baibu-c3"])
        #expect(error?.issues.first?.expected.zhHans.hasPrefix("同意转介的服务对象:其知情同意只含接受服务、个人信息收集与使用") == true)
        #expect(error?.issues.last?.expected.zhHans.contains("其知情同意未登记") == true)
        #expect(try await temporary.store.events(after: .start, limit: 1_000).count == before)
    }

    @Test func outcomesMoveForwardOnlyAndNeverBeforeTheReferral() async throws {
        let temporary = try await TemporaryStore()
        defer { temporary.remove() }
        try await temporary.store.commit(Fixtures.directory())
        let work = ReferralWork(store: temporary.store)
        let referral = try await work.refer(request(), to: "县法律援助中心", actor: .cli)
        let id = referral.record.rawValue
        let early = await #expect(throws: InputError.self) {
            try await work.settle(id, outcome: "已接收", date: "2021-02-28", actor: .cli)
        }
        #expect(early?.issues.map(\.field) == ["date"])
        let skipped = await #expect(throws: InputError.self) {
            try await work.settle(id, outcome: "completed", date: "2021-03-02", actor: .cli)
        }
        #expect(skipped?.issues.first?.expected.zhHans == "当前为待反馈,可改为:accepted(已接收)、declined(未接收)")
        #expect(try await work.settle(id, outcome: "已接收", date: "2021-03-02", actor: .cli).outcome == .accepted)
        #expect(try await work.settle(id, outcome: "已办结", date: "2021-04-02", actor: .cli).outcome == .completed)
        let final = await #expect(throws: InputError.self) {
            try await work.settle(id, outcome: "declined", date: "2021-04-03", actor: .cli)
        }
        #expect(final?.issues.first?.expected.zhHans == "无:该转介已办结")
        let types = try await temporary.store.events(after: .start, limit: 1_000).map(\.event.type)
        #expect(types.filter { $0 == .referralOutcome }.count == 2)
    }
}
