// yizhan-server under load on a copy of the demo workspace (SQLite), in one run, next to two
// baselines on the same machine: `RecordService` called directly (no HTTP), and a bare
// Hummingbird route (HTTP, no store). The load client is AsyncHTTPClient in this process; the
// server is the release `yizhan-server`, a child process, so that its memory is its own:
//
//   swift build -c release --product yizhan-server && swift run -c release ServerLoad [requests] [seconds]
//
// 1. Throughput, 16 requests in flight: authenticated `POST /api/v1/records` (`requests`, default
//    5,000) and `GET /api/v1/reports/county` (the county summary as JSON, 300).
// 2. Latency: `POST /api/v1/records` sent at 200 a second for `seconds` (default 30), one request
//    every 5 ms whatever the answers; p50, p99 and max from send to answer.
// 3. Pages (issue 24): 50 signed-in sessions at once, each asking for its page again as soon as
//    it has the last — 百步's station home for the social worker's sessions, the county dashboard
//    for the county admin's — 20 rounds each. First each page once, just after the records above
//    were written: that request builds the figures (the cost a write leaves to the next viewer);
//    the rounds then find them kept until the next write.
// 4. The server's peak resident memory (VmHWM) after all of it.
// Goals (issue 23): record POST ≥ 0.5× the direct RecordService rate; p99 < 50 ms at 200/s;
// peak RSS < 150 MB. Issue 24: both pages p99 < 100 ms at 50 concurrent sessions.

import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import YizhanAccounts
import YizhanBenchmarkSupport
import YizhanBrands
import YizhanKernel
import YizhanRuntime

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let requestCount = arguments.first ?? 5_000
let latencySeconds = arguments.dropFirst().first ?? 30
let inFlight = 16

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func line(_ label: String, _ count: Int, _ elapsed: Duration) {
    let rate = Double(count) / seconds(elapsed)
    say(
        label.padding(toLength: 56, withPad: " ", startingAt: 0)
            + String(format: "%7d  %7.2f s  %8.0f /s", count, seconds(elapsed), rate)
    )
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-server-bench-\(UUID().uuidString)")
defer { try? FileManager.default.removeItem(at: folder) }
var quiet = Logger(label: "bench")
quiet.logLevel = .error
let built = try await DemoBuilder(
    recipe: root.appendingPathComponent("config/demo/haiyan.yaml"),
    plugins: BrandCatalog.builtIn,
    logger: quiet
).build(into: folder)
let workspace = built.workspace

func recordBody(_ index: Int) -> String {
    let day = 1 + index % 28
    return
        #"{"station":"baibu","kind":"走访","date":"2021-06-\#(day < 10 ? "0" : "")\#(day)","durationMinutes":\#(30 + index % 60),"headCount":2,"workers":["baibu-w1"]}"#
}

// A county admin's token: it may record at 百步 and read the county summary.
let token: String = try await workspace.withStore { store in
    let accounts = try await workspace.accounts(for: store)
    let (secret, hash) = accounts.secrets.makeToken()
    try await accounts.work.createToken(
        name: "bench",
        secretHash: hash,
        grant: try Grant(parsing: "countyAdmin@330424"),
        expiresAt: Date().addingTimeInterval(86_400),
        by: .operator(.cli)
    )
    return secret
}

// Fifty page sessions, started as a sign-in starts them (the password check aside, which is
// bcrypt's cost and not the pages'): 25 of the demo's social worker at 百步, 25 of its county admin.
let pageSessions: [(path: String, secret: String)] = try await workspace.withStore { store in
    let accounts = try await workspace.accounts(for: store)
    var sessions: [(path: String, secret: String)] = []
    for (login, path) in [("baibu.worker", "/stations/baibu"), ("county.admin", "/county?period=2021")] {
        guard let name = LoginName(rawValue: login), let account = try await store.account(login: name) else {
            throw BenchError(text: "the demo has no account \(login)")
        }
        for _ in 0..<25 {
            let (secret, hash) = accounts.secrets.makeSecret()
            let now = Date()
            try await store.startSession(
                AccessSession(
                    secretHash: hash,
                    user: account.id,
                    credentialsVersion: account.credentialsVersion,
                    csrfSecret: accounts.secrets.makeSecret().secret,
                    startedAt: now,
                    lastSeenAt: now
                ),
                droppingBefore: now.addingTimeInterval(-43_200)
            )
            sessions.append((path, secret))
        }
    }
    return sessions
}

say("ServerLoad: \(requestCount) requests, \(inFlight) in flight; latency at 200/s for \(latencySeconds) s")

// Baseline 1: RecordService called directly, one at a time and 16 at a time, on the same store.
try await workspace.withStore { store in
    let service = RecordService(
        store: store,
        clock: workspace.clock,
        plugins: try BrandCatalog.registry(for: workspace)
    )
    let decoder = JSONDecoder()
    struct Body: Decodable {
        var station: String, kind: String, date: String, durationMinutes: Int, headCount: Int, workers: [String]
    }
    let requests = try (0..<requestCount).map { index in
        let body = try decoder.decode(Body.self, from: Data(recordBody(index).utf8))
        return ServiceRecordRequest(
            station: body.station,
            kind: body.kind,
            date: body.date,
            durationMinutes: body.durationMinutes,
            workers: body.workers,
            headCount: body.headCount
        )
    }
    let start = ContinuousClock.now
    for request in requests { _ = try await service.record(request, actor: .cli) }
    line("RecordService.record, direct, one at a time", requestCount, ContinuousClock.now - start)
    let parallel = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for lane in 0..<inFlight {
            group.addTask {
                for index in stride(from: lane, to: requestCount, by: inFlight) {
                    _ = try await service.record(requests[index], actor: .cli)
                }
            }
        }
        try await group.waitForAll()
    }
    line("RecordService.record, direct, \(inFlight) at a time", requestCount, ContinuousClock.now - parallel)
}

