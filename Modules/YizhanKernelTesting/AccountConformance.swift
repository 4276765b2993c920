import Foundation
import Testing
import YizhanKernel

/// Accounts, tokens, sessions and the sign-in throttle (`AccountLedger`, issue 23), and the rules
/// of `AccountWork` and `SignIn` over them, run on every adapter with the store cases.
extension StoreConformance {
    static let accountCases: [StoreConformance] = [
        StoreConformance(name: "accounts and tokens read back, copy, and keep logins unique", body: accountsRoundTrip),
        StoreConformance(name: "sessions start, touch forward only, end, and expire away", body: sessionsKept),
        StoreConformance(name: "failed sign-ins count by subject with their event, and clear", body: failuresCounted),
        StoreConformance(
            name: "a county admin grants within the county only, and outside it sees nothing",
            body: grantsStayWithinScope
        ),
        StoreConformance(
            name: "sign-in: a wrong password, the throttle, and a new password ending the session",
            body: signInRules
        ),
        StoreConformance(name: "an expired or revoked token is refused with auth.failed", body: tokensExpire),
    ]

    private static let start = Date(millisecondsSince1970: 1_800_000_000_000)

    /// A clock that a test moves forward.
    final class TestClock: @unchecked Sendable {
        private let lock = NSLock()
        private var instant: Date
        init(_ instant: Date) { self.instant = instant }
        var now: Date { lock.withLock { instant } }
        func advance(_ seconds: TimeInterval) { lock.withLock { instant = instant.addingTimeInterval(seconds) } }
        var work: WorkClock { WorkClock(now: { [self] in now }) }
    }

    /// Passwords "hashed" as `h:` + the password, for the rules only; the real hasher is tested apart.
    struct PlainVerifier: PasswordVerifying {
        func verify(_ password: String, hash: String) async -> Bool { hash == "h:" + password }
        func verifyNothing(_ password: String) async {}
    }

    /// Secrets of 32 random hex digits with a 64-digit stand-in for their SHA-256.
    struct TestSecrets: SecretMaking {
        func makeSecret() -> (secret: String, hash: String) {
            let secret = (0..<32).map { _ in String(Int.random(in: 0..<16), radix: 16) }.joined()
            return (secret, hash(secret))
        }
        func hash(_ secret: String) -> String { String(secret.reversed()) + secret }
    }

    private static func hex(_ seed: Character) -> String { String(repeating: seed, count: 64) }

