import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import YizhanRuntime

/// The throwaway PostgreSQL server `.ci/start-postgres` starts, when the tests have one.
private let postgresURL = ProcessInfo.processInfo.environment["YIZHAN_TEST_POSTGRES_URL"]

/// Two `yizhan-server` processes on one PostgreSQL database, as a city runs them behind nginx
/// (issue 23.7): sessions, sign-outs and the sign-in throttle live in the database, so either
/// process answers any request.
struct ServerClusterTests {
    @Test(.enabled(if: postgresURL != nil, "set YIZHAN_TEST_POSTGRES_URL, e.g. $(.ci/start-postgres)"))
    func aSessionMadeOnOneServerIsValidOnTheOtherAndEndsOnBoth() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let schema = "cluster_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        defer { Self.dropSchema(schema) }
        let demo = try await CommandLine.run(["demo", "yizhan-demo"], in: scratch.url)
        #expect(demo.status == 0, "\(demo.errors)")
        let password = try #require(Self.password(of: "baibu.worker", in: demo.output + "\n" + demo.errors))
        let database = try #require(postgresURL) + "&search_path=\(schema)"
        let copied = try await CommandLine.run(
            ["db", "copy", "--from", "sqlite:yizhan-demo/yizhan.sqlite", "--to", database],
            in: scratch.url
        )
        #expect(copied.status == 0, "\(copied.errors)")
        let file = scratch.url.appendingPathComponent("yizhan-demo/yizhan.yaml")
        let settings = try String(contentsOf: file, encoding: .utf8)
        try settings.replacingOccurrences(of: #"database: "sqlite:yizhan.sqlite""#, with: #"database: "\#(database)""#)
            .write(to: file, atomically: true, encoding: .utf8)

        let ports = [Int.random(in: 20_000..<30_000), Int.random(in: 30_000..<40_000)]
        let servers = try ports.map { port in
            try CommandLine.start(
                "yizhan-server",
                ["--workspace", "yizhan-demo", "--port", "\(port)"],
                in: scratch.url,
                environment: [:]
            )
        }
        defer {
            for server in servers { server.send(SIGTERM) }
        }
        let client = HTTPClient(configuration: .init(redirectConfiguration: .disallow))
        do {
            let (a, b) = (Browser(client: client, port: ports[0]), Browser(client: client, port: ports[1]))
            for browser in [a, b] { try await browser.waitUntilListening() }

            // Signed in through A, the session is valid on B.
            let session = try await a.signIn("baibu.worker", password)
            #expect(session.status == 303)
            let cookie = try #require(session.cookie("yizhan-session"))
            let onB = try await b.get("/account", cookie: "yizhan-session=\(cookie)")
            #expect(onB.status == 200 && onB.body.contains("baibu.worker"))

            // Signed out through B, it is over on A too.
            let csrf = try #require(onB.body.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
            let out = try await b.post("/logout", ["csrf": String(csrf)], cookie: "yizhan-session=\(cookie)")
            #expect(out.status == 303 && out.location == "/login")
            #expect(try await a.get("/account", cookie: "yizhan-session=\(cookie)").location == "/login")

            // Failures count across both: three on A and two on B, and then even the right password waits.
            for browser in [a, a, a, b, b] {
                #expect(try await browser.signIn("baibu.worker", "不是这个密码123").status == 401)
            }
            let throttled = try await a.signIn("baibu.worker", password)
            #expect(throttled.status == 429 && throttled.headers["Retry-After"].first != nil)
            #expect(try await b.signIn("baibu.worker", password).status == 429)
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
        for server in servers {
            server.send(SIGTERM)
            #expect(await server.ended() == 0, "a server did not stop cleanly on SIGTERM")
        }
    }

    /// The password `yizhan demo` printed for `login`.
    static func password(of login: String, in output: String) -> String? {
        for line in output.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.first == Substring(login), let last = words.last { return String(last) }
        }
        return nil
    }

    private static func dropSchema(_ schema: String) {
        guard let postgresURL else { return }
        _ = try? ChildProcess(
            executable: "/usr/bin/psql",
            arguments: [postgresURL, "-qc", "DROP SCHEMA IF EXISTS \(schema) CASCADE"],
            environment: ProcessInfo.processInfo.environment.merging(["PGOPTIONS": "-c client_min_messages=warning"]) {
                $1
            }
        ).endedBlocking()
    }
}

/// A browser's view of one server: requests with the headers a browser on its pages sends.
private struct Browser {
    let client: HTTPClient
    let port: Int

    /// What came back.
    struct Answer {
        var status: UInt
        var headers: HTTPHeaders
        var body: String

        var location: String? { headers["Location"].first }

        /// The value the answer sets for the cookie `name`.
        func cookie(_ name: String) -> String? {
            headers["Set-Cookie"].first { $0.hasPrefix(name + "=") }
                .map { String($0.dropFirst(name.count + 1).prefix { $0 != ";" }) }
        }
    }

    var origin: String { "http://127.0.0.1:\(port)" }

    func waitUntilListening() async throws {
        for _ in 0..<240 {
            if let answer = try? await get("/healthz", cookie: nil), answer.status == 200 { return }
            try await Task.sleep(for: .milliseconds(250))
        }
        Issue.record("yizhan-server on port \(port) did not start")
    }

    func get(_ path: String, cookie: String?) async throws -> Answer {
        var request = HTTPClientRequest(url: origin + path)
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        return try await send(request)
    }

    func post(_ path: String, _ fields: [String: String], cookie: String?) async throws -> Answer {
        var request = HTTPClientRequest(url: origin + path)
        request.method = .POST
        request.headers.add(name: "Origin", value: origin)
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        let allowed = CharacterSet.alphanumerics.subtracting(CharacterSet(charactersIn: "^"))
        let body = fields.sorted { $0.key < $1.key }.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
        request.body = .bytes(ByteBuffer(string: body))
        return try await send(request)
    }

    /// Signs in through the form: fetch it, post it with its nonce.
    func signIn(_ login: String, _ password: String) async throws -> Answer {
        let form = try await get("/login", cookie: nil)
        let nonce = form.cookie("yizhan-login") ?? ""
        return try await post(
            "/login",
            ["login": login, "password": password, "csrf": nonce],
            cookie: "yizhan-login=\(nonce)"
        )
    }

    private func send(_ request: HTTPClientRequest) async throws -> Answer {
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return Answer(status: response.status.code, headers: response.headers, body: String(buffer: body))
    }
}
