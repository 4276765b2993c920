import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanServer

/// A station's pages (issue 24.2) through the real router: the home's figures, the record form
/// (its refusals beside each field, nothing written), the saved record, the filtered list and its
/// export, and every page outside the grants answered 404.
struct StationPageTests {
    static let password = "百步社工站的密码2021"

    /// A brand plugin serving 百步 with one choice field, as the record form shows it.
    struct TestBrand: BrandPlugin {
        static let manifest = PluginManifest(
            id: "test-brand",
            name: "测试品牌",
            version: "1.0.0",
            kernelAPIVersion: PluginRegistry.kernelAPIVersion,
            scope: .station(Fixtures.baibu.id)
        )

        func register(into registry: inout PluginRegistry) throws {
            try registry.add(
                PluginRecordField(
                    id: "test-brand.bridge",
                    name: LocalizedText("色桥", en: "bridge"),
                    options: ["b1", "b2"]
                ),
                by: Self.manifest.id
            )
        }
    }

    /// A signed-in browser: its session cookie and the CSRF token its pages carry.
    struct Browser {
        let cookies: [String: String]
        let csrf: String
    }

    static func signIn(_ client: some TestClientProtocol, _ login: String) async throws -> Browser {
        let signedIn = try await client.signIn(login, password)
        let secret = try #require(signedIn.cookieValue("yizhan-session"))
        let cookies = ["yizhan-session": secret]
        let page = try await client.page("/account", cookies: cookies)
        let csrf = try #require(page.text.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
        return Browser(cookies: cookies, csrf: String(csrf))
    }

