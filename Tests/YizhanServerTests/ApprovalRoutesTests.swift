import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanServer

/// `/api/v1/approvals`: the station head submits, the lock refuses a record posted into the
/// period, and each refusal answers with its status and writes nothing (issue 25).
struct ApprovalRoutesTests {
    static let step = #"{"workflow":"test-month","period":"2021-11","station":"baibu","action":"ACTION"REASON}"#

    static func body(_ action: String, reason: String? = nil) -> String {
        step.replacingOccurrences(of: "ACTION", with: action)
            .replacingOccurrences(of: "REASON", with: reason.map { #","reason":"\#($0)""# } ?? "")
    }

    @Test func theHeadSubmitsTheCountyApprovesAndALockedPeriodRefusesARecord() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let head = try await harness.token("stationHead@baibu")
        let worker = try await harness.token("socialWorker@baibu")
        let county = try await harness.token("countyAdmin@330424")
        let outsider = try await harness.token("countyAdmin@330481001")
        try await harness.application().test(.router) { client in
            let grid = try await client.call("/api/v1/approvals?workflow=test-month&period=2021-11", token: head)
            #expect(grid.status == .ok, "\(grid.text)")
            let list = try grid.decoded(ApprovalStatusList.self)
            #expect(list.stations.map(\.station) == ["baibu"] && list.dueOn == "2021-12-05")
            #expect(list.stations.first?.actions == [.submit] && list.stations.first?.state == .open)
            let forCounty = try await client.call("/api/v1/approvals?period=2021-11", token: county)
            #expect(try forCounty.decoded(ApprovalStatusList.self).stations.map(\.station) == ["baibu", "ganpu"])

            let submitted = try await client.call(
                "/api/v1/approvals/steps",
                .post,
                token: head,
                json: Self.body("submit")
            )
            #expect(submitted.status == .ok, "\(submitted.text)")
            let view = try submitted.decoded(ApprovalStepView.self)
            #expect(view.to == .submitted && view.position == 0 && view.digest.count == 64)

            // The lock answers 409 with the period, its state and how to ask for a return.
            let before = try await harness.lastEvent()
            let locked = try await client.call(
                "/api/v1/records",
                .post,
                token: worker,
                json: #"{"station":"baibu","kind":"走访","date":"2021-11-20","durationMinutes":30,"headCount":1}"#
            )
            #expect(locked.status == .conflict, "\(locked.text)")
            #expect(locked.text.contains("已锁定") && locked.text.contains("yizhan approval return"))
            let december = try await client.call(
                "/api/v1/records",
                .post,
                token: worker,
                json: #"{"station":"baibu","kind":"走访","date":"2021-12-01","durationMinutes":30,"headCount":1}"#
            )
            #expect(december.status == .created, "\(december.text)")
            let afterDecember = try await harness.lastEvent()
            #expect(afterDecember == before + 1)

            // Refusals, each with its status, none writing anything.
            let refusals: [(String, String, HTTPResponse.Status)] = [
                (head, Self.body("approve"), .forbidden),
                (outsider, Self.body("approve"), .notFound),
                (county, Self.body("return"), .unprocessableContent),
                (county, Self.body("accept"), .conflict),
                (
                    county, Self.body("return", reason: "请联系 13812345678"), .unprocessableContent
                ),
            ]
            for (token, json, status) in refusals {
                let answer = try await client.call("/api/v1/approvals/steps", .post, token: token, json: json)
                #expect(answer.status == status, "\(json): \(answer.text)")
            }
            // The outsider's 404 is recorded as access.denied, as every route's is; nothing else.
            let written = try await harness.events(after: afterDecember)
            #expect(written.map(\.event.type) == [.accessDenied])

            let approved = try await client.call(
                "/api/v1/approvals/steps",
                .post,
                token: county,
                json: Self.body("approve")
            )
            #expect(try approved.status == .ok && approved.decoded(ApprovalStepView.self).to == .approved)
            let twice = try await client.call(
                "/api/v1/approvals/steps",
                .post,
                token: county,
                json: Self.body("approve")
            )
            #expect(twice.status == .conflict && twice.text.contains("已审核"))
            let history = try await client.call(
                "/api/v1/approvals/history?workflow=test-month&period=2021-11&station=baibu",
                token: worker
            )
            #expect(try history.decoded(ApprovalHistoryView.self).steps.map(\.action) == [.submit, .approve])
            let unknown = try await client.call("/api/v1/approvals?workflow=nope&period=2021-11", token: county)
            #expect(unknown.status == .notFound)
            let badPeriod = try await client.call("/api/v1/approvals?workflow=test-month&period=2021-13", token: county)
            #expect(badPeriod.status == .unprocessableContent)
        }
    }
}
