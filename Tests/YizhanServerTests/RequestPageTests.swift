import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanServer

/// The overdue list as a page (issue 26.3): a station's open requests with the one past its
/// accept limit marked and counted, `?overdue=1` for only those, nothing a resident wrote, and
/// nothing of another station's.
struct RequestPageTests {
    @Test func aRequestPastItsLimitIsMarkedAndTheContentIsNotOnThePage() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let desk = RequestDesk(store: harness.store, policy: .shipped, vault: FixtureVault(), clock: harness.time.clock)
        let liaison = RequestStaff(tier: "liaison", assignee: .contact("baibu-liaison-1"))
        func file(_ category: String, _ description: String) async throws -> ResidentRequest {
            try await desk.file(
                RequestFiling(
                    station: Fixtures.baibu.id,
                    village: Fixtures.baibuVillage,
                    category: category,
                    channel: .phone,
                    receiver: liaison,
                    description: description,
                    contact: PersonalData(name: "王秀英", phone: try PhoneNumber("13812345678"))
                ),
                in: .all
            )
        }
        // 紧急求助 is to be accepted within 30 minutes; 一般诉求 within 24 hours.
        let emergency = try await file("emergency", "老人摔倒在楼道")
        let ordinary = try await file("ordinary", "路灯不亮")
        harness.time.advance(by: 45 * 60)
        try await harness.user("wang.baibu", "王社工", password: StationPageTests.password, grant: "socialWorker@baibu")
        try await harness.user("li.ganpu", "李社工", password: StationPageTests.password, grant: "socialWorker@ganpu")
        try await harness.application().test(.router) { client in
            let browser = try await StationPageTests.signIn(client, "wang.baibu")
            let page = try await client.page("/stations/baibu/requests", cookies: browser.cookies)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<strong data-figure="open-count">2</strong>"#))
            #expect(page.text.contains(#"<strong data-figure="overdue-count">1</strong>"#))
            #expect(
                page.text.contains(
                    #"<tr data-request="\#(emergency.id.rawValue)" class="overdue"><td>紧急求助</td><td>330424102201</td><td>已登记</td><td>睦邻党群联络员 contact:baibu-liaison-1</td>"#
                ),
                "\(page.text)"
            )
            #expect(page.text.contains(#"<span class="bad">⚠ 受理时限</span>"#))
            let due = try #require(RequestWorkflow(policy: .shipped).due(.accept, of: ordinary))
            #expect(page.text.contains(#"<tr data-request="\#(ordinary.id.rawValue)"><td>一般诉求</td>"#))
            #expect(page.text.contains("<td>\(due.shanghaiText)</td>"))
            #expect(page.text.contains(#"<li><a href="/stations/baibu/requests" aria-current="page">居民诉求</a></li>"#))
            for text in ["王秀英", "13812345678", "摔倒", "路灯"] {
                #expect(!page.text.contains(text), "the page shows \(text)")
            }
            let late = try await client.page("/stations/baibu/requests?overdue=1", cookies: browser.cookies)
            #expect(late.text.contains(emergency.id.rawValue) && !late.text.contains(ordinary.id.rawValue))

            // Another station's worker: no such page.
            let other = try await StationPageTests.signIn(client, "li.ganpu")
            #expect(try await client.page("/stations/baibu/requests", cookies: other.cookies).status == .notFound)
            let own = try await client.page("/stations/ganpu/requests", cookies: other.cookies)
            #expect(own.status == .ok && own.text.contains("暂无") && !own.text.contains(emergency.id.rawValue))
        }
    }
}
