import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanSQLite
import YizhanServer

/// A station's cases as pages (issue 24.2): listed by stage with the overdue marked, a case's
/// history, a move only to a stage the stage machine allows, and nothing of another station's.
struct CasePageTests {
    @Test func anOverdueCaseIsMarkedAndMovesOnlyToAnAllowedStage() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        var station = Fixtures.baibu
        station.caseStageDays = [.intake: 7, .assessment: 14]
        var limits = ChangeSet()
        limits.configure(station, by: .demo, at: Date())
        try await harness.store.commit(limits)
        let today = harness.dependencies.clock.today
        let (file, _) = try await harness.dependencies.cases.open(
            station: "baibu",
            client: Fixtures.client.id.rawValue,
            worker: "baibu-w1",
            date: today.adding(days: -10).description,
            actor: .demo
        )
        try await harness.user("wang.baibu", "王社工", password: StationPageTests.password, grant: "socialWorker@baibu")
        try await harness.user("li.ganpu", "李社工", password: StationPageTests.password, grant: "socialWorker@ganpu")
        try await harness.application().test(.router) { client in
            let browser = try await StationPageTests.signIn(client, "wang.baibu")
            let list = try await client.page("/stations/baibu/cases", cookies: browser.cookies)
            #expect(list.text.contains(#"<strong data-figure="overdue-count">1</strong>"#))
            #expect(list.text.contains("<h2>接案 <span class=\"sub\">1</span></h2>"))
            #expect(list.text.contains(#"<tr class="overdue"><td><a href="/cases/\#(file.id.rawValue)">"#))
            #expect(
                list.text.contains(#"<td class="num">10</td><td class="num">7</td><td><span class="bad">⚠ 超期</span>"#)
            )
            let home = try await client.page("/stations/baibu", cookies: browser.cookies)
            #expect(home.text.contains(#"<h2 id="cases-heading">超期个案 <span class="sub">1</span></h2>"#))

            let uri = "/cases/\(file.id.rawValue)"
            let page = try await client.page(uri, cookies: browser.cookies)
            #expect(page.text.contains("<li>接案 · \(today.adding(days: -10)) · 示例社工甲</li>"))
            // Only the stages intake may move to are offered.
            let offered = page.text.matches(of: /<option value="(\w+)">/).map { String($0.1) }
            #expect(offered.filter { CaseStage(rawValue: $0) != nil } == ["assessment", "referred", "ended"])

            let before = try await harness.lastEvent()
            let skipped = try await client.postFields(
                "\(uri)/move",
                [("csrf", browser.csrf), ("stage", "closed"), ("date", today.description), ("worker", "baibu-w1")],
                cookies: browser.cookies
            )
            #expect(
                skipped.status == .unprocessableContent && skipped.text.contains(#"<div class="alert" role="alert">"#)
            )
            #expect(try await harness.lastEvent() == before)
            let moved = try await client.postFields(
                "\(uri)/move",
                [("csrf", browser.csrf), ("stage", "assessment"), ("date", today.description), ("worker", "baibu-w2")],
                cookies: browser.cookies
            )
            #expect(moved.status == .seeOther && moved.headers[.location] == "\(uri)?moved=1")
            #expect(try await harness.events(after: before).map(\.event.type) == [.caseMoved])
            let after = try await client.page("\(uri)?moved=1", cookies: browser.cookies)
            #expect(after.text.contains("已转入新阶段。") && after.text.contains("<li>预估 · \(today) · 示例社工乙</li>"))

            let other = try await StationPageTests.signIn(client, "li.ganpu")
            #expect(try await client.page(uri, cookies: other.cookies).status == .notFound)
            #expect(try await client.page("/stations/baibu/cases", cookies: other.cookies).status == .notFound)
            let foreign = try await client.postFields(
                "\(uri)/move",
                [("csrf", other.csrf), ("stage", "ended"), ("date", today.description), ("worker", "baibu-w1")],
                cookies: other.cookies
            )
            #expect(foreign.status == .notFound)
        }
    }
}
