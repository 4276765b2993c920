import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanServer

/// The county's pages (issue 24.3): the dashboard's figures (the county summary's own), the
/// compliance grid with its evidence, the figures moving with the next record, the report
/// downloads through the same route as the API's, and nothing of it for a station's worker.
struct CountyPageTests {
    @Test func theDashboardShowsTheSummaryTheGridAndTheNextRecord() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        try await harness.user("county.admin", "县民政局", password: StationPageTests.password, grant: "countyAdmin@330424")
        try await harness.user("county.viewer", "县领导", password: StationPageTests.password, grant: "viewer@330424")
        try await harness.user("wang.baibu", "王社工", password: StationPageTests.password, grant: "socialWorker@baibu")
        let token = try await harness.token("socialWorker@baibu")
        try await harness.application().test(.router) { client in
            let admin = try await StationPageTests.signIn(client, "county.admin")
            #expect(try await client.page("/", cookies: admin.cookies).headers[.location] == "/county")
            let page = try await client.page("/county?period=2021", cookies: admin.cookies)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<th scope="row">服务记录(条)</th><td class="num">2</td>"#))
            #expect(page.text.contains(#"<table id="table-stations" data-table="stations">"#))
            #expect(page.text.contains(#"<figure class="chart" aria-describedby="table-person-times-by-station"><svg"#))
            #expect(page.text.contains(#"data-table="compliance-grid""#))
            #expect(page.text.contains(#"<th scope="row"><a href="/stations/baibu">百步镇社会工作站</a></th>"#))
            #expect(page.text.contains("<details><summary class=\"bad\""))
            #expect(
                page.text.contains(#"<a href="/county">总览</a>"#)
                    || page.text.contains(#"<a href="/county" aria-current="page">总览</a>"#)
            )
            #expect(page.text.contains(#"<a href="/county/accounts">"#))

            // A record made through the API shows at once: the figures follow the event log.
            let body =
                #"{"station":"baibu","kind":"走访","date":"2021-06-01","durationMinutes":45,"headCount":2,"workers":["baibu-w1"]}"#
            #expect(try await client.call("/api/v1/records", .post, token: token, json: body).status == .created)
            let again = try await client.page("/county?period=2021", cookies: admin.cookies)
            #expect(again.text.contains(#"<th scope="row">服务记录(条)</th><td class="num">3</td>"#))

            let bad = try await client.page("/county?period=2021-13", cookies: admin.cookies)
            #expect(bad.status == .unprocessableContent && bad.text.contains("period"))

            let reports = try await client.page("/county/reports?period=2021", cookies: admin.cookies)
            #expect(reports.text.contains(#"href="/reports/county?period=2021&amp;language=zh-Hans&amp;format=xlsx""#))
            #expect(
                reports.text.contains(
                    #"href="/reports/station?station=ganpu&amp;period=2021&amp;language=zh-Hans&amp;format=csv""#
                )
            )
            let xlsx = try await client.page("/reports/county?period=2021&format=xlsx", cookies: admin.cookies)
            #expect(xlsx.status == .ok && Array(xlsx.body.readableBytesView.prefix(2)) == Array("PK".utf8))
            #expect(xlsx.headers[.contentDisposition] == #"attachment; filename="county-330424-2021.xlsx""#)
            let json = try await client.page("/reports/county?period=2021&format=json", cookies: admin.cookies)
            let api = try await client.call(
                "/api/v1/reports/county?period=2021&format=json",
                token: try await harness.token("viewer@330424")
            )
            #expect(json.text == api.text)

            // A viewer reads it all, a station's worker none of it.
            let viewer = try await StationPageTests.signIn(client, "county.viewer")
            let viewed = try await client.page("/county?period=2021", cookies: viewer.cookies)
            #expect(viewed.status == .ok && !viewed.text.contains(#"<a href="/county/accounts">"#))
            let worker = try await StationPageTests.signIn(client, "wang.baibu")
            for uri in ["/county", "/county/reports", "/reports/county?format=json", "/reports/station?station=ganpu"] {
                #expect(try await client.page(uri, cookies: worker.cookies).status == .notFound, "\(uri)")
            }
            #expect(
                try await client.page("/reports/station?station=baibu&format=csv", cookies: worker.cookies).status
                    == .ok
            )
        }
    }
}
