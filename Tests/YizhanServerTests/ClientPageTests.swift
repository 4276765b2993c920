import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanServer

/// A station's clients as pages (issue 24.2): registration with the kernel's refusals beside each
/// field, names and ID numbers masked wherever they are listed, a reveal only with a purpose
/// (recorded, never cached), and other stations' clients answered 404.
struct ClientPageTests {
    /// A child born 2015-03-15, with a valid check digit.
    static let childID = "33042420150315001X"

    @Test func aWorkerRegistersAChildWithAGuardianConsentAndSeesThemOnlyMasked() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        try await harness.user("wang.baibu", "王社工", password: StationPageTests.password, grant: "socialWorker@baibu")
        try await harness.application().test(.router) { client in
            let browser = try await StationPageTests.signIn(client, "wang.baibu")
            let form = try await client.page("/stations/baibu/clients/new", cookies: browser.cookies)
            #expect(form.status == .ok && form.text.contains("data-id-number"))
            let fields: [(String, String)] = [
                ("csrf", browser.csrf), ("name", "张小明"), ("idNumber", Self.childID), ("village", "330424102201"),
                ("categories", "leftBehindChild"), ("consentDate", "2021-12-01"), ("consentScope", "service"),
                ("consentScope", "personalInformation"),
            ]
            let before = try await harness.lastEvent()
            // Consent given by the child: refused beside the field, what was typed kept, nothing written.
            let refused = try await client.postFields(
                "/stations/baibu/clients",
                fields + [("consentBy", "person")],
                cookies: browser.cookies
            )
            #expect(refused.status == .unprocessableContent)
            #expect(
                refused.text.contains(
                    #"<p class="field-error" id="consentBy-error">“本人”不可用,应为监护人:服务对象在同意之日未满 14 周岁,须由监护人同意</p>"#
                )
            )
            #expect(
                refused.text.contains(#"value="张小明""#) && refused.text.contains(#"value="leftBehindChild" checked"#)
            )
            #expect(try await harness.lastEvent() == before)
            let badNumber = try await client.postFields(
                "/stations/baibu/clients",
                fields.map { $0.0 == "idNumber" ? ("idNumber", "330424201503150011") : $0 } + [
                    ("consentBy", "guardian")
                ],
                cookies: browser.cookies
            )
            #expect(badNumber.status == .unprocessableContent)
            #expect(badNumber.text.contains(#"id="idNumber-error">“330*************11”不可用"#))

            let saved = try await client.postFields(
                "/stations/baibu/clients",
                fields + [("consentBy", "guardian")],
                cookies: browser.cookies
            )
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            let events = try await harness.events(after: before)
            #expect(events.map(\.event.type) == [.clientRegistered])
            #expect(!events[0].event.payload.contains("张小明") && !events[0].event.payload.contains(Self.childID))

            let page = try await client.page(location, cookies: browser.cookies)
            #expect(page.text.contains(#"<dd data-field="name">张**</dd>"#))
            #expect(page.text.contains(#"<dd data-field="idNumber">330424********001X</dd>"#))
            #expect(page.text.contains("2021-12-01 · 监护人 · 接受服务、个人信息收集与使用"))
            #expect(!page.text.contains("张小明") && !page.text.contains(Self.childID))
            let list = try await client.page("/stations/baibu/clients?q=%E5%BC%A0", cookies: browser.cookies)
            #expect(list.text.contains(#"<strong data-figure="clients-count">1</strong>"#))
            #expect(list.text.contains(">张**</a>") && !list.text.contains("张小明"))
            let byCategory = try await client.page(
                "/stations/baibu/clients?category=elderlyAlone",
                cookies: browser.cookies
            )
            // Only the fixtures' client lives alone.
            #expect(byCategory.text.contains(#"<strong data-figure="clients-count">1</strong>"#))
        }
    }

    @Test func aRevealNeedsAPurposeIsRecordedAndIsNeverCached() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        try await harness.user("li.ganpu", "李社工", password: StationPageTests.password, grant: "socialWorker@ganpu")
        try await harness.user("wang.baibu", "王社工", password: StationPageTests.password, grant: "socialWorker@baibu")
        try await harness.application().test(.router) { client in
            let signedIn = try await client.signIn("li.ganpu", StationPageTests.password)
            let cookies = ["yizhan-session": try #require(signedIn.cookieValue("yizhan-session"))]
            let uri = "/clients/\(harness.ganpuClient.rawValue)"
            let masked = try await client.page(uri, cookies: cookies)
            #expect(masked.status == .ok && masked.text.contains(#"<dd data-field="name">李**</dd>"#))
            #expect(!masked.text.contains("李阿姨") && !masked.text.contains("13900002222"))
            let csrf = String(try #require(masked.text.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1))
            let before = try await harness.lastEvent()
            let noReason = try await client.postFields("\(uri)/reveal", [("csrf", csrf)], cookies: cookies)
            #expect(noReason.status == .unprocessableContent && !noReason.text.contains("李阿姨"))
            #expect(try await harness.lastEvent() == before)
            let shown = try await client.postFields(
                "\(uri)/reveal",
                [("csrf", csrf), ("reason", "service")],
                cookies: cookies
            )
            #expect(shown.status == .ok && shown.headers[.cacheControl] == "no-store")
            #expect(shown.text.contains(#"<dd data-field="name">李阿姨</dd>"#))
            #expect(shown.text.contains(#"<dd data-field="phone">13900002222</dd>"#))
            let events = try await harness.events(after: before)
            #expect(events.map(\.event.type) == [.personalDataRevealed])
            #expect(
                events[0].event.payload.contains(#""purpose":"service""#) && !events[0].event.payload.contains("李阿姨")
            )

            // Another station's worker: the page, the reveal and the list are not there for them.
            let other = try await StationPageTests.signIn(client, "wang.baibu")
            #expect(try await client.page(uri, cookies: other.cookies).status == .notFound)
            let reveal = try await client.postFields(
                "\(uri)/reveal",
                [("csrf", other.csrf), ("reason", "service")],
                cookies: other.cookies
            )
            #expect(reveal.status == .notFound && !reveal.text.contains("李阿姨"))
            #expect(try await client.page("/stations/ganpu/clients", cookies: other.cookies).status == .notFound)
            #expect(try await client.page("/stations/ganpu/clients/new", cookies: other.cookies).status == .notFound)
        }
    }
}