let client = HTTPClient(
    configuration: .init(
        connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: inFlight)
    )
)

/// Sends `count` requests made by `make`, `inFlight` at a time; fails on any answer but `expected`.
func load(_ count: Int, expected: UInt, _ make: @escaping @Sendable (Int) -> HTTPClientRequest) async throws -> Duration
{
    let start = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for lane in 0..<inFlight {
            group.addTask {
                for index in stride(from: lane, to: count, by: inFlight) {
                    let response = try await client.execute(make(index), timeout: .seconds(30))
                    _ = try await response.body.collect(upTo: 16 << 20)
                    guard response.status.code == expected else {
                        throw BenchError(text: "request \(index) answered \(response.status.code)")
                    }
                }
            }
        }
        try await group.waitForAll()
    }
    return ContinuousClock.now - start
}

struct BenchError: Error, CustomStringConvertible {
    var text: String
    var description: String { text }
}

// Baseline 2: a bare Hummingbird route on loopback, in this process.
do {
    let router = Router()
    router.get("bare") { _, _ in "ok" }
    let bare = Application(
        router: router,
        configuration: .init(address: .hostname("127.0.0.1", port: 18_231)),
        logger: quiet
    )
    let group = ServiceGroup(configuration: .init(services: [bare], logger: quiet))
    let running = Task { try await group.run() }
    try await Task.sleep(for: .milliseconds(500))
    let elapsed = try await load(requestCount, expected: 200) { _ in
        HTTPClientRequest(url: "http://127.0.0.1:18231/bare")
    }
    line("bare Hummingbird GET, \(inFlight) in flight", requestCount, elapsed)
    await group.triggerGracefulShutdown()
    _ = try? await running.value
}

// The server, a child process on the same workspace.
let binary = root.appendingPathComponent(".build/release/yizhan-server")
guard FileManager.default.isExecutableFile(atPath: binary.path) else {
    say("build it first: swift build -c release --product yizhan-server")
    exit(1)
}
let port = 18_232
let server = Process()
server.executableURL = binary
server.arguments = ["--workspace", workspace.root.path, "--port", "\(port)"]
server.currentDirectoryURL = root
var environment = ProcessInfo.processInfo.environment
environment["YIZHAN_LOG_LEVEL"] = "error"
server.environment = environment
server.standardOutput = FileHandle.nullDevice
server.standardError = FileHandle.nullDevice
try server.run()
defer { if server.isRunning { server.terminate() } }
let base = "http://127.0.0.1:\(port)"
for _ in 0..<200 {
    if let health = try? await client.execute(HTTPClientRequest(url: base + "/healthz"), timeout: .seconds(2)),
        health.status.code == 200
    {
        break
    }
    try await Task.sleep(for: .milliseconds(100))
}

