import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanServer

/// The server's county summary counts residents' request rates under the county's own request
/// rules, as `yizhan-report county` does (issue 26.5): a request accepted after two minutes is
/// in time under the shipped 24 hours, late under a county's one-minute limit.
struct RequestRatesRouteTests {
    @Test func theCountySummaryCountsUnderTheCountysRequestRules() async throws {
        var strict = RequestPolicy.shipped
        strict.categories = strict.categories.map { category in
            var category = category
            if category.id == "ordinary" { category.limits.accept = .minutes(1) }
            return category
        }
        for (policy, expected) in [(RequestPolicy.shipped, "百步镇社会工作站,1,1,100.0,"), (strict, "百步镇社会工作站,1,0,0.0,")] {
            let harness = try await ServerHarness(requestPolicy: policy)
            defer { harness.remove() }
            let desk = RequestDesk(
                store: harness.store,
                policy: policy,
                vault: FixtureVault(),
                clock: harness.time.clock
            )
            let liaison = RequestStaff(tier: "liaison", assignee: .account("liaison-1"))
            let filed = try await desk.file(
                RequestFiling(
                    station: Fixtures.baibu.id,
                    village: Fixtures.baibuVillage,
                    category: "ordinary",
                    channel: .phone,
                    receiver: liaison,
                    description: "楼道灯坏了"
                ),
                in: .all
            )
            harness.time.advance(by: 120)
            _ = try await desk.act(.accept, on: filed.id, by: .staff(liaison), in: .all)
            let year = CivilDate(shanghaiDayOf: filed.filedAt.timeIntervalSince1970).year
            let token = try await harness.token("countyAdmin@330424")
            try await harness.application().test(.router) { client in
                let csv = try await client.call(
                    "/api/v1/reports/county?period=\(year)&format=csv&table=request-rates",
                    token: token
                )
                #expect(csv.status == .ok)
                let text = String(buffer: csv.body)
                #expect(text.contains(expected), "\(text)")
                #expect(!text.contains("楼道"))
                // The report of its own, as `yizhan-report requests`: the county's and one station's.
                let rates = try await client.call(
                    "/api/v1/reports/requests?period=\(year)&format=csv&table=request-rates",
                    token: token
                )
                #expect(
                    rates.status == .ok && String(buffer: rates.body).contains(expected),
                    "\(String(buffer: rates.body))"
                )
                let station = try await client.call(
                    "/api/v1/reports/requests?period=\(year)&station=baibu&format=csv&table=request-rates",
                    token: token
                )
                #expect(String(buffer: station.body).contains(expected) && !String(buffer: station.body).contains("澉浦"))
            }
            // Outside the caller's grants: 404, for a station's account asking about another station
            // or the county.
            let ganpu = try await harness.token("stationHead@ganpu")
            try await harness.application().test(.router) { client in
                for uri in ["/api/v1/reports/requests?station=baibu", "/api/v1/reports/requests"] {
                    let refused = try await client.call(uri, token: ganpu)
                    #expect(refused.status == .notFound, "\(uri)")
                }
                let own = try await client.call("/api/v1/reports/requests?station=ganpu", token: ganpu)
                #expect(own.status == .ok)
            }
        }
    }
}
