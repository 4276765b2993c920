import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanReports
import YizhanServer

/// `/api/v1/reports/{kind}` (issue 23.5): the reports of `yizhan-report`, built by the same query,
/// in each format, and only over what the caller's grants cover.
struct ReportRoutesTests {
    @Test func theCountySummaryIsTheSameDocumentTheReportCommandBuildsInEachFormat() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let admin = try await harness.token("countyAdmin@330424")
        let period = try ReportPeriod(parsing: "2021")
        let (document, name) = try await ReportQuery(.county(Fixtures.haiyan), period: period).build(
            from: harness.store,
            plugins: harness.dependencies.plugins,
            today: harness.dependencies.clock.today,
            in: .zhHans
        )
        try await harness.application().test(.router) { client in
            let json = try await client.call("/api/v1/reports/county?period=2021", token: admin)
            #expect(json.status == .ok && json.headers[.contentType] == "application/json; charset=utf-8")
            #expect(Data(json.body.readableBytesView) == (try ReportRenderer.render(document, as: .json, table: nil)))
            let object = try JSONSerialization.jsonObject(with: Data(json.body.readableBytesView)) as? [String: Any]
            #expect(object?["schema"] as? String == "yizhan.report/1" && object?["kind"] as? String == "county-summary")

            let xlsx = try await client.call("/api/v1/reports/county?period=2021&format=xlsx", token: admin)
            #expect(xlsx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(xlsx.headers[.contentDisposition] == #"attachment; filename="\#(name).xlsx""#)
            #expect(Array(xlsx.body.readableBytesView.prefix(2)) == Array("PK".utf8))
            let csv = try await client.call(
                "/api/v1/reports/county?period=2021&format=csv&table=stations",
                token: admin
            )
            #expect(csv.status == .ok && csv.text.contains("百步镇社会工作站"))
            #expect(
                Data(csv.body.readableBytesView) == (try ReportRenderer.render(document, as: .csv, table: "stations"))
            )
            let english = try await client.call(
                "/api/v1/reports/county?period=2021&format=md&language=en",
                token: admin
            )
            #expect(english.headers[.contentType] == "text/markdown; charset=utf-8" && english.text.contains("Total"))
        }
    }

    @Test func eachReportNeedsItsPermissionOverTheWholeScopeAsked() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let worker = try await harness.token("socialWorker@baibu")
        let viewer = try await harness.token("viewer@330424")
        try await harness.application().test(.router) { client in
            let before = try await harness.lastEvent()
            // A station's account sees its station, not the county nor another station.
            #expect(
                try await client.call("/api/v1/reports/station?station=baibu&period=2021", token: worker).status == .ok
            )
            let refused = [
                try await client.call("/api/v1/reports/county?period=2021", token: worker),
                try await client.call("/api/v1/reports/station?station=ganpu", token: worker),
                try await client.call("/api/v1/reports/compliance", token: worker),
                try await client.call("/api/v1/reports/donations?station=baibu", token: viewer),
                try await client.call("/api/v1/reports/county?county=330481", token: viewer),
            ]
            #expect(refused.map(\.status) == Array(repeating: .notFound, count: 5))
            let denials = try await harness.events(after: before)
            #expect(denials.count == 5 && denials.allSatisfy { $0.event.type == .accessDenied })
            #expect(denials.first?.event.payload.contains("GET /api/v1/reports/{kind}") == true)
            // A viewer reads the county's figures and a station's.
            #expect(try await client.call("/api/v1/reports/county?period=2021", token: viewer).status == .ok)
            #expect(try await client.call("/api/v1/reports/station?station=ganpu", token: viewer).status == .ok)
            #expect(try await client.call("/api/v1/reports/donations?station=baibu", token: worker).status == .ok)
            #expect(try await client.call("/api/v1/reports/nonsense", token: worker).status == .notFound)
        }
    }

    @Test func badParametersAreNamedAndNothingIsBuilt() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let admin = try await harness.token("countyAdmin@330424")
        try await harness.application().test(.router) { client in
            let bad = try await client.call(
                "/api/v1/reports/county?period=2021-13&asOf=2021-02-30&format=pdf&language=fr",
                token: admin
            )
            #expect(bad.status == .unprocessableContent)
            for field in ["period", "asOf", "format", "language"] {
                #expect(bad.text.contains(#""field":"\#(field)""#), "\(field)")
            }
            let missing = try await client.call("/api/v1/reports/station", token: admin)
            #expect(missing.status == .unprocessableContent && missing.text.contains(#""field":"station""#))
            let table = try await client.call("/api/v1/reports/county?format=csv&table=nope", token: admin)
            #expect(table.status == .unprocessableContent && table.text.contains("stations"))
            let standard = try await client.call("/api/v1/reports/compliance?standard=nope", token: admin)
            #expect(standard.status == .unprocessableContent && standard.text.contains(#""field":"standard""#))
        }
    }
}