    @Test func aWorkerRecordsAVisitWithABrandFieldAndSeesItListedCountedAndExported() async throws {
        let harness = try await ServerHarness(plugins: try PluginRegistry.build([TestBrand()]))
        defer { harness.remove() }
        try await harness.user("wang.baibu", "王社工", password: Self.password, grant: "socialWorker@baibu")
        let today = harness.dependencies.clock.today
        try await harness.application().test(.router) { client in
            let first = try await client.signIn("wang.baibu", Self.password)
            let secret = try #require(first.cookieValue("yizhan-session"))
            // One grant: home is the station's page.
            #expect(
                try await client.page("/", cookies: ["yizhan-session": secret]).headers[.location] == "/stations/baibu"
            )
            let browser = try await Self.signIn(client, "wang.baibu")
            let form = try await client.page("/stations/baibu/records/new", cookies: browser.cookies)
            #expect(form.status == .ok)
            #expect(form.text.contains(#"<input id="date" name="date" type="date" value="\#(today)""#))
            #expect(form.text.contains(#"<label for="field-test-brand.bridge">色桥"#))
            #expect(form.text.contains(#"<option value="b2">b2</option>"#))
            #expect(form.text.contains(#"<option value="baibu-p1-core">核心项目</option>"#))
            let before = try await harness.lastEvent()
            let saved = try await client.postFields(
                "/stations/baibu/records",
                [
                    ("csrf", browser.csrf), ("kind", "homeVisit"), ("date", today.description), ("duration", "45"),
                    ("village", "330424102201"), ("workers", "baibu-w1"), ("workers", "baibu-w2"),
                    ("headCount", "3"), ("subProject", "baibu-p1-core"), ("field.test-brand.bridge", "b2"),
                ],
                cookies: browser.cookies
            )
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            let id = try #require(location.firstMatch(of: /^\/records\/([0-9a-f-]{36})\?saved=1$/)?.1)
            let events = try await harness.events(after: before)
            #expect(events.map(\.event.type) == [.serviceRecorded])

            let record = try await client.page(location, cookies: browser.cookies)
            #expect(record.status == .ok)
            #expect(record.text.contains("已保存。") && record.text.contains("<h1>走访"))
            #expect(record.text.contains("<dd>示例社工甲、示例社工乙</dd>") && record.text.contains("<dd>3 人</dd>"))
            #expect(record.text.contains("<dt>色桥</dt><dd>b2</dd>") && record.text.contains("<dd>核心项目</dd>"))

            let home = try await client.page("/stations/baibu", cookies: browser.cookies)
            #expect(home.text.contains(#"<dd data-figure="month-records">1</dd>"#))
            #expect(home.text.contains(#"<dd data-figure="month-person-times">3</dd>"#))
            #expect(home.text.contains(#"<th scope="row">走访</th><td class="num">1</td><td class="num">3</td>"#))

            let month = today.monthKey
            let listed = try await client.page(
                "/stations/baibu/records?month=\(month)&worker=baibu-w2",
                cookies: browser.cookies
            )
            #expect(listed.text.contains(#"<a href="/records/\#(id)">"#))
            #expect(listed.text.contains(#"<strong data-figure="records-count">1</strong>"#))
            let otherKind = try await client.page(
                "/stations/baibu/records?month=\(month)&kind=consultation",
                cookies: browser.cookies
            )
            #expect(otherKind.text.contains(#"<strong data-figure="records-count">0</strong>"#))
            let csv = try await client.page(
                "/stations/baibu/records?month=\(month)&subProject=baibu-p1-core&format=csv",
                cookies: browser.cookies
            )
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition] == #"attachment; filename="services-baibu-\#(month).csv""#)
            let rows =
                csv.text.split(separator: "\r\n").isEmpty
                ? csv.text.split(separator: "\n") : csv.text.split(separator: "\r\n")
            #expect(rows.count == 2)
            #expect(rows.last?.contains("\(today),走访,45,") == true && rows.last?.hasSuffix(id) == true)
            let xlsx = try await client.page(
                "/stations/baibu/records?month=\(month)&format=xlsx",
                cookies: browser.cookies
            )
            #expect(xlsx.status == .ok && Array(xlsx.body.readableBytesView.prefix(2)) == Array("PK".utf8))
            // A month that is not one is refused with the field named.
            let bad = try await client.page("/stations/baibu/records?month=2021-13", cookies: browser.cookies)
            #expect(bad.status == .unprocessableContent && bad.text.contains("month"))
        }
    }

    @Test func aRefusedFormKeepsWhatWasTypedNamesEachFieldAndWritesNothing() async throws {
        let harness = try await ServerHarness(plugins: try PluginRegistry.build([TestBrand()]))
        defer { harness.remove() }
        try await harness.user("wang.baibu", "王社工", password: Self.password, grant: "socialWorker@baibu")
        try await harness.application().test(.router) { client in
            let browser = try await Self.signIn(client, "wang.baibu")
            let before = try await harness.lastEvent()
            let refused = try await client.postFields(
                "/stations/baibu/records",
                [
                    ("csrf", browser.csrf), ("kind", "homeVisit"), ("date", "2099-01-01"), ("duration", "abc"),
                    ("workers", "nobody"), ("subProject", "no-such"), ("field.test-brand.bridge", "b9"),
                ],
                cookies: browser.cookies
            )
            #expect(refused.status == .unprocessableContent)
            let text = refused.text
            #expect(text.contains("未保存任何内容"))
            #expect(text.contains(#"<p class="field-error" id="date-error">“2099-01-01”不可用,应为不晚于今天"#))
            #expect(text.contains(#"<p class="field-error" id="duration-error">“abc”不可用,应为整数分钟</p>"#))
            #expect(text.contains(#"<p class="field-error" id="headCount-error">请勾选服务对象,或填写参与人数</p>"#))
            #expect(text.contains(#"<p class="field-error" id="workers-error">“nobody”不可用"#))
            #expect(text.contains(#"id="subProject-error""#))
            #expect(
                text.contains(#"<p class="field-error" id="field-test-brand.bridge-error">“b9”不可用,应为以下之一:b1、b2</p>"#)
            )
            // What was typed stays, the fields are tied to their messages.
            #expect(
                text.contains(#"value="2099-01-01" max="#)
                    && text.contains(#"value="abc" required aria-invalid="true" aria-describedby="duration-error""#)
            )
            #expect(try await harness.lastEvent() == before)
            // Without its token the form is refused before anything is read.
            let forged = try await client.postFields(
                "/stations/baibu/records",
                [("kind", "homeVisit"), ("date", "2021-05-01"), ("duration", "30"), ("headCount", "2")],
                cookies: browser.cookies
            )
            #expect(forged.status == .forbidden)
            #expect(try await harness.lastEvent() == before)
        }
    }

    @Test func pagesOutsideTheGrantsAreNotFoundAndRecorded() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        try await harness.user("wang.baibu", "王社工", password: Self.password, grant: "socialWorker@baibu")
        try await harness.user("county.viewer", "县民政局", password: Self.password, grant: "viewer@330424")
        try await harness.application().test(.router) { client in
            let worker = try await Self.signIn(client, "wang.baibu")
            let before = try await harness.lastEvent()
            for uri in [
                "/stations/ganpu", "/stations/ganpu/records/new", "/stations/ganpu/records",
                "/records/\(harness.ganpuRecord.id.rawValue)", "/stations/nowhere",
            ] {
                let page = try await client.page(uri, cookies: worker.cookies)
                #expect(page.status == .notFound, "\(uri)")
                #expect(page.text.contains("没有这个页面"))
            }
            let post = try await client.postFields(
                "/stations/ganpu/records",
                [
                    ("csrf", worker.csrf), ("kind", "homeVisit"), ("date", "2021-05-01"), ("duration", "30"),
                    ("headCount", "2"),
                ],
                cookies: worker.cookies
            )
            #expect(post.status == .notFound)
            let denials = try await harness.events(after: before)
            #expect(denials.count == 6 && denials.allSatisfy { $0.event.type == .accessDenied })
            #expect(denials.allSatisfy { !$0.event.payload.contains("ganpu") })

            // A county viewer reads 百步's figures, and nothing else of it.
            let viewer = try await Self.signIn(client, "county.viewer")
            let home = try await client.page("/stations/baibu", cookies: viewer.cookies)
            #expect(home.status == .ok && home.text.contains("百步镇社会工作站"))
            #expect(
                !home.text.contains("/stations/baibu/records/new") && !home.text.contains("/stations/baibu/records\"")
            )
            for uri in [
                "/stations/baibu/records/new", "/stations/baibu/records", "/records/\(harness.baibuRecord.id.rawValue)",
            ] {
                #expect(try await client.page(uri, cookies: viewer.cookies).status == .notFound, "\(uri)")
            }
        }
    }

    @Test func theLanguageSwitchShowsThePagesInEnglishAndOnlyReturnsToThisServer() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        try await harness.user("wang.baibu", "王社工", password: Self.password, grant: "socialWorker@baibu")
        try await harness.application().test(.router) { client in
            let browser = try await Self.signIn(client, "wang.baibu")
            let chinese = try await client.page("/stations/baibu", cookies: browser.cookies)
            #expect(chinese.text.contains(#"<html lang="zh-Hans">"#) && chinese.text.contains("本月"))
            #expect(chinese.text.contains(#"href="/language/en?back=/stations/baibu""#))
            let switched = try await client.page("/language/en?back=%2Fstations%2Fbaibu", cookies: [:])
            #expect(switched.status == .seeOther && switched.headers[.location] == "/stations/baibu")
            #expect(switched.cookieValue("yizhan-lang") == "en")
            var english = browser.cookies
            english["yizhan-lang"] = "en"
            let page = try await client.page("/stations/baibu", cookies: english)
            #expect(page.text.contains(#"<html lang="en">"#) && page.text.contains("This month"))
            #expect(page.text.contains("Record a service") && !page.text.contains("本月"))
            for away in ["//evil.example/x", "https://evil.example", "/\\evil.example"] {
                let uri =
                    "/language/en?back=" + (away.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                #expect(try await client.page(uri, cookies: [:]).headers[.location] == "/", "\(away)")
            }
            #expect(try await client.page("/language/fr", cookies: [:]).status == .notFound)
        }
    }

    /// Every `{{t.key}}` of every template is in the strings file, in both languages.
    @Test func everyWordOfEveryTemplateIsThereInBothLanguages() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Modules/YizhanServer/Resources")
        let strings = try PageStrings(json: Data(contentsOf: root.appendingPathComponent("Strings/pages.json")))
        let templates = root.appendingPathComponent("Templates")
        var used: Set<String> = []
        for name in try FileManager.default.contentsOfDirectory(atPath: templates.path) {
            let text = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
            used.formUnion(text.matches(of: /\{\{[#^\/]?t\.([a-z_]+)\}\}/).map { String($0.1) })
        }
        #expect(used.count > 50)
        #expect(used.subtracting(strings.keys).isEmpty, "\(used.subtracting(strings.keys).sorted())")
        for key in used { #expect(strings.text(key, .zhHans) != strings.text(key, .en) || key == "brand_field") }
    }
}

extension TestClientProtocol {
    /// A form posted as a browser on Yizhan's own page posts it, its fields in order, names repeated.
    func postFields(_ uri: String, _ fields: [(String, String)], cookies: [String: String]) async throws -> TestResponse
    {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .origin: "http://localhost"]
        headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        let body = fields.map { name, value in
            "\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name)="
                + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)
        }.joined(separator: "&")
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}
