import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import YizhanAccounts
import YizhanKernel
import YizhanKernelTesting
import YizhanRuntime
import YizhanServer

/// Signing in to the pages, the session cookie, CSRF and the Origin check, the throttle and the
/// session's end (issue 23.4): what a browser relies on, driven through the real router.
struct WebSessionTests {
    static let password = "百步社工站的密码2021"

    @Test func signingInSetsAnHttpOnlyLaxSessionCookieThatOnlyThePagesTake() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        try await harness.user("wang.baibu", "王社工", password: Self.password, grant: "socialWorker@baibu")
        let token = try await harness.token("system@baibu")
        try await harness.application().test(.router) { client in
            let form = try await client.execute(uri: "/login", method: .get)
            #expect(form.status == .ok)
            #expect(form.headers[.contentType] == "text/html; charset=utf-8")
            #expect(form.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            let nonceCookie = try #require(form.setCookie("yizhan-login"))
            #expect(nonceCookie.contains("HttpOnly") && nonceCookie.contains("SameSite=Strict"))
            #expect(!nonceCookie.contains("Secure"))
            let nonce = try #require(form.cookieValue("yizhan-login"))
            #expect(form.text.contains(#"name="csrf" value="\#(nonce)""#))

            let signedIn = try await client.postForm(
                "/login",
                ["login": "wang.baibu", "password": Self.password, "csrf": nonce],
                cookies: ["yizhan-login": nonce]
            )
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/")
            let sessionCookie = try #require(signedIn.setCookie("yizhan-session"))
            #expect(sessionCookie.contains("HttpOnly") && sessionCookie.contains("SameSite=Lax"))
            #expect(sessionCookie.contains("Path=/") && !sessionCookie.contains("Secure"))
            let secret = try #require(signedIn.cookieValue("yizhan-session"))
            #expect(secret.utf8.count == 43)

            let home = try await client.page("/account", cookies: ["yizhan-session": secret])
            #expect(home.status == .ok)
            #expect(home.text.contains("王社工") && home.text.contains("百步镇社会工作站(baibu)"))
            #expect(home.text.contains("社工"))
            // Signed in, the sign-in page sends the user home.
            #expect(try await client.page("/login", cookies: ["yizhan-session": secret]).headers[.location] == "/")

            // Without the cookie, or with a bearer token, the page sends the browser to sign in.
            #expect(try await client.page("/account", cookies: [:]).headers[.location] == "/login")
            let withToken = try await client.call("/", token: token)
            #expect(withToken.status == .seeOther && withToken.headers[.location] == "/login")
            // The API never takes the cookie.
            let api = try await client.execute(
                uri: "/api/v1/stations",
                method: .get,
                headers: [.cookie: "yizhan-session=\(secret)"]
            )
            #expect(api.status == .unauthorized)
        }
    }

    @Test func overTLSTheCookiesAreSecureAndHostPrefixed() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        try await harness.user("wang.baibu", "王社工", password: Self.password, grant: "socialWorker@baibu")
        try await harness.application(RouterSettings(overTLS: true)).test(.router) { client in
            let form = try await client.execute(uri: "/login", method: .get)
            #expect(form.headers[.strictTransportSecurity] != nil)
            let nonceCookie = try #require(form.setCookie("__Host-yizhan-login"))
            #expect(nonceCookie.contains("Secure") && nonceCookie.contains("Path=/"))
            let nonce = try #require(form.cookieValue("__Host-yizhan-login"))
            let signedIn = try await client.postForm(
                "/login",
                ["login": "wang.baibu", "password": Self.password, "csrf": nonce],
                cookies: ["__Host-yizhan-login": nonce]
            )
            #expect(signedIn.status == .seeOther)
            let sessionCookie = try #require(signedIn.setCookie("__Host-yizhan-session"))
            #expect(sessionCookie.contains("Secure") && sessionCookie.contains("HttpOnly"))
            // The unprefixed name is not read when served over TLS.
            let secret = try #require(signedIn.cookieValue("__Host-yizhan-session"))
            #expect(try await client.page("/account", cookies: ["yizhan-session": secret]).status == .seeOther)
            #expect(try await client.page("/account", cookies: ["__Host-yizhan-session": secret]).status == .ok)
        }
    }

    @Test func wrongPasswordsAndUnknownLoginsAreRefusedAlikeThenThrottled() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        try await harness.user("wang.baibu", "王社工", password: Self.password, grant: "socialWorker@baibu")
        let before = try await harness.lastEvent()
        try await harness.application().test(.router) { client in
            let unknown = try await client.signIn("nobody", Self.password)
            let wrong = try await client.signIn("wang.baibu", "不是这个密码123")
            #expect(unknown.status == .unauthorized && wrong.status == .unauthorized)
            #expect(unknown.text.contains("登录名或密码不正确") && wrong.text.contains("登录名或密码不正确"))
            #expect(unknown.setCookie("yizhan-session") == nil && wrong.setCookie("yizhan-session") == nil)
            // The login typed is kept in the form; the password never is.
            #expect(wrong.text.contains(#"value="wang.baibu""#) && !wrong.text.contains("不是这个密码123"))
            for _ in 0..<4 { _ = try await client.signIn("wang.baibu", "不是这个密码123") }
            // Five failures of the account: even the right password now waits.
            let throttled = try await client.signIn("wang.baibu", Self.password)
            #expect(throttled.status == .tooManyRequests)
            let wait = try #require(throttled.headers[.retryAfter].flatMap { Int($0) })
            // Up to the 15 minutes of the window (rounded up: the store keeps milliseconds).
            #expect((1...901).contains(wait))
            #expect(throttled.text.contains("登录失败次数过多"))
            #expect(throttled.setCookie("yizhan-session") == nil)
            harness.time.advance(by: 15 * 60 + 1)
            #expect(try await client.signIn("wang.baibu", Self.password).status == .seeOther)
        }
        // Six refusals and one throttled attempt, each an auth.failed naming no password or login typed.
        let failures = try await harness.events(after: before).filter { $0.event.type == .authFailed }
        #expect(failures.count == 7)
        for failure in failures {
            #expect(!failure.event.payload.contains("密码") && !failure.event.payload.contains("nobody"))
        }
    }

    @Test func aFormPostWithoutItsTokenOrFromAnotherSiteIsRefusedAndChangesNothing() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        try await harness.user("wang.baibu", "王社工", password: Self.password, grant: "socialWorker@baibu")
        try await harness.application().test(.router) { client in
            let secret = try #require(
                try await client.signIn("wang.baibu", Self.password).cookieValue("yizhan-session")
            )
            let home = try await client.page("/account", cookies: ["yizhan-session": secret])
            let csrf = try #require(home.text.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
            let session = ["yizhan-session": secret]
            let refused = [
                try await client.postForm("/logout", [:], cookies: session),
                try await client.postForm("/logout", ["csrf": "forged"], cookies: session),
                try await client.postForm(
                    "/logout",
                    ["csrf": String(csrf)],
                    cookies: session,
                    origin: "http://evil.example"
                ),
                try await client.postForm("/logout", ["csrf": String(csrf)], cookies: session, origin: nil),
                try await client.postForm(
                    "/logout",
                    ["csrf": String(csrf)],
                    cookies: session,
                    extra: [.secFetchSite: "cross-site"]
                ),
            ]
            for response in refused {
                #expect(response.status == .forbidden)
                #expect(response.text.contains("请求被拒绝"))
            }
            #expect(try await client.page("/account", cookies: session).status == .ok)

            // The sign-in form is guarded the same way: no session is started, no failure counted.
            let before = try await harness.lastEvent()
            let forgedSignIn = try await client.postForm(
                "/login",
                ["login": "wang.baibu", "password": Self.password, "csrf": "guess"],
                cookies: ["yizhan-login": "another"]
            )
            #expect(forgedSignIn.status == .forbidden && forgedSignIn.setCookie("yizhan-session") == nil)
            #expect(try await harness.lastEvent() == before)

            let signedOut = try await client.postForm("/logout", ["csrf": String(csrf)], cookies: session)
            #expect(signedOut.status == .seeOther && signedOut.headers[.location] == "/login")
            #expect(signedOut.setCookie("yizhan-session")?.contains("Max-Age=0") == true)
            #expect(try await client.page("/account", cookies: session).headers[.location] == "/login")
        }
    }

    @Test func aSessionEndsWhenIdleAt12HoursAndWhenThePasswordChanges() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let account = try await harness.user("wang.baibu", "王社工", password: Self.password, grant: "socialWorker@baibu")
        try await harness.application().test(.router) { client in
            func signedIn() async throws -> [String: String] {
                let response = try await client.signIn("wang.baibu", Self.password)
                return ["yizhan-session": try #require(response.cookieValue("yizhan-session"))]
            }
            // Idle: 29 minutes keep it (and move its last use), 31 more end it.
            let idle = try await signedIn()
            harness.time.advance(by: 29 * 60)
            #expect(try await client.page("/account", cookies: idle).status == .ok)
            harness.time.advance(by: 29 * 60)
            #expect(try await client.page("/account", cookies: idle).status == .ok)
            harness.time.advance(by: 31 * 60)
            #expect(try await client.page("/account", cookies: idle).headers[.location] == "/login")

            // Absolute: used every 20 minutes, it still ends 12 hours after sign-in.
            let busy = try await signedIn()
            for _ in 0..<35 {
                harness.time.advance(by: 20 * 60)
                #expect(try await client.page("/account", cookies: busy).status == .ok)
            }
            // (a second past: the store keeps instants to the millisecond)
            harness.time.advance(by: 20 * 60 + 1)
            #expect(try await client.page("/account", cookies: busy).headers[.location] == "/login")

            // A new password ends every session of the account; so does disabling it.
            let first = try await signedIn()
            let second = try await signedIn()
            try await harness.dependencies.accounts.work.setPassword(
                hash: try await harness.dependencies.accounts.hasher.hash("新的密码也够长2026"),
                of: account.id,
                by: .operator(.cli)
            )
            #expect(try await client.page("/account", cookies: first).status == .seeOther)
            #expect(try await client.page("/account", cookies: second).status == .seeOther)
            let third = try await client.signIn("wang.baibu", "新的密码也够长2026")
            let cookies = ["yizhan-session": try #require(third.cookieValue("yizhan-session"))]
            try await harness.dependencies.accounts.work.setDisabled(true, account.id, by: .operator(.cli))
            #expect(try await client.page("/account", cookies: cookies).status == .seeOther)
            #expect(try await client.signIn("wang.baibu", "新的密码也够长2026").status == .unauthorized)
        }
    }

    @Test func forwardedForIsBelievedOnlyFromATrustedProxy() {
        let direct = ClientAddress()
        #expect(direct.resolve(peer: "203.0.113.9", forwardedFor: ["198.51.100.1"]) == "203.0.113.9")
        let behindProxy = ClientAddress(trustedProxies: ["127.0.0.1", "10.0.0.2"])
        // A client writes its own X-Forwarded-For; the proxies append the peers they saw.
        #expect(
            behindProxy.resolve(peer: "127.0.0.1", forwardedFor: ["6.6.6.6, 198.51.100.1", "10.0.0.2"])
                == "198.51.100.1"
        )
        #expect(behindProxy.resolve(peer: "127.0.0.1", forwardedFor: []) == "127.0.0.1")
        #expect(behindProxy.resolve(peer: "203.0.113.9", forwardedFor: ["198.51.100.1"]) == "203.0.113.9")
        #expect(behindProxy.resolve(peer: nil, forwardedFor: ["198.51.100.1"]) == "unknown")
    }
}

