import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import Testing
import YizhanRuntime
import YizhanWebhookTesting

/// Issue 27.5: the command line, `yizhan-notify`, `yizhan-server` and `yizhan-report` on one SQLite
/// workspace at once, with a ledger import holding the write lock for seconds in the middle: no
/// "database is locked", no lost write, every write with its event, every event delivered.
@Suite(.serialized)
struct SharedDatabaseTests {
    /// How long the writers run: 20 s here, longer on demand (`scripts/fault-suite.sh`).
    static let seconds = Int(ProcessInfo.processInfo.environment["YIZHAN_SHARED_SECONDS"] ?? "") ?? 20
    /// Rows of the ledger imported while the others write: enough to hold the lock for seconds.
    static let ledgerRows = Int(ProcessInfo.processInfo.environment["YIZHAN_SHARED_LEDGER_ROWS"] ?? "") ?? 30_000
    /// The demo's service records (and so its `service.recorded` events), 435 per station.
    static let demoRecords = 3_915

    /// What the writers did: successes, and the errors of the failures.
    final class Tally: Sendable {
        private let state = Mutex((done: 0, failures: [String]()))
        func succeeded() { state.withLock { $0.done += 1 } }
        func failed(_ text: String) { state.withLock { $0.failures.append(text) } }
        var done: Int { state.withLock { $0.done } }
        var failures: [String] { state.withLock { $0.failures } }
    }

    @Test func everyProcessWritesAndReadsOneFileWithoutALockErrorOrALostWrite() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(try await CommandLine.run(["demo", "ws"], in: scratch.url).status == 0)
        let workspace = scratch.url.appendingPathComponent("ws")
        let environment = ["YIZHAN_WORKSPACE": workspace.path, "HOOK_SECRET": NotifierCommandTests.secret]
        let token = try await CommandLine.run(
            ["token", "create", "--name", "并发", "--grant", "socialWorker@baibu", "--days", "1"],
            in: scratch.url,
            environment: environment
        )
        let bearer = try #require(token.output.split(separator: "\n").last.map(String.init))
        let ledger = scratch.url.appendingPathComponent("services.csv")
        var csv = "date,kind,duration,headcount,note\n"
        for row in 0..<Self.ledgerRows {
            csv +=
                "2021-\(String(format: "%02d", 1 + row % 11))-\(String(format: "%02d", 1 + row % 28)),走访,30,1,#\(row)\n"
        }
        try csv.write(to: ledger, atomically: true, encoding: .utf8)

        let receiver = try await LoopbackReceiver.start { _, _ in .init(status: 204, delay: .milliseconds(1)) }
        try """
        subscriptions:
          - name: county-system
            kind: webhook
            url: \(receiver.baseURL)/hook
            secret: { env: HOOK_SECRET }
            events: ["service.*"]
            scope: { station: ganpu }
        """.write(to: workspace.appendingPathComponent("subscriptions.yaml"), atomically: true, encoding: .utf8)
        let replay = try await CommandLine.run(
            ["replay", "--since", "2000-01-01"],
            in: scratch.url,
            environment: environment,
            executable: "yizhan-notify"
        )
        #expect(replay.status == 0, "\(replay.errors)")

        let port = Int.random(in: 40_000..<50_000)
        let server = try CommandLine.start(
            "yizhan-server",
            ["--port", "\(port)"],
            in: scratch.url,
            environment: environment
        )
        let notifier = try CommandLine.start(
            "yizhan-notify",
            ["run", "--lease", "10", "--timeout", "2", "--batch-size", "50"],
            in: scratch.url,
            environment: environment
        )
        defer {
            for process in [server, notifier] { process.send(SIGTERM) }
        }
        let client = HTTPClient()
        let origin = "http://127.0.0.1:\(port)"
        var listening = false
        for _ in 0..<240 where !listening {
            if let answer = try? await client.execute(
                HTTPClientRequest(url: origin + "/healthz"),
                timeout: .seconds(5)
            ),
                answer.status == .ok
            {
                listening = true
            } else {
                try await Task.sleep(for: .milliseconds(250))
            }
        }
        #expect(listening, "yizhan-server did not start")

