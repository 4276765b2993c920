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
        try await app.test(.live) { live in
            // The framework's client gives up after 20 s without a byte; on a machine running every
            // other suite at once a request can wait longer than that for a thread, so the test
            // talks to the same socket through a client that waits up to five minutes.
            let client = PatientClient(port: try #require(live.port))
            #expect(try await client.send("/healthz").status == .ok)
            let form = try await client.send("/login")
            let nonce = try #require(form.cookieValue("yizhan-login"))
            let signedIn = try await client.send(
                "/login",
                .post,
                headers: [
                    .contentType: "application/x-www-form-urlencoded", .origin: "http://localhost",
                    .cookie: "yizhan-login=\(nonce)",
                ],
                body: "csrf=\(nonce)&login=wang.baibu&password="
                    + ("百步社工站的密码2021".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            )
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/")
            let secret = try #require(signedIn.cookieValue("yizhan-session"))
            let home = try await client.send("/account", headers: [.cookie: "yizhan-session=\(secret)"])
            #expect(home.status == .ok && home.text.contains("王社工"))
            #expect(home.headers[.xRequestID]?.isEmpty == false)

            let bearer: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let body =
                #"{"station":"baibu","kind":"走访","date":"2021-06-01","durationMinutes":45,"headCount":2,"workers":["baibu-w1"]}"#
            let created = try await client.send("/api/v1/records", .post, headers: bearer, body: body)
            #expect(created.status == .created, "\(created.text)")
            let answer = try JSONDecoder().decode(RecordCreated.self, from: Data(created.text.utf8))
            let shown = try await client.send("/api/v1/records/\(answer.record.id)", headers: bearer)
            #expect(try JSONDecoder().decode(RecordView.self, from: Data(shown.text.utf8)).durationMinutes == 45)
            let stored = try await harness.store.serviceRecord(try ServiceRecordID(answer.record.id))
            #expect(stored?.record.durationMinutes == 45)
            // The page's cookie is no credential for the API, over sockets as on the router.
            let withCookie = try await client.send("/api/v1/records", headers: [.cookie: "yizhan-session=\(secret)"])
            #expect(withCookie.status == .unauthorized)
            try await client.shutdown()
        }
    }
}

/// One keep-alive connection to a live server that waits up to five minutes for each answer.
private struct PatientClient {
    let client: TestClient

    init(port: Int) {
        client = TestClient(host: "localhost", port: port, configuration: .init(timeout: .seconds(300)))
        client.connect()
    }

    /// Sends one request and waits for its answer.
    func send(
        _ uri: String,
        _ method: HTTPRequest.Method = .get,
        headers: HTTPFields = [:],
        body: String? = nil
    ) async throws -> TestClient.Response {
        var headers = headers
        headers[.connection] = "keep-alive"
        return try await client.execute(
            TestClient.Request(
                uri,
                method: method,
                authority: "localhost",
                headers: headers,
                body: body.map { ByteBuffer(string: $0) }
            )
        )
    }

    /// Closes the connection.
    func shutdown() async throws { try await client.shutdown() }
}

extension TestClient.Response {
    /// The body as text.
    fileprivate var text: String { body.map { String(buffer: $0) } ?? "" }

    /// The value the response sets for the cookie `name`.
    fileprivate func cookieValue(_ name: String) -> String? {
        head.headerFields[values: .setCookie].first { $0.hasPrefix(name + "=") }
            .map { String($0.dropFirst(name.count + 1).prefix { $0 != ";" }) }
    }
}
