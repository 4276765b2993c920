public import Foundation
public import YizhanAccounts
import YizhanConfig
public import YizhanKernel
import YizhanPrivacy

/// What the command line and the server use to manage accounts and sign people in, built one way
/// for both from the workspace's key and store.
public struct AccountServices: Sendable {
    /// Hashes and checks passwords.
    public let hasher: PasswordHasher
    /// Makes and hashes session and token secrets, and digests addresses.
    public let secrets: SecretGenerator
    /// Creates and changes accounts and tokens.
    public let work: AccountWork
    /// Signs in, and resolves sessions and tokens.
    public let signIn: SignIn

    /// The services over `store`, keyed with `key` (`DataKeyVault.accountsKey`); events of
    /// county-wide acts are filed under `home`.
    ///
    /// - Parameter cost: bcrypt's cost; tests lower it.
    public init(
        store: any StationStore,
        key: Data,
        home: DivisionCode,
        cost: UInt8 = 12,
        throttle: LoginThrottle = LoginThrottle(),
        sessions: SessionPolicy = SessionPolicy(),
        clock: WorkClock = .system
    ) {
        let hasher = PasswordHasher(key: key, cost: cost)
        let secrets = SecretGenerator(key: key)
        self.hasher = hasher
        self.secrets = secrets
        self.work = AccountWork(store: store, home: home, clock: clock)
        self.signIn = SignIn(
            store: store,
            verifier: hasher,
            secrets: secrets,
            home: home,
            throttle: throttle,
            sessions: sessions,
            clock: clock
        )
    }
}

extension Workspace {
    /// The account services over `store`, keyed with the workspace's accounts subkey (so the key
    /// must be the workspace's own, as for personal data).
    ///
    /// - Parameter cost: bcrypt's cost; tests lower it.
    public func accounts(
        for store: any StationStore,
        cost: UInt8 = 12,
        throttle: LoginThrottle = LoginThrottle(),
        sessions: SessionPolicy = SessionPolicy(),
        clock: WorkClock? = nil
    ) async throws -> AccountServices {
        // Accounts live in real time: a workspace's pinned working day does not stop sessions expiring.
        AccountServices(
            store: store,
            key: try await vault(for: store).accountsKey,
            home: file.county,
            cost: cost,
            throttle: throttle,
            sessions: sessions,
            clock: clock ?? .system
        )
    }
}
