import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanServer

/// Every form a signed-in page posts (issue 24): without the session's CSRF token, or from another
/// site, it is refused with 403 before its handler reads anything, and nothing is written.
struct PageFormTests {
    /// The page routes that change something, with an id where the path takes one.
    static let forms = [
        "/logout", "/stations/baibu/records", "/stations/baibu/clients", "/clients/baibu-c1/reveal",
        "/cases/some-case/move", "/activities/some-activity/hours", "/stations/baibu/import", "/county/accounts",
        "/county/accounts/grants", "/county/accounts/some-account/disable", "/county/accounts/some-account/enable",
        "/county/approvals",
    ]

    @Test func everyFormIsRefusedWithoutItsTokenAndWritesNothing() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        try await harness.user("county.admin", "县民政局", password: StationPageTests.password, grant: "countyAdmin@330424")
        // Every POST route of the pages is in the list (the sign-in and check-in forms, which come
        // before any session, carry a nonce of their own and are tested with them).
        let router = try buildRouter(harness.dependencies)
        let posted = Set(
            router.routes.filter { $0.method == .post }.map { "\($0.path)" }
                .filter { !$0.hasPrefix("/api/") && $0 != "/login" && !$0.hasPrefix("/check-in") }
        )
        let templates = Set(
            Self.forms.map {
                $0.replacing(/\/(baibu-c1|some-case|some-activity|some-account)\//, with: "/{id}/")
                    .replacing("/stations/baibu/", with: "/stations/{id}/")
            }
        )
        #expect(posted == templates, "\(posted.symmetricDifference(templates))")
        try await harness.application().test(.router) { client in
            let admin = try await StationPageTests.signIn(client, "county.admin")
            let before = try await harness.lastEvent()
            for form in Self.forms {
                let missing = try await client.postFields(form, [("login", "x")], cookies: admin.cookies)
                #expect(missing.status == .forbidden, "\(form) without a token")
                let wrong = try await client.postFields(form, [("csrf", "not-the-token")], cookies: admin.cookies)
                #expect(wrong.status == .forbidden, "\(form) with a wrong token")
                let away = try await client.postForm(
                    form,
                    ["csrf": admin.csrf],
                    cookies: admin.cookies,
                    origin: "http://evil.example"
                )
                #expect(away.status == .forbidden, "\(form) from another site")
            }
            #expect(try await harness.lastEvent() == before)
            // Still signed in: the refusals ended nothing.
            #expect(try await client.page("/account", cookies: admin.cookies).status == .ok)
        }
    }
}