    private static func accountsRoundTrip(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let work = AccountWork(store: store, home: Fixtures.haiyan, clock: TestClock(start).work)
        let worker = try await work.create(
            login: "Baibu.Worker",
            displayName: "百步社工",
            passwordHash: "h:secret-1",
            grants: [Grant(role: .socialWorker, scope: .station(Fixtures.baibu.id))],
            by: .operator(.cli)
        )
        #expect(worker.login.rawValue == "baibu.worker")
        #expect(try await store.account(worker.id) == worker)
        #expect(try await store.account(login: worker.login) == worker)
        let before = try await store.lastEventSequence()
        await #expect(throws: InputError.self) {
            try await work.create(
                login: "baibu.worker",
                displayName: "另一人",
                passwordHash: "h:x",
                grants: [Grant(role: .viewer, scope: .within(Fixtures.haiyan))],
                by: .operator(.cli)
            )
        }
        // The store refuses a second login even past the use case's check.
        var twin = worker
        twin.id = Fixtures.id("twin")
        await #expect(throws: StoreError.self) {
            try await store.commit(
                ChangeSet(
                    writes: [.account(twin)],
                    events: [
                        DomainEvent(
                            AccountCreated(twin),
                            orgUnit: Fixtures.haiyan,
                            station: nil,
                            actor: .cli,
                            at: start
                        )
                    ]
                )
            )
        }
        #expect(try await store.lastEventSequence() == before)
        #expect(try await store.accounts() == [worker])

        let token = try await work.createToken(
            name: "县平台对接",
            secretHash: hex("a"),
            grant: Grant(role: .system, scope: .within(Fixtures.haiyan)),
            expiresAt: start.addingTimeInterval(86_400 * 30),
            by: .operator(.cli)
        )
        #expect(try await store.apiToken(secretHash: hex("a")) == token)
        #expect(try await store.apiToken(token.id) == token)
        let revoked = try await work.revokeToken(token.id, by: .operator(.cli))
        #expect(revoked.revokedAt == start)
        #expect(try await store.apiTokens() == [revoked])

        var copied: [Write] = []
        try await store.exportSnapshot(batchSize: 100) { batch in
            if case .rows(let rows) = batch { copied += rows }
        }
        #expect(copied.contains(.account(worker)))
        #expect(copied.contains(.apiToken(revoked)))
        let events = try await store.events(after: .start, limit: 1_000).map(\.event)
        let created = try #require(events.first { $0.type == .accountCreated })
        #expect(!created.payload.contains("baibu.worker") && !created.payload.contains("百步社工"))
        #expect(created.payload.contains(worker.id.rawValue))
        #expect(!events.contains { $0.payload.contains(hex("a")) })
    }

    private static func sessionsKept(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let work = AccountWork(store: store, home: Fixtures.haiyan, clock: TestClock(start).work)
        let user = try await work.create(
            login: "head",
            displayName: "站长",
            passwordHash: "h:pw",
            grants: [Grant(role: .stationHead, scope: .station(Fixtures.baibu.id))],
            by: .operator(.cli)
        )
        let old = AccessSession(
            secretHash: hex("1"),
            user: user.id,
            credentialsVersion: 1,
            csrfSecret: "c1",
            startedAt: start,
            lastSeenAt: start
        )
        try await store.startSession(old, droppingBefore: start.addingTimeInterval(-1))
        #expect(try await store.session(secretHash: hex("1")) == old)
        try await store.touchSession(secretHash: hex("1"), at: start.addingTimeInterval(90))
        try await store.touchSession(secretHash: hex("1"), at: start.addingTimeInterval(30))
        #expect(try await store.session(secretHash: hex("1"))?.lastSeenAt == start.addingTimeInterval(90))
        let later = start.addingTimeInterval(13 * 3_600)
        let new = AccessSession(
            secretHash: hex("2"),
            user: user.id,
            credentialsVersion: 1,
            csrfSecret: "c2",
            startedAt: later,
            lastSeenAt: later
        )
        try await store.startSession(new, droppingBefore: later.addingTimeInterval(-12 * 3_600))
        #expect(try await store.session(secretHash: hex("1")) == nil)
        #expect(try await store.session(secretHash: hex("2")) == new)
        try await store.endSession(secretHash: hex("2"))
        try await store.endSession(secretHash: hex("2"))
        #expect(try await store.session(secretHash: hex("2")) == nil)
    }

    private static func failuresCounted(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let before = try await store.lastEventSequence()
        func event() -> DomainEvent {
            DomainEvent(
                AuthFailed(reason: .unknownAccount),
                orgUnit: Fixtures.haiyan,
                station: nil,
                actor: Actor(rawValue: "anonymous"),
                at: start
            )
        }
        for second in [0.0, 60, 120] {
            try await store.recordLoginFailures(
                [LoginFailure(subject: "address:x", at: start.addingTimeInterval(second))],
                event: event(),
                forgetBefore: start.addingTimeInterval(-86_400)
            )
        }
        #expect(try await store.lastEventSequence().rawValue == before.rawValue + 3)
        #expect(try await store.loginFailures(subject: "address:x", since: start.addingTimeInterval(30)).count == 2)
        #expect(try await store.loginFailures(subject: "address:y", since: start).isEmpty)
        try await store.recordLoginFailures(
            [LoginFailure(subject: "address:y", at: start.addingTimeInterval(200))],
            event: event(),
            forgetBefore: start.addingTimeInterval(90)
        )
        #expect(try await store.loginFailures(subject: "address:x", since: start) == [start.addingTimeInterval(120)])
        try await store.clearLoginFailures(subject: "address:x")
        #expect(try await store.loginFailures(subject: "address:x", since: start).isEmpty)
        #expect(try await store.loginFailures(subject: "address:y", since: start).count == 1)
    }

    private static func grantsStayWithinScope(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let work = AccountWork(store: store, home: Fixtures.haiyan, clock: TestClock(start).work)
        let admin = try await work.create(
            login: "county",
            displayName: "县管理员",
            passwordHash: "h:pw",
            grants: [Grant(role: .countyAdmin, scope: .within(Fixtures.haiyan))],
            by: .operator(.cli)
        )
        let outsider = try await work.create(
            login: "elsewhere",
            displayName: "外县社工",
            passwordHash: "h:pw",
            grants: [Grant(role: .socialWorker, scope: .station(Fixtures.elsewhere.id))],
            by: .operator(.cli)
        )
        let authority = AccountWork.Authority.principal(Principal(admin))
        let worker = try await work.create(
            login: "baibu",
            displayName: "百步社工",
            passwordHash: "h:pw",
            grants: [Grant(role: .socialWorker, scope: .station(Fixtures.baibu.id))],
            by: authority
        )
        let before = try await store.lastEventSequence()
        for grant in [
            Grant(role: .socialWorker, scope: .station(Fixtures.elsewhere.id)),
            Grant(role: .viewer, scope: .within(Fixtures.code("330400"))),
            Grant(role: .system, scope: .station(Fixtures.baibu.id)),
        ] {
            await #expect(throws: InputError.self) { try await work.grant(grant, to: worker.id, by: authority) }
        }
        await #expect(throws: AccessRefusal.self) {
            try await work.setPassword(hash: "h:new", of: outsider.id, by: authority)
        }
        await #expect(throws: AccessRefusal.self) { try await work.setDisabled(true, outsider.id, by: authority) }
        #expect(try await store.lastEventSequence() == before)
        #expect(try await work.accounts(by: authority).map(\.login.rawValue) == ["baibu", "county"])
        // A social worker manages no one, not even within the station.
        await #expect(throws: InputError.self) {
            try await work.create(
                login: "another",
                displayName: "新社工",
                passwordHash: "h:pw",
                grants: [Grant(role: .socialWorker, scope: .station(Fixtures.baibu.id))],
                by: .principal(Principal(worker))
            )
        }
        let granted = try await work.grant(
            Grant(role: .viewer, scope: .within(Fixtures.haiyan)),
            to: worker.id,
            by: authority
        )
        #expect(granted.grants.count == 2)
        let changed = try await store.events(after: before, limit: 10).map(\.event)
        #expect(changed.map(\.type) == [.accountChanged])
        #expect(changed.first?.actor == admin.actor)
    }

    private static func signInRules(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let clock = TestClock(start)
        let work = AccountWork(store: store, home: Fixtures.haiyan, clock: clock.work)
        let user = try await work.create(
            login: "worker",
            displayName: "社工",
            passwordHash: "h:right-password",
            grants: [Grant(role: .socialWorker, scope: .station(Fixtures.baibu.id))],
            by: .operator(.cli)
        )
        let signIn = SignIn(
            store: store,
            verifier: PlainVerifier(),
            secrets: TestSecrets(),
            home: Fixtures.haiyan,
            clock: clock.work
        )
        guard
            case .signedIn(let secret, let account, _) = try await signIn.signIn(
                login: "worker",
                password: "right-password",
                addressDigest: "a1"
            )
        else {
            Issue.record("the right password was refused")
            return
        }
        #expect(account.id == user.id)
        #expect(try await signIn.session(secret: secret)?.0.id == user.id)
        clock.advance(29 * 60)
        #expect(try await signIn.session(secret: secret) != nil)
        clock.advance(29 * 60)
        #expect(try await signIn.session(secret: secret) != nil, "each use moves the idle timeout")
        clock.advance(31 * 60)
        #expect(try await signIn.session(secret: secret) == nil, "idle for 31 minutes")

        for _ in 1...5 {
            guard case .refused = try await signIn.signIn(login: "worker", password: "wrong", addressDigest: "a2")
            else {
                Issue.record("a wrong password was not refused")
                return
            }
        }
        guard
            case .throttled(let retryAfter) = try await signIn.signIn(
                login: "worker",
                password: "right-password",
                addressDigest: "a3"
            )
        else {
            Issue.record("the sixth sign-in in 15 minutes was not throttled")
            return
        }
        #expect(retryAfter > clock.now)
        guard case .refused = try await signIn.signIn(login: "nobody", password: "x", addressDigest: "a2") else {
            Issue.record("an unknown login was not refused")
            return
        }
        let failed = try await store.events(after: .start, limit: 1_000).map(\.event).filter { $0.type == .authFailed }
        #expect(failed.count == 7)
        #expect(!failed.contains { $0.payload.contains("worker") || $0.payload.contains("nobody") })

        clock.advance(16 * 60)
        guard
            case .signedIn(let second, _, _) = try await signIn.signIn(
                login: "worker",
                password: "right-password",
                addressDigest: "a3"
            )
        else {
            Issue.record("the throttle did not end after its window")
            return
        }
        try await work.setPassword(hash: "h:new-password", of: user.id, by: .operator(.cli))
        #expect(try await signIn.session(secret: second) == nil, "a new password ends the sessions")
        guard case .refused = try await signIn.signIn(login: "worker", password: "right-password", addressDigest: "a4")
        else {
            Issue.record("the old password still signs in")
            return
        }
        try await work.setDisabled(true, user.id, by: .operator(.cli))
        guard case .refused = try await signIn.signIn(login: "worker", password: "new-password", addressDigest: "a5")
        else {
            Issue.record("a disabled account signed in")
            return
        }
    }

    private static func tokensExpire(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let clock = TestClock(start)
        let work = AccountWork(store: store, home: Fixtures.haiyan, clock: clock.work)
        let secrets = TestSecrets()
        let signIn = SignIn(
            store: store,
            verifier: PlainVerifier(),
            secrets: secrets,
            home: Fixtures.haiyan,
            clock: clock.work
        )
        let (secret, hash) = secrets.makeSecret()
        let token = try await work.createToken(
            name: "ci",
            secretHash: hash,
            grant: Grant(role: .system, scope: .within(Fixtures.haiyan)),
            expiresAt: start.addingTimeInterval(86_400),
            by: .operator(.cli)
        )
        #expect(try await signIn.principal(token: secret)?.actor == token.actor)
        #expect(try await signIn.principal(token: "not-a-token") == nil)
        clock.advance(86_400)
        #expect(try await signIn.principal(token: secret) == nil)
        let failed = try await store.events(after: .start, limit: 100).map(\.event).filter { $0.type == .authFailed }
        #expect(failed.count == 1)
        let (other, otherHash) = secrets.makeSecret()
        let second = try await work.createToken(
            name: "ci2",
            secretHash: otherHash,
            grant: Grant(role: .viewer, scope: .station(Fixtures.baibu.id)),
            expiresAt: clock.now.addingTimeInterval(86_400),
            by: .operator(.cli)
        )
        #expect(try await signIn.principal(token: other) != nil)
        try await work.revokeToken(second.id, by: .operator(.cli))
        #expect(try await signIn.principal(token: other) == nil)
    }
}
