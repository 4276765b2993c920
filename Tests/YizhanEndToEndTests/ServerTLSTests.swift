import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Testing
import YizhanRuntime

/// `yizhan-server --tls-certificate --tls-key` serving HTTPS itself (issue 23.6): the pages' cookies
/// become `__Host-` and Secure, HSTS is sent, and a bad key file stops it with a message.
struct ServerTLSTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "needs openssl"))
    func overItsOwnTLSTheServerSendsSecureHostCookiesAndHSTS() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let made = try await CommandLine.runTool(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-keyout", "key.pem", "-out", "cert.pem",
            ],
            in: scratch.url
        )
        #expect(made.status == 0, "\(made.errors)")
        #expect(try await CommandLine.run(["init", "w", "--county", "330424"], in: scratch.url).status == 0)

        let badKey = try await CommandLine.run(
            ["--workspace", "w", "--port", "8443", "--tls-certificate", "cert.pem", "--tls-key", "missing.pem"],
            in: scratch.url,
            executable: "yizhan-server"
        )
        #expect(badKey.status != 0 && badKey.errors.contains("无法读取 TLS 私钥:missing.pem"))

        let port = Int.random(in: 40_000..<50_000)
        let server = try CommandLine.start(
            "yizhan-server",
            ["--workspace", "w", "--port", "\(port)", "--tls-certificate", "cert.pem", "--tls-key", "key.pem"],
            in: scratch.url,
            environment: [:]
        )
        defer { server.send(SIGTERM) }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        let client = HTTPClient(configuration: .init(tlsConfiguration: tls, redirectConfiguration: .disallow))
        do {
            var health: HTTPClientResponse?
            for _ in 0..<240 where health == nil {
                health = try? await client.execute(
                    HTTPClientRequest(url: "https://127.0.0.1:\(port)/healthz"),
                    timeout: .seconds(5)
                )
                if health == nil { try await Task.sleep(for: .milliseconds(250)) }
            }
            let answered = try #require(health)
            #expect(answered.status.code == 200)
            #expect(answered.headers["Strict-Transport-Security"].first?.contains("max-age=") == true)
            let login = try await client.execute(
                HTTPClientRequest(url: "https://127.0.0.1:\(port)/login"),
                timeout: .seconds(5)
            )
            let cookie = try #require(login.headers["Set-Cookie"].first)
            #expect(
                cookie.hasPrefix("__Host-yizhan-login=") && cookie.contains("Secure") && cookie.contains("HttpOnly")
            )
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
        server.send(SIGTERM)
        #expect(await server.ended() == 0)
    }
}
