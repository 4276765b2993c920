import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import YizhanAccounts
import YizhanConfig
import YizhanKernel
import YizhanKernelTesting
import YizhanPrivacy
import YizhanRuntime
import YizhanSQLite
import YizhanServer

/// A time tests move by hand.
final class TestTime: Sendable {
    private let instant: Mutex<Date>

    init(_ start: Date = Date()) { instant = Mutex(start) }

    var clock: WorkClock { WorkClock(now: { self.now }) }
    var now: Date { instant.withLock { $0 } }

    func advance(by seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// The fixtures' county on a scratch SQLite store, served by the real router: 百步 and 澉浦 with a
/// record and a client each (澉浦's with sealed personal data), and a bearer token per role (issue
/// 23's router tests).
struct ServerHarness {
    let folder: URL
    let store: SQLiteStore
    let time = TestTime()
    let dependencies: ServerDependencies
    let baibuRecord = Fixtures.record("0190aaaa-0000-7000-8000-00000000b001", station: Fixtures.baibu)
    let ganpuRecord = Fixtures.record("0190aaaa-0000-7000-8000-00000000a001", station: Fixtures.ganpu)
    /// 澉浦's client, registered with a name, an ID number and a phone.
    let ganpuClient: ClientID

    /// The harness, with `plugins` serving its stations and a store that waits `busyTimeout`
    /// seconds for another writer's lock.
    init(
        plugins: PluginRegistry = PluginRegistry(),
        busyTimeout: TimeInterval = SQLiteStore.defaultBusyTimeout,
        requestPolicy: RequestPolicy = .shipped
    )
        async throws
    {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteStore(path: folder.appendingPathComponent("yizhan.sqlite").path, busyTimeout: busyTimeout)
        try await store.migrate()
        try await store.commit(Fixtures.directory())
        try await store.commit(Fixtures.recording([baibuRecord, ganpuRecord]))
        var village = ChangeSet()
        village.register(OrgUnit(code: try DivisionCode("330424104201"), name: "澉浦示例村"), by: .demo, at: Date())
        try await store.commit(village)
        let vault = try DataKeyVault(key: Data(repeating: 9, count: 32))
        let registered = try await RegisterClient(store: store, vault: vault, clock: time.clock).register(
            ClientRequest(
                station: "ganpu",
                village: "330424104201",
                name: "李阿姨",
                idNumber: "330424195003150023",
                phone: "13900002222",
                categories: ["孤寡老人"],
                consentDate: "2021-03-01",
                consentScope: ["接受服务", "个人信息收集与使用"]
            ),
            actor: .demo
        )
        ganpuClient = try registered.event.decodePayload(as: ClientRegistered.self).client
        let accounts = AccountServices(
            store: store,
            key: Data(repeating: 7, count: 32),
            home: Fixtures.haiyan,
            cost: 4,
            clock: time.clock
        )
        // The shipped standard, as yizhan-server loads it from config/.
        let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config")
        let standard = config.appendingPathComponent("standards/wenzhou-2021.yaml")
        dependencies = ServerDependencies(
            store: store,
            accounts: accounts,
            vault: vault,
            home: Fixtures.haiyan,
            plugins: plugins,
            reportConfig: ReportConfig(
                standards: [try StandardFile.load(from: standard, displayPath: "config/standards/wenzhou-2021.yaml")],
                schemes: [
                    try EvaluationFile.load(
                        from: config.appendingPathComponent("evaluations/wenzhou-2021.yaml"),
                        displayPath: "config/evaluations/wenzhou-2021.yaml"
                    )
                ],
                requestPolicy: requestPolicy
            ),
            ledgerHeaders: config.appendingPathComponent("ledgers/headers.yaml"),
            approvalWorkflows: [StoreConformance.monthWorkflow],
            clock: time.clock
        )
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// A new token for `grant` (`socialWorker@baibu` …), valid for `days`.
    func token(_ grant: String, days: Double = 30) async throws -> String {
        let (secret, hash) = dependencies.accounts.secrets.makeToken()
        try await dependencies.accounts.work.createToken(
            name: "测试",
            secretHash: hash,
            grant: try Grant(parsing: grant),
            expiresAt: time.now.addingTimeInterval(days * 86_400),
            by: .operator(.cli)
        )
        return secret
    }

    /// A person's account with `password` and `grant` (`socialWorker@baibu` …).
    @discardableResult
    func user(_ login: String, _ displayName: String, password: String, grant: String) async throws -> UserAccount {
        try await dependencies.accounts.work.create(
            login: login,
            displayName: displayName,
            passwordHash: try await dependencies.accounts.hasher.hash(password),
            grants: [try Grant(parsing: grant)],
            by: .operator(.cli)
        )
    }

    /// The application around the router, for `app.test(.router)`.
    func application(_ settings: RouterSettings = RouterSettings()) throws -> some ApplicationProtocol {
        Application(router: try buildRouter(dependencies, settings: settings))
    }

    /// The events after `sequence`.
    func events(after sequence: Int64) async throws -> [StoredEvent] {
        try await store.events(after: EventSequence(rawValue: sequence), limit: 1_000)
    }

    func lastEvent() async throws -> Int64 { try await store.lastEventSequence().rawValue }
}

extension TestClientProtocol {
    /// `uri` with `token` as a bearer token.
    func call(
        _ uri: String,
        _ method: HTTPRequest.Method = .get,
        token: String?,
        json: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    /// The body decoded as `type`.
    func decoded<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(body.readableBytesView))
    }

    /// The body as text.
    var text: String { String(buffer: body) }
}
