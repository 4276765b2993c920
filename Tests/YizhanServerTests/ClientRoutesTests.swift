import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanServer

/// `/api/v1/clients`: masked lists and cards, registration through the kernel's checks, and the
/// reveal that needs a reason and the role that may, recorded before anything is shown (issue
/// 23.3, 23.5; seed 001 §七(二) on the people a station serves).
struct ClientRoutesTests {
    static let consent = #""consentDate":"2021-03-01","consentScope":["接受服务","个人信息收集与使用"]"#
    static let wang =
        #"{"station":"baibu","village":"330424102201","name":"王小明","idNumber":"330424198506120014","phone":"13800001234","categories":["孤寡老人"],"#
        + consent + "}"

    @Test func aWorkerRegistersAClientAndSeesOnlyTheStationsClientsMasked() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let worker = try await harness.token("socialWorker@baibu")
        try await harness.application().test(.router) { client in
            let before = try await harness.lastEvent()
            let created = try await client.call("/api/v1/clients", .post, token: worker, json: Self.wang)
            #expect(created.status == .created, "\(created.text)")
            let answer = try created.decoded(ClientCreated.self)
            #expect(answer.client.name == "王**")
            #expect(answer.client.idNumber == "330424********0014" && answer.client.phone == "138****1234")
            #expect(created.headers[.location] == "/api/v1/clients/\(answer.client.id)")
            #expect(!created.text.contains("王小明") && !created.text.contains("13800001234"))

            let events = try await harness.events(after: before)
            #expect(events.map(\.event.type) == [.clientRegistered])
            #expect(events.first?.event.actor.rawValue.hasPrefix("token:") == true)
            for secret in ["王小明", "330424198506120014", "13800001234"] {
                #expect(!(events.first?.event.payload.contains(secret) ?? true), "no personal data in the event")
            }

            let list = try await client.call("/api/v1/clients", token: worker).decoded(ClientList.self)
            #expect(Set(list.clients.map(\.id)) == [answer.client.id, Fixtures.client.id.rawValue])
            #expect(list.clients.allSatisfy { $0.station == "baibu" }, "澉浦's 李阿姨 is not listed")
            let shown = try await client.call("/api/v1/clients/\(answer.client.id)", token: worker)
            #expect(try shown.decoded(ClientCard.self) == answer.client)
        }
    }

    @Test func aRefusedRegistrationNamesTheBodysFieldsAndWritesNothing() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let worker = try await harness.token("socialWorker@baibu")
        try await harness.application().test(.router) { client in
            let before = try await harness.lastEvent()
            let bad =
                #"{"station":"baibu","village":"330424102201","name":"王小明","idNumber":"330424198506120015","categories":["跳舞"],"consentDate":"2021-03-01","consentScope":["接受服务"]}"#
            let refused = try await client.call("/api/v1/clients", .post, token: worker, json: bad)
            #expect(refused.status == .unprocessableContent)
            let fields = Set(try refused.decoded(ErrorBody.self).error.issues?.map(\.field) ?? [])
            #expect(fields == ["idNumber", "categories", "consentScope"], "\(refused.text)")
            #expect(!refused.text.contains("330424198506120015"), "a refused ID number is echoed masked")
            #expect(try await harness.lastEvent() == before)

            // 李阿姨 is 澉浦's: 百步 is refused without learning who she is there.
            let li = Self.wang.replacingOccurrences(of: "330424198506120014", with: "330424195003150023")
            let duplicate = try await client.call("/api/v1/clients", .post, token: worker, json: li)
            #expect(duplicate.status == .unprocessableContent)
            #expect(duplicate.text.contains("另一社工站") && !duplicate.text.contains(harness.ganpuClient.rawValue))
            #expect(!duplicate.text.contains("ganpu"))
            #expect(try await harness.lastEvent() == before)
        }
    }

    @Test func aClientElsewhereIs404ForEveryRouteAndTheDenialIsRecorded() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let worker = try await harness.token("socialWorker@baibu")
        let ganpu = harness.ganpuClient.rawValue
        try await harness.application().test(.router) { client in
            let before = try await harness.lastEvent()
            let shown = try await client.call("/api/v1/clients/\(ganpu)", token: worker)
            let unknown = try await client.call("/api/v1/clients/0190aaaa-0000-7000-8000-00000000ffff", token: worker)
            #expect(shown.status == .notFound && shown.text == unknown.text)
            let reveal = try await client.call(
                "/api/v1/clients/\(ganpu)/reveal",
                .post,
                token: worker,
                json: #"{"reason":"核实身份"}"#
            )
            #expect(reveal.status == .notFound && !reveal.text.contains("李"))
            let ganpuInBody = Self.wang.replacingOccurrences(of: "baibu", with: "ganpu")
            #expect(
                try await client.call("/api/v1/clients", .post, token: worker, json: ganpuInBody).status == .notFound
            )
            #expect(try await client.call("/api/v1/clients?station=ganpu", token: worker).status == .notFound)

            let denials = try await harness.events(after: before)
            #expect(denials.map(\.event.type) == Array(repeating: .accessDenied, count: 5))
            let kinds = try denials.map { try $0.event.decodePayload(as: AccessDenied.self) }
            #expect(kinds.first == AccessDenied(kind: "client", route: "GET /api/v1/clients/{id}"))
            #expect(kinds[2] == AccessDenied(kind: "client", route: "POST /api/v1/clients/{id}/reveal"))
            #expect(denials.allSatisfy { !$0.event.payload.contains(ganpu) })
        }
    }

    @Test func aRevealNeedsAReasonAndTheRoleThatMayAndIsRecordedFirst() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let worker = try await harness.token("socialWorker@ganpu")
        let system = try await harness.token("system@330424")
        let viewer = try await harness.token("viewer@330424")
        let path = "/api/v1/clients/\(harness.ganpuClient.rawValue)"
        try await harness.application().test(.router) { client in
            let masked = try await client.call(path, token: worker).decoded(ClientCard.self)
            #expect(masked.name == "李**" && masked.idNumber == "330424********0023")

            let before = try await harness.lastEvent()
            for body in [#"{"reason":"好奇"}"#, #"{}"#] {
                let refused = try await client.call("\(path)/reveal", .post, token: worker, json: body)
                #expect(refused.status == .unprocessableContent || refused.status == .badRequest, "\(body)")
                #expect(!refused.text.contains("李阿姨"))
            }
            #expect(try await harness.lastEvent() == before, "no reason, no reveal, nothing recorded")

            // A token of another system reads clients masked but reveals nobody; a viewer reads none.
            #expect(try await client.call(path, token: system).status == .ok)
            let json = #"{"reason":"核实身份"}"#
            #expect(try await client.call("\(path)/reveal", .post, token: system, json: json).status == .notFound)
            #expect(try await client.call(path, token: viewer).status == .notFound)
            #expect(try await client.call("/api/v1/clients", token: viewer).decoded(ClientList.self).clients.isEmpty)

            let mark = try await harness.lastEvent()
            let revealed = try await client.call("\(path)/reveal", .post, token: worker, json: json)
            #expect(revealed.status == .ok, "\(revealed.text)")
            let card = try revealed.decoded(ClientCard.self)
            #expect(card.name == "李阿姨" && card.idNumber == "330424195003150023" && card.phone == "13900002222")
            #expect(revealed.headers[.cacheControl] == "no-store")
            let recorded = try await harness.events(after: mark)
            #expect(recorded.map(\.event.type) == [.personalDataRevealed])
            let payload = try #require(recorded.first).event
            #expect(payload.actor.rawValue.hasPrefix("token:") && payload.station?.rawValue == "ganpu")
            let what = try payload.decodePayload(as: PersonalDataRevealed.self)
            #expect(what.purpose == .verification && what.fields == ["name", "idNumber", "phone"])
            #expect(!payload.payload.contains("李阿姨") && !payload.payload.contains("13900002222"))
        }
    }
}
