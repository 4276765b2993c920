import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanServer

/// `/api/v1/cases`: a case opened and moved through the stages of case work (接案 → 预估 …) by
/// the station's worker, within the grant only (issue 23.5).
struct CaseRoutesTests {
    static let intake = #"{"station":"baibu","client":"baibu-c1","worker":"baibu-w1","date":"2021-03-01"}"#

    @Test func aWorkerOpensACaseAndMovesItToAssessment() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let worker = try await harness.token("socialWorker@baibu")
        try await harness.application().test(.router) { client in
            let opened = try await client.call("/api/v1/cases", .post, token: worker, json: Self.intake)
            #expect(opened.status == .created, "\(opened.text)")
            let answer = try opened.decoded(CaseAnswer.self)
            #expect(answer.case.stage == "intake" && answer.case.client == "baibu-c1")
            #expect(opened.headers[.location] == "/api/v1/cases/\(answer.case.id)")
            let event = try #require(try await harness.events(after: answer.event - 1).first).event
            #expect(event.type == .caseOpened && event.actor.rawValue.hasPrefix("token:"))

            let again = try await client.call("/api/v1/cases", .post, token: worker, json: Self.intake)
            #expect(again.status == .unprocessableContent, "one open case per client")
            #expect(try again.decoded(ErrorBody.self).error.issues?.map(\.field) == ["client"])

            let path = "/api/v1/cases/\(answer.case.id)"
            let moved = try await client.call(
                "\(path)/moves",
                .post,
                token: worker,
                json: #"{"stage":"预估","date":"2021-03-05","worker":"baibu-w1"}"#
            )
            #expect(moved.status == .ok, "\(moved.text)")
            let card = try moved.decoded(CaseAnswer.self).case
            #expect(card.stage == "assessment" && card.history.map(\.stage) == ["intake", "assessment"])

            let before = try await harness.lastEvent()
            let refused = try await client.call(
                "\(path)/moves",
                .post,
                token: worker,
                json: #"{"stage":"飞升","date":"2021-02-30","worker":"nobody"}"#
            )
            #expect(refused.status == .unprocessableContent)
            let fields = Set(try refused.decoded(ErrorBody.self).error.issues?.map(\.field) ?? [])
            #expect(fields == ["stage", "date", "worker"], "\(refused.text)")
            let backwards = try await client.call(
                "\(path)/moves",
                .post,
                token: worker,
                json: #"{"stage":"接案","date":"2021-03-06","worker":"baibu-w1"}"#
            )
            #expect(backwards.status == .unprocessableContent, "the stage machine refuses a move back")
            #expect(try await harness.lastEvent() == before, "a refused move writes nothing")

            let list = try await client.call("/api/v1/cases?open=true", token: worker).decoded(CaseList.self)
            #expect(list.cases.map(\.id) == [answer.case.id])
            #expect(try await client.call("/api/v1/cases?open=yes", token: worker).status == .unprocessableContent)
        }
    }

    @Test func aCaseElsewhereIs404AndAViewerSeesNone() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let baibu = try await harness.token("socialWorker@baibu")
        let ganpu = try await harness.token("socialWorker@ganpu")
        let viewer = try await harness.token("viewer@330424")
        try await harness.application().test(.router) { client in
            let opened = try await client.call("/api/v1/cases", .post, token: baibu, json: Self.intake)
            let id = try opened.decoded(CaseAnswer.self).case.id
            let before = try await harness.lastEvent()
            let shown = try await client.call("/api/v1/cases/\(id)", token: ganpu)
            let unknown = try await client.call("/api/v1/cases/0190aaaa-0000-7000-8000-00000000ffff", token: ganpu)
            #expect(shown.status == .notFound && shown.text == unknown.text)
            let move = #"{"stage":"预估","date":"2021-03-05","worker":"baibu-w1"}"#
            #expect(
                try await client.call("/api/v1/cases/\(id)/moves", .post, token: ganpu, json: move).status == .notFound
            )
            #expect(try await client.call("/api/v1/cases", .post, token: ganpu, json: Self.intake).status == .notFound)
            #expect(try await client.call("/api/v1/cases", token: ganpu).decoded(CaseList.self).cases.isEmpty)
            #expect(try await client.call("/api/v1/cases/\(id)", token: viewer).status == .notFound)
            #expect(try await client.call("/api/v1/cases", token: viewer).decoded(CaseList.self).cases.isEmpty)

            let denials = try await harness.events(after: before)
            #expect(denials.map(\.event.type) == Array(repeating: .accessDenied, count: 5))
            let first = try #require(denials.first).event
            #expect(
                try first.decodePayload(as: AccessDenied.self)
                    == AccessDenied(kind: "case", route: "GET /api/v1/cases/{id}")
            )
            #expect(denials.allSatisfy { !$0.event.payload.contains(id) })
        }
    }
}