@Sendable func post(_ index: Int) -> HTTPClientRequest {
    var request = HTTPClientRequest(url: base + "/api/v1/records")
    request.method = .POST
    request.headers.add(name: "Authorization", value: "Bearer \(token)")
    request.headers.add(name: "Content-Type", value: "application/json")
    request.body = .bytes(ByteBuffer(string: recordBody(index)))
    return request
}

let posted = try await load(requestCount, expected: 201, post)
line("POST /api/v1/records, \(inFlight) in flight", requestCount, posted)
let summaries = 300
let summary = try await load(summaries, expected: 200) { _ in
    var request = HTTPClientRequest(url: base + "/api/v1/reports/county?period=2021")
    request.headers.add(name: "Authorization", value: "Bearer \(token)")
    return request
}
line("GET /api/v1/reports/county (JSON), \(inFlight) in flight", summaries, summary)

// Latency at a fixed 200 requests a second.
let total = latencySeconds * 200
let latencies = try await withThrowingTaskGroup(of: Double.self) { group in
    let start = ContinuousClock.now
    for index in 0..<total {
        try await Task.sleep(until: start + .milliseconds(5 * index))
        group.addTask {
            let sent = ContinuousClock.now
            let response = try await client.execute(post(requestCount + index), timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 20)
            guard response.status.code == 201 else { throw BenchError(text: "answered \(response.status.code)") }
            return seconds(ContinuousClock.now - sent) * 1_000
        }
    }
    var all: [Double] = []
    for try await latency in group { all.append(latency) }
    return all.sorted()
}
say(
    String(
        format: "POST /api/v1/records at 200/s for %d s: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d requests)",
        latencySeconds,
        percentile(latencies, 0.5),
        percentile(latencies, 0.99),
        latencies.last ?? 0,
        latencies.count
    )
)

// Pages: each built once after the writes above (timed), then each of the 50 sessions asks for its
// page 20 times, one after the other, all at once.
for (path, secret) in [("/stations/baibu", pageSessions[0].secret), ("/county?period=2021", pageSessions[25].secret)] {
    var request = HTTPClientRequest(url: base + path)
    request.headers.add(name: "Cookie", value: "yizhan-session=\(secret)")
    let sent = ContinuousClock.now
    let response = try await client.execute(request, timeout: .seconds(30))
    _ = try await response.body.collect(upTo: 16 << 20)
    guard response.status.code == 200 else { throw BenchError(text: "\(path) answered \(response.status.code)") }
    say(
        String(
            format: "%@ just after a write (figures built): %.1f ms",
            path,
            seconds(ContinuousClock.now - sent) * 1_000
        )
    )
}
let rounds = 20
let pageTimes = try await withThrowingTaskGroup(of: (String, [Double]).self) { group in
    for session in pageSessions {
        group.addTask {
            var times: [Double] = []
            for _ in 0..<rounds {
                var request = HTTPClientRequest(url: base + session.path)
                request.headers.add(name: "Cookie", value: "yizhan-session=\(session.secret)")
                let sent = ContinuousClock.now
                let response = try await client.execute(request, timeout: .seconds(30))
                _ = try await response.body.collect(upTo: 16 << 20)
                guard response.status.code == 200 else {
                    throw BenchError(text: "\(session.path) answered \(response.status.code)")
                }
                times.append(seconds(ContinuousClock.now - sent) * 1_000)
            }
            return (session.path, times)
        }
    }
    var byPath: [String: [Double]] = [:]
    for try await (path, times) in group { byPath[path, default: []] += times }
    return byPath
}
for (path, label) in [
    ("/stations/baibu", "station home /stations/baibu"), ("/county?period=2021", "county dashboard /county"),
] {
    let sorted = (pageTimes[path] ?? []).sorted()
    say(
        String(
            format: "%@, 25 of 50 sessions at once: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d pages)",
            label,
            percentile(sorted, 0.5),
            percentile(sorted, 0.99),
            sorted.last ?? 0,
            sorted.count
        )
    )
}

let status = (try? String(contentsOfFile: "/proc/\(server.processIdentifier)/status", encoding: .utf8)) ?? ""
let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }.map(String.init) ?? "VmHWM: ?"
say(
    "yizhan-server peak resident memory: "
        + peak.replacingOccurrences(of: "VmHWM:", with: "").trimmingCharacters(in: .whitespaces)
)
server.terminate()
server.waitUntilExit()
say("yizhan-server stopped on SIGTERM with status \(server.terminationStatus)")
try await client.shutdown().get()