extension TestClientProtocol {
    /// A page asked for with `cookies`.
    func page(_ uri: String, cookies: [String: String]) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        return try await execute(uri: uri, method: .get, headers: headers)
    }

    /// A form posted as a browser on Yizhan's own page posts it (`origin` nil sends none).
    func postForm(
        _ uri: String,
        _ fields: [String: String],
        cookies: [String: String],
        origin: String? = "http://localhost",
        extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let origin { headers[.origin] = origin }
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        headers.append(contentsOf: extra)
        let allowed = CharacterSet.alphanumerics.subtracting(CharacterSet(charactersIn: "^"))
        let body = fields.sorted { $0.key < $1.key }.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Signs in through the form as a browser does: fetch it, post it with its nonce.
    func signIn(_ login: String, _ password: String) async throws -> TestResponse {
        let form = try await execute(uri: "/login", method: .get)
        let nonce = try #require(form.cookieValue("yizhan-login"))
        return try await postForm(
            "/login",
            ["login": login, "password": password, "csrf": nonce],
            cookies: ["yizhan-login": nonce]
        )
    }
}

extension TestResponse {
    /// The `Set-Cookie` line for `name`, if any.
    func setCookie(_ name: String) -> String? {
        headers[values: .setCookie].first { $0.hasPrefix(name + "=") }
    }

    /// The value the response sets for the cookie `name`.
    func cookieValue(_ name: String) -> String? {
        setCookie(name).map { String($0.dropFirst(name.count + 1).prefix { $0 != ";" }) }
    }
}
