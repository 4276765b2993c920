import Foundation
import Synchronization
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanReports
import YizhanSQLite

/// The three rates of residents' requests (issue 26.5), from a real store, against a hand count:
/// a request first accepted late is not "in time", a reopened one is not resolved and its earlier
/// rating no longer counts, a 不满意 given after the reopening window stays a rating.
struct RequestRatesTests {
    /// A clock the test sets by hand.
    final class Clock: Sendable {
        let instant = Mutex(Date())
        func set(_ text: String) { instant.withLock { $0 = Self.beijing(text) } }
        func advance(hours: Double) { instant.withLock { $0 = $0.addingTimeInterval(hours * 3600) } }
        var work: WorkClock { WorkClock(now: { [self] in instant.withLock { $0 } }) }

        /// `2021-12-01 08:00` in Beijing time.
        static func beijing(_ text: String) -> Date {
            let parts = text.split(whereSeparator: { $0 == " " || $0 == ":" }).map(String.init)
            let day = (try? CivilDate(parsing: parts[0])) ?? CivilDate(daysSinceEpoch: 0)
            return day.startInShanghai.addingTimeInterval(Double(Int(parts[1]) ?? 0) * 3600)
        }
    }

    @Test func ratesMatchAHandCount() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-rates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("yizhan.sqlite").path)
        try await store.migrate()
        try await store.commit(Fixtures.directory())
        let clock = Clock()
        let desk = RequestDesk(store: store, policy: .shipped, vault: FixtureVault(), clock: clock.work)
        let liaison = RequestStaff(tier: "liaison", assignee: .account("liaison-1"))
        let station = RequestStaff(tier: "station", assignee: .account("ganpu-head"))
        let ganpuVillage = Fixtures.code("330424104201")
        func file(
            _ category: String,
            _ staff: RequestStaff,
            village: DivisionCode = Fixtures.baibuVillage
        ) async throws
            -> RequestID
        {
            let at = village == Fixtures.baibuVillage ? Fixtures.baibu.id : Fixtures.ganpu.id
            return try await desk.file(
                RequestFiling(
                    station: at,
                    village: village,
                    category: category,
                    channel: .phone,
                    receiver: staff,
                    description: "诉求"
                ),
                in: .all
            ).id
        }
        func act(_ action: RequestAction, _ id: RequestID, _ staff: RequestStaff?) async throws {
            _ = try await desk.act(action, on: id, by: staff.map(RequestActor.staff) ?? .resident, in: .all)
        }
        func handle(_ id: RequestID, _ staff: RequestStaff, acceptAfterHours hours: Double) async throws {
            clock.advance(hours: hours)
            try await act(.accept, id, staff)
            try await act(.answer, id, staff)
            try await act(.close, id, staff)
        }

        // E, November: accepted in time, never closed.
        clock.set("2021-11-20 08:00")
        let e = try await file("ordinary", liaison)
        clock.advance(hours: 2)
        try await act(.accept, e, liaison)
        // A: in time, closed, 满意. B: accepted after 30 h (limit 24 h), closed, 不满意 → reopened.
        // C: an emergency never accepted.
        clock.set("2021-12-01 08:00")
        let a = try await file("ordinary", liaison)
        try await handle(a, liaison, acceptAfterHours: 1)
        try await act(.rate(.satisfied), a, nil)
        clock.set("2021-12-02 08:00")
        let b = try await file("ordinary", liaison)
        try await handle(b, liaison, acceptAfterHours: 30)
        try await act(.rate(.dissatisfied), b, nil)
        #expect(try await store.residentRequest(b)?.reopenings == 1)
        clock.set("2021-12-03 08:00")
        _ = try await file("emergency", liaison)
        // At 澉浦: D in time, 基本满意; F in time, closed, rated 不满意 six days later (no reopening).
        clock.set("2021-12-04 08:00")
        let d = try await file("complaint", station, village: ganpuVillage)
        try await handle(d, station, acceptAfterHours: 3)
        try await act(.rate(.basicallySatisfied), d, nil)
        clock.set("2021-12-05 08:00")
        let f = try await file("complaint", station, village: ganpuVillage)
        try await handle(f, station, acceptAfterHours: 3)
        clock.advance(hours: 6 * 24)
        try await act(.rate(.dissatisfied), f, nil)
        #expect(try await store.residentRequest(f)?.state == .closed)
        // A request of 2022 is outside the period.
        clock.set("2022-01-02 08:00")
        _ = try await file("ordinary", liaison)

        let year = try ReportPeriod(parsing: "2021")
        let rates = try await RequestRates.build(
            from: store,
            scope: .within(Fixtures.haiyan),
            period: year.range,
            policy: .shipped
        )
        let document = rates.document(in: .zhHans, period: year)
        let csv = String(decoding: try ReportRenderer.render(document, as: .csv, table: "request-rates"), as: UTF8.self)
            .replacingOccurrences(of: "\u{FEFF}", with: "").replacingOccurrences(of: "\r", with: "")
        #expect(
            csv.split(separator: "\n").map(String.init) == [
                "社工站,登记,按时受理,响应率 %,办结,解决率 %,已评价,满意或基本满意,满意率 %",
                "百步镇社会工作站,4,2,50.0,1,25.0,1,1,100.0",
                "澉浦镇社会工作站,2,2,100.0,2,100.0,2,1,50.0",
                "合计,6,4,66.7,3,50.0,3,2,66.7",
            ]
        )
        let detail = try #require(document.table("by-village-month"))
        #expect(
            detail.rows.map { $0.prefix(4).map(\.plain) } == [
                ["百步镇社会工作站", "330424102201", "2021-11", "1"],
                ["百步镇社会工作站", "330424102201", "2021-12", "3"],
                ["澉浦镇社会工作站", "330424104201", "2021-12", "2"],
            ]
        )
        // The county summary carries the same table; without requests it has no such section.
        var query = ReportQuery(.county(Fixtures.haiyan), period: year)
        query.requestPolicy = .shipped
        let county = try await query.build(
            from: store,
            plugins: PluginRegistry(),
            today: Fixtures.date("2021-12-31"),
            in: .zhHans
        )
        #expect(county.document.table("request-rates")?.totals == document.table("request-rates")?.totals)
        let empty = try await ReportQuery(.county(Fixtures.haiyan), period: try ReportPeriod(parsing: "2020")).build(
            from: store,
            plugins: PluginRegistry(),
            today: Fixtures.date("2021-12-31"),
            in: .zhHans
        )
        #expect(empty.document.table("request-rates") == nil)
    }
}
