// The notifier's throughput and latency against a real HTTP receiver on loopback, on a copy of the
// demo workspace (SQLite), with the bare HTTP client to the same receiver as the baseline:
//
//   swift run -c release NotifierLoad [events] [seconds-at-200/s]
//
// 1. Throughput: `events` service records (default 20,000) delivered by `runOnce`: one in-order
//    subscription, one parallel subscription (16 in flight), and four in-order subscriptions at once
//    (the daemon's one task per subscription). Baseline: the same number of POSTs with the bare
//    AsyncHTTPClient, one at a time and 16 at a time, no store.
// 2. Latency: the daemon running while records are committed at 200 a second; the time from an
//    event's commit to its arrival at the receiver, p50 / p99 / max.

import Foundation
import Logging
import Synchronization
import YizhanBenchmarkSupport
import YizhanBrands
import YizhanConfig
import YizhanKernel
import YizhanRuntime
import YizhanWebhookTesting
import YizhanWebhooks

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let eventCount = arguments.first ?? 20_000
let latencySeconds = arguments.dropFirst().first ?? 30

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func line(_ label: String, _ count: Int, _ elapsed: Duration) {
    let rate = Double(count) / seconds(elapsed)
    print(
        label.padding(toLength: 58, withPad: " ", startingAt: 0),
        String(format: "%8d  %8.2f s  %9.0f /s", count, seconds(elapsed), rate)
    )
}

let receiver = try await LoopbackReceiver.start { _, _ in .init(status: 204) }
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-notify-bench-\(UUID().uuidString)")
defer { try? FileManager.default.removeItem(at: folder) }
let recipe = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("config/demo/haiyan.yaml")
let built = try await DemoBuilder(recipe: recipe, plugins: BrandCatalog.builtIn, logger: Logger(label: "bench")).build(
    into: folder
)
let county = built.workspace.file.county
let logger: Logger = {
    var logger = Logger(label: "bench")
    logger.logLevel = .error
    return logger
}()

func endpoint(_ name: String, ordered: Bool) -> Endpoint {
    Endpoint(
        name: name,
        kind: .webhook,
        url: URL(string: receiver.baseURL + "/\(name)")!,
        secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
        selector: EventSelector(types: ["service.*"], scope: .within(county)),
        ordered: ordered
    )
}

func notifier(_ store: any StationStore, _ endpoints: [Endpoint]) -> Notifier {
    Notifier(
        ledger: store,
        endpoints: endpoints,
        transport: AsyncHTTPTransport.shared,
        settings: NotifierSettings(orgUnit: county, batchSize: 200, pollInterval: 0.05),
        logger: logger
    )
}

/// Commits `count` records at 百步 in batches of 500.
func commitRecords(_ count: Int, into store: any StationStore, station: Station) async throws {
    var left = count
    while left > 0 {
        var change = ChangeSet()
        for _ in 0..<min(500, left) {
            let (record, event) = try SampleRecord.homeVisit(at: station)
            change.writes.append(.serviceRecord(record))
            change.events.append(event)
        }
        left -= change.events.count
        try await store.commit(change)
    }
}

print("yizhan-notify benchmark: \(eventCount) events, loopback receiver, SQLite (release build)\n")
try await built.workspace.withStore { store in
    guard let station = try await store.station(try StationID("baibu")) else { fatalError("the demo has no 百步") }
    let names = ["ordered", "parallel", "o1", "o2", "o3", "o4"]
    try await store.openSubscriptions(names, at: Date())
    try await commitRecords(eventCount, into: store, station: station)

    // Baseline: the bare client, the same body and headers, no store.
    let sample = try await store.events(
        after: EventSequence(rawValue: try await store.lastEventSequence().rawValue - 1),
        limit: 1
    )[0]
    let request = RequestBuilder.request(for: sample, to: endpoint("baseline", ordered: true), at: Date())
    let transport = AsyncHTTPTransport.shared
    var started = ContinuousClock.now
    let target = endpoint("baseline", ordered: true)
    for _ in 0..<eventCount { _ = RequestBuilder.request(for: sample, to: target, at: Date()) }
    line("building the signed request alone (body + HMAC), no I/O", eventCount, ContinuousClock.now - started)
    started = ContinuousClock.now
    for _ in 0..<eventCount { _ = try await transport.send(request, timeout: 10) }
    line("baseline: bare AsyncHTTPClient POSTs, one at a time", eventCount, ContinuousClock.now - started)
    started = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for worker in 0..<16 {
            group.addTask {
                for _ in stride(from: worker, to: eventCount, by: 16) {
                    _ = try await transport.send(request, timeout: 10)
                }
            }
        }
        try await group.waitForAll()
    }
    line("baseline: bare AsyncHTTPClient POSTs, 16 at a time", eventCount, ContinuousClock.now - started)

    for (name, ordered) in [("ordered", true), ("parallel", false)] {
        started = ContinuousClock.now
        let summary = try await notifier(store, [endpoint(name, ordered: ordered)]).runOnce()
        line(
            "notifier: 1 \(ordered ? "in-order" : "parallel (16 in flight)") subscription, runOnce",
            summary.delivered,
            ContinuousClock.now - started
        )
    }

    // Four in-order subscriptions, the daemon's way: one task each, until all are delivered.
    let four = ["o1", "o2", "o3", "o4"].map { endpoint($0, ordered: true) }
    started = ContinuousClock.now
    let daemon = Task { try await notifier(store, four).run() }
    while true {
        let progress = try await store.subscriptionProgress().filter {
            $0.subscription.hasPrefix("o") && $0.subscription.count == 2
        }
        if progress.allSatisfy({ $0.delivered == eventCount }) { break }
        try await Task.sleep(for: .milliseconds(20))
    }
    line("notifier: 4 in-order subscriptions at once, daemon", 4 * eventCount, ContinuousClock.now - started)
    daemon.cancel()
    _ = await daemon.result

    // Latency at 200 events a second: a producer commits one record every 5 ms while the daemon runs.
    try await store.openSubscriptions(["latency"], at: Date())
    let before = receiver.requests.count
    let live = Task { try await notifier(store, [endpoint("latency", ordered: true)]).run() }
    let total = 200 * latencySeconds
    let clock = ContinuousClock()
    let start = clock.now
    var committed: [String: Date] = [:]
    for index in 0..<total {
        try await clock.sleep(until: start.advanced(by: .milliseconds(5 * index)))
        let (record, event) = try SampleRecord.homeVisit(at: station)
        var change = ChangeSet()
        change.writes.append(.serviceRecord(record))
        change.events.append(event)
        try await store.commit(change)
        committed[event.id.rawValue] = Date()
    }
    _ = await receiver.waitForRequests(before + total, timeout: .seconds(30))
    live.cancel()
    _ = await live.result
    let arrivals = receiver.requests.dropFirst(before).filter { $0.uri == "/latency" }
    var latencies: [Double] = []
    for request in arrivals {
        if let id = request.headers["webhook-id"], let at = committed[id] {
            latencies.append(request.receivedAt.timeIntervalSince(at) * 1_000)
        }
    }
    latencies.sort()
    func percentile(_ p: Double) -> Double {
        latencies.isEmpty ? .nan : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
    }
    let rate = Double(total) / seconds(clock.now - start)
    print(
        String(
            format:
                "\nlatency, commit → receiver, %d events at %.0f/s (daemon, poll 50 ms): p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d of %d arrived",
            total,
            rate,
            percentile(0.5),
            percentile(0.99),
            latencies.last ?? .nan,
            latencies.count,
            total
        )
    )
}
try await receiver.stop()
