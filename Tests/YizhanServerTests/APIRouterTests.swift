import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanRuntime
import YizhanSQLite
import YizhanServer

/// `/api/v1` through the real router (no sockets): each role's allowed and refused calls, and
/// the 404 with `access.denied` for what lies outside a grant (issue 23.3, 23.5).
struct APIRouterTests {
    @Test func everyResponseCarriesTheSecurityHeadersAndErrorsAreJSON() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        try await harness.application().test(.router) { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            #expect(try health.decoded(Health.self).status == "ok")
            let missing = try await client.execute(uri: "/no/such/page", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("\"messageEn\":\"no such route\""))
            for response in [health, missing] {
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[.referrerPolicy] == "same-origin")
                #expect(response.headers[.cacheControl] == "no-store")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
        }
    }

    @Test func aKnownPathAskedWithAnotherMethodIs405WithAllow() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        try await harness.application().test(.router) { client in
            let records = try await client.execute(uri: "/api/v1/records", method: .delete)
            #expect(records.status == .methodNotAllowed)
            #expect(records.headers[.allow] == "GET, POST")
            let one = try await client.execute(uri: "/api/v1/records/any-id", method: .put)
            #expect(one.status == .methodNotAllowed && one.headers[.allow] == "GET")
            #expect(one.text.contains("\"messageEn\":\"method not allowed on this route\""))
            let reveal = try await client.execute(uri: "/api/v1/clients/any-id/reveal", method: .get)
            #expect(reveal.headers[.allow] == "POST")
            #expect(try await client.execute(uri: "/api/v1/nothing", method: .delete).status == .notFound)
        }
    }

    @Test func theAPITakesOnlyAValidBearerToken() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let token = try await harness.token("socialWorker@baibu", days: 1)
        try await harness.application().test(.router) { client in
            for presented in [nil, "yz_notatoken", "Basic abc"] as [String?] {
                let refused = try await client.call("/api/v1/stations", token: presented)
                #expect(refused.status == .unauthorized)
                #expect(refused.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                #expect(refused.text.contains("yizhan token create"))
            }
            #expect(try await client.call("/api/v1/stations", token: token).status == .ok)
            // A day later the token has expired: refused, with auth.failed naming the token only.
            let before = try await harness.lastEvent()
            harness.time.advance(by: 86_401)
            #expect(try await client.call("/api/v1/stations", token: token).status == .unauthorized)
            let failed = try await harness.events(after: before)
            #expect(failed.map(\.event.type) == [.authFailed])
            #expect(failed.first?.event.actor.rawValue.hasPrefix("token:") == true)
            #expect(failed.first?.event.payload.contains(token) == false)
        }
    }

    @Test func aRevokedTokenIsRefusedFromTheNextRequestOn() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let token = try await harness.token("countyAdmin@330424")
        try await harness.application().test(.router) { client in
            #expect(try await client.call("/api/v1/records", token: token).status == .ok)
            let stored = try #require(try await harness.store.apiTokens().first)
            try await harness.dependencies.accounts.work.revokeToken(stored.id, by: .operator(.cli))
            #expect(try await client.call("/api/v1/records", token: token).status == .unauthorized)
        }
    }

    @Test func aBaibuWorkerAskingForGanpusRecordGets404AndTheDenialIsRecorded() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let worker = try await harness.token("socialWorker@baibu")
        let ganpu = harness.ganpuRecord.id.rawValue
        try await harness.application().test(.router) { client in
            let stations = try await client.call("/api/v1/stations", token: worker).decoded(StationList.self)
            #expect(stations.stations.map(\.id) == ["baibu"])
            let records = try await client.call("/api/v1/records", token: worker).decoded(RecordList.self)
            #expect(records.records.map(\.station) == ["baibu"])
            let own = try await client.call("/api/v1/records/\(harness.baibuRecord.id.rawValue)", token: worker)
            #expect(own.status == .ok)
            #expect(try own.decoded(RecordView.self).durationMinutes == 60)

            let before = try await harness.lastEvent()
            let outside = try await client.call("/api/v1/records/\(ganpu)", token: worker)
            let unknown = try await client.call("/api/v1/records/0190aaaa-0000-7000-8000-00000000ffff", token: worker)
            #expect(outside.status == .notFound && unknown.status == .notFound)
            #expect(outside.text == unknown.text, "a record elsewhere reads exactly like one that does not exist")
            #expect(!outside.text.contains(ganpu))
            #expect(try await client.call("/api/v1/records?station=ganpu", token: worker).status == .notFound)
            #expect(try await client.call("/api/v1/stations/ganpu", token: worker).status == .notFound)

            let denials = try await harness.events(after: before)
            #expect(denials.count == 4 && denials.allSatisfy { $0.event.type == .accessDenied })
            let first = try #require(denials.first).event
            #expect(first.actor.rawValue.hasPrefix("token:"))
            let payload = try first.decodePayload(as: AccessDenied.self)
            #expect(payload == AccessDenied(kind: "serviceRecord", route: "GET /api/v1/records/{id}"))
            #expect(denials.allSatisfy { !$0.event.payload.contains(ganpu) }, "the id asked for is not logged")
        }
    }

    @Test func aCountyAdminReadsTheWholeCountyAndAViewerNoRecords() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let admin = try await harness.token("countyAdmin@330424")
        let viewer = try await harness.token("viewer@330424")
        try await harness.application().test(.router) { client in
            let stations = try await client.call("/api/v1/stations", token: admin).decoded(StationList.self)
            #expect(stations.stations.map(\.id) == ["baibu", "ganpu"], "外县 is outside 330424")
            let records = try await client.call("/api/v1/records", token: admin).decoded(RecordList.self)
            #expect(Set(records.records.map(\.station)) == ["baibu", "ganpu"])
            #expect(
                try await client.call("/api/v1/records/\(harness.ganpuRecord.id.rawValue)", token: admin).status == .ok
            )

            let figures = try await client.call("/api/v1/stations", token: viewer).decoded(StationList.self)
            #expect(figures.stations.count == 2, "a viewer sees the stations' figures")
            let none = try await client.call("/api/v1/records", token: viewer).decoded(RecordList.self)
            #expect(none.records.isEmpty, "but no records")
            let record = try await client.call("/api/v1/records/\(harness.baibuRecord.id.rawValue)", token: viewer)
            #expect(record.status == .notFound)
        }
    }

    @Test func aWriteWhileAnotherProcessHoldsTheDatabaseIs503WithRetryAfterAndWritesNothing() async throws {
        // The server's store gives up on a held lock after 0.3 s (a minute by default).
        let harness = try await ServerHarness(busyTimeout: 0.3)
        defer { harness.remove() }
        let worker = try await harness.token("socialWorker@baibu")
        let before = try await harness.lastEvent()
        // Another process (an import) holds the write lock until the server has answered; timing
        // alone is no proof on a loaded machine, so the holder says when it holds and is told when
        // to let go. It blocks the other store's own queue, never a Swift concurrency thread.
        let other = try SQLiteStore(path: harness.store.path)
        let (held, holds) = AsyncStream.makeStream(of: Void.self)
        let release = DispatchSemaphore(value: 0)
        defer { release.signal() }
        let holding = Task {
            _ = try await other.commit(checking: ContextRequest(station: Fixtures.baibu.id)) { _ in
                holds.yield()
                release.wait()
                return (ChangeSet(), ())
            }
        }
        for await _ in held { break }
        try await harness.application().test(.router) { client in
            let body = #"{"station":"baibu","kind":"走访","date":"2021-06-01","durationMinutes":45,"headCount":2}"#
            let busy = try await client.call("/api/v1/records", .post, token: worker, json: body)
            release.signal()
            #expect(busy.status == .serviceUnavailable && busy.headers[.retryAfter] == "5", "\(busy.text)")
            #expect(busy.text.contains("数据库正忙") && busy.text.contains("未做任何改动"))
            try await holding.value
            #expect(try await harness.lastEvent() == before)
            // Once the other writer is done, the same request goes through.
            #expect(try await client.call("/api/v1/records", .post, token: worker, json: body).status == .created)
        }
    }

    @Test func aRecordPostedIsRecordedByTheTokenAndARefusedOneWritesNothing() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let worker = try await harness.token("socialWorker@baibu")
        let viewer = try await harness.token("viewer@330424")
        try await harness.application().test(.router) { client in
            let body =
                #"{"station":"baibu","kind":"走访","date":"2021-06-01","durationMinutes":45,"headCount":2,"workers":["baibu-w1"]}"#
            let created = try await client.call("/api/v1/records", .post, token: worker, json: body)
            #expect(created.status == .created, "\(created.text)")
            let answer = try created.decoded(RecordCreated.self)
            #expect(answer.record.kind == "homeVisit" && answer.record.personTimes == 2)
            #expect(created.headers[.location] == "/api/v1/records/\(answer.record.id)")
            let recorded = try #require(try await harness.events(after: answer.event - 1).first).event
            #expect(recorded.type == .serviceRecorded && recorded.actor.rawValue.hasPrefix("token:"))
            let shown = try await client.call("/api/v1/records/\(answer.record.id)", token: worker)
            #expect(try shown.decoded(RecordView.self).date == "2021-06-01")

            let before = try await harness.lastEvent()
            let refused = try await client.call(
                "/api/v1/records",
                .post,
                token: worker,
                json: #"{"station":"baibu","kind":"走访","date":"2021-02-30","durationMinutes":2000,"headCount":1}"#
            )
            #expect(refused.status == .unprocessableContent)
            let issues = try refused.decoded(ErrorBody.self).error.issues ?? []
            #expect(Set(issues.map(\.field)).isSuperset(of: ["date", "durationMinutes"]), "\(refused.text)")
            #expect(try await harness.lastEvent() == before, "a refused record writes nothing")

            let notJSON = try await client.call("/api/v1/records", .post, token: worker, json: "{\"station\":")
            #expect(notJSON.status == .badRequest)
            let huge = String(repeating: "x", count: 70_000)
            let tooLarge = try await client.call("/api/v1/records", .post, token: worker, json: "\"\(huge)\"")
            #expect(tooLarge.status == .contentTooLarge)
            #expect(try await harness.lastEvent() == before)

            // Elsewhere, or without the right to write: 404 as for a station that does not exist.
            let ganpu = body.replacingOccurrences(of: "baibu", with: "ganpu")
            #expect(try await client.call("/api/v1/records", .post, token: worker, json: ganpu).status == .notFound)
            #expect(try await client.call("/api/v1/records", .post, token: viewer, json: body).status == .notFound)
            let after = try await harness.events(after: before)
            #expect(after.map(\.event.type) == [.accessDenied, .accessDenied])
        }
    }

    @Test func badQueryParametersAreRefusedWithTheirFields() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let admin = try await harness.token("countyAdmin@330424")
        try await harness.application().test(.router) { client in
            let refused = try await client.call("/api/v1/records?limit=0&from=2021-13-01&kind=跳舞", token: admin)
            #expect(refused.status == .unprocessableContent)
            let fields = try refused.decoded(ErrorBody.self).error.issues?.map(\.field) ?? []
            #expect(fields.sorted() == ["from", "kind", "limit"])
            let period = try await client.call("/api/v1/records?from=2021-05-11&to=2021-12-31", token: admin)
            #expect(try period.decoded(RecordList.self).records.isEmpty, "both fixtures' records are on 2021-05-10")
            #expect(try await client.call("/api/v1/events?after=-1", token: admin).status == .unprocessableContent)
        }
    }

    @Test func theEventsAreOnlyThoseOfTheCallersStations() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let worker = try await harness.token("socialWorker@baibu")
        let admin = try await harness.token("countyAdmin@330424")
        try await harness.application().test(.router) { client in
            let own = try await client.call("/api/v1/events?after=0&limit=1000", token: worker).decoded(EventPage.self)
            #expect(!own.events.isEmpty && own.events.allSatisfy { $0.station == "baibu" })
            #expect(own.next == (try await harness.lastEvent()))
            let county = try await client.call("/api/v1/events?after=0&limit=1000", token: admin).decoded(
                EventPage.self
            )
            #expect(Set(county.events.compactMap(\.station)) == ["baibu", "ganpu"])
            #expect(county.events.allSatisfy { $0.station != "elsewhere" })
        }
    }
}

/// The error document as a client reads it.
struct ErrorBody: Decodable {
    struct Body: Decodable {
        struct Issue: Decodable {
            var field: String
            var code: String
        }
        var message: String
        var messageEn: String
        var issues: [Issue]?
    }
    var error: Body
}