        let (cli, api, reports) = (Tally(), Tally(), Tally())
        let deadline = ContinuousClock.now + .seconds(Self.seconds)
        let imported: CommandLine.Result = try await withThrowingTaskGroup(of: CommandLine.Result?.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    while ContinuousClock.now < deadline {
                        let added = try await CommandLine.run(
                            [
                                "record", "add", "--station", "ganpu", "--kind", "走访", "--date", "2021-11-05",
                                "--duration", "30", "--head-count", "1",
                            ],
                            in: scratch.url,
                            environment: environment
                        )
                        added.status == 0 ? cli.succeeded() : cli.failed(added.errors)
                    }
                    return nil
                }
            }
            group.addTask {
                while ContinuousClock.now < deadline {
                    var request = HTTPClientRequest(url: origin + "/api/v1/records")
                    request.method = .POST
                    request.headers.add(name: "Authorization", value: "Bearer \(bearer)")
                    request.headers.add(name: "Content-Type", value: "application/json")
                    request.body = .bytes(
                        ByteBuffer(
                            string:
                                #"{"station":"baibu","kind":"走访","date":"2021-12-01","durationMinutes":30,"headCount":1}"#
                        )
                    )
                    let response = try await client.execute(request, timeout: .seconds(120))
                    let body = String(buffer: try await response.body.collect(upTo: 1 << 16))
                    response.status == .created ? api.succeeded() : api.failed("\(response.status.code) \(body)")
                }
                return nil
            }
            group.addTask {
                while ContinuousClock.now < deadline {
                    let report = try await CommandLine.run(
                        ["county", "--period", "2021", "--json"],
                        in: scratch.url,
                        environment: environment,
                        executable: "yizhan-report"
                    )
                    report.status == 0 ? reports.succeeded() : reports.failed(report.errors)
                }
                return nil
            }
            group.addTask {
                // The import starts once the others are under way, and holds the lock for seconds.
                try await Task.sleep(for: .seconds(2))
                return try await CommandLine.run(
                    ["import", "services", ledger.path, "--station", "baibu"],
                    in: scratch.url,
                    environment: environment
                )
            }
            var imported: CommandLine.Result?
            for try await result in group { if let result { imported = result } }
            return try #require(imported)
        }
        try await client.shutdown()
        #expect(imported.status == 0, "\(imported.errors)")
        #expect(
            cli.failures.isEmpty && api.failures.isEmpty && reports.failures.isEmpty,
            "\(cli.failures + api.failures + reports.failures)"
        )
        #expect(cli.done > 0 && api.done > 0 && reports.done > 0)

        // Every write is there once, each with its event, and every event of 澉浦 (the demo's and the
        // command line's; the import and the API write for 百步) reaches the receiver.
        let written = Self.demoRecords + Self.ledgerRows + cli.done + api.done
        let database = workspace.appendingPathComponent("yizhan.sqlite").path
        let counts = try await CommandLine.runTool(
            "/usr/bin/sqlite3",
            [
                database,
                "PRAGMA integrity_check; SELECT count(*) FROM service_record; SELECT count(*) FROM event WHERE type = 'service.recorded';",
            ],
            in: scratch.url
        )
        #expect(counts.output.split(separator: "\n") == ["ok", "\(written)", "\(written)"], "\(counts.errors)")
        let selected = 435 + cli.done
        #expect(await receiver.waitForRequests(selected, timeout: .seconds(60)))
        notifier.send(SIGTERM)
        await notifier.ended()
        let ids = Set(receiver.requests.compactMap { $0.headers["webhook-id"] })
        #expect(ids.count == selected)
        try await receiver.stop()
    }
}
