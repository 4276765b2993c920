import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import YizhanKernel
import YizhanSQLite
import YizhanServer

/// The application as `yizhan-server` runs it — real sockets, the connection limits, the
/// middleware — rather than the router alone (issue 23's `.live` test).
struct LiveServerTests {
    @Test func overRealSocketsAUserSignsInAndATokenRecordsAService() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        try await harness.user("wang.baibu", "王社工", password: "百步社工站的密码2021", grant: "socialWorker@baibu")
        let token = try await harness.token("socialWorker@baibu")
        // The test client keeps one connection and does not reconnect: on a machine busy with the
        // other suites a pause between requests can outlast the 30 s default.
        var arguments = ServerArguments(host: "127.0.0.1", port: 0)
        arguments.idleSeconds = 600
        let app = try buildApplication(
            arguments,
            dependencies: harness.dependencies,
            logger: Logger(label: "yizhan.server.test")
        )
        try await app.test(.live) { client in
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            let signedIn = try await client.signIn("wang.baibu", "百步社工站的密码2021")
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/")
            let secret = try #require(signedIn.cookieValue("yizhan-session"))
            let home = try await client.page("/account", cookies: ["yizhan-session": secret])
            #expect(home.status == .ok && home.text.contains("王社工"))
            #expect(home.headers[.xRequestID]?.isEmpty == false)

            let body =
                #"{"station":"baibu","kind":"走访","date":"2021-06-01","durationMinutes":45,"headCount":2,"workers":["baibu-w1"]}"#
            let created = try await client.call("/api/v1/records", .post, token: token, json: body)
            #expect(created.status == .created, "\(created.text)")
            let answer = try created.decoded(RecordCreated.self)
            let shown = try await client.call("/api/v1/records/\(answer.record.id)", token: token)
            #expect(try shown.decoded(RecordView.self).durationMinutes == 45)
            let stored = try await harness.store.serviceRecord(try ServiceRecordID(answer.record.id))
            #expect(stored?.record.durationMinutes == 45)
            // The page's cookie is no credential for the API, over sockets as on the router.
            let withCookie = try await client.execute(
                uri: "/api/v1/records",
                method: .get,
                headers: [.cookie: "yizhan-session=\(secret)"]
            )
            #expect(withCookie.status == .unauthorized)
        }
    }
}
