import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanServer

/// The county's accounts as pages (issue 24.3): an admin adds, grants and disables accounts
/// within the county; a bad password is refused by the same rule as everywhere; nobody else
/// reaches the page.
struct AccountPageTests {
    @Test func anAdminAddsAnAccountThatSignsInThenDisablesIt() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        try await harness.user("county.admin", "县民政局", password: StationPageTests.password, grant: "countyAdmin@330424")
        try await harness.user("wang.baibu", "王社工", password: StationPageTests.password, grant: "stationHead@baibu")
        try await harness.application().test(.router) { client in
            let admin = try await StationPageTests.signIn(client, "county.admin")
            let list = try await client.page("/county/accounts", cookies: admin.cookies)
            #expect(list.status == .ok && list.text.contains("<th scope=\"row\">wang.baibu</th>"))
            #expect(list.text.contains(#"<option value="ganpu">澉浦镇社会工作站(ganpu)</option>"#))
            let before = try await harness.lastEvent()
            func add(_ password: String, scope: String = "ganpu") async throws -> TestResponse {
                try await client.postFields(
                    "/county/accounts",
                    [
                        ("csrf", admin.csrf), ("login", "li.ganpu"), ("displayName", "李社工"), ("password", password),
                        ("role", "socialWorker"), ("scope", scope),
                    ],
                    cookies: admin.cookies
                )
            }
            let common = try await add("password123")
            #expect(common.status == .unprocessableContent && common.text.contains(#"value="li.ganpu""#))
            #expect(!common.text.contains("password123"))
            let outside = try await add("澉浦社工站的新密码", scope: "330481")
            #expect(outside.status != .seeOther)
            #expect(try await harness.lastEvent() == before)
            let added = try await add("澉浦社工站的新密码")
            #expect(added.status == .seeOther && added.headers[.location] == "/county/accounts?added=li.ganpu")

            let signedIn = try await client.signIn("li.ganpu", "澉浦社工站的新密码")
            #expect(signedIn.status == .seeOther)
            let page = try await client.page("/county/accounts", cookies: admin.cookies)
            let id = try #require(page.text.firstMatch(of: /action="\/county\/accounts\/([0-9a-f-]+)\/disable"/)?.1)
            let granted = try await client.postFields(
                "/county/accounts/grants",
                [("csrf", admin.csrf), ("account", String(id)), ("role", "viewer"), ("scope", "330424")],
                cookies: admin.cookies
            )
            #expect(granted.status == .seeOther)
            let disabled = try await client.postFields(
                "/county/accounts/\(id)/disable",
                [("csrf", admin.csrf)],
                cookies: admin.cookies
            )
            #expect(disabled.status == .seeOther)
            let after = try await client.page("/county/accounts", cookies: admin.cookies)
            #expect(after.text.contains("socialWorker@ganpu、viewer@330424"))
            #expect(try await client.signIn("li.ganpu", "澉浦社工站的新密码").status == .unauthorized)

            let head = try await StationPageTests.signIn(client, "wang.baibu")
            #expect(try await client.page("/county/accounts", cookies: head.cookies).status == .notFound)
            let forged = try await client.postFields(
                "/county/accounts/\(id)/enable",
                [("csrf", head.csrf)],
                cookies: head.cookies
            )
            #expect(forged.status == .notFound)
        }
    }
}
