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
        let key = try await vault(for: store).accountsKey
        let hasher = PasswordHasher(key: key, cost: cost)
        let secrets = SecretGenerator(key: key)
        // Accounts live in real time: a workspace's pinned working day does not stop sessions expiring.
        let clock = clock ?? .system
        return AccountServices(
            hasher: hasher,
            secrets: secrets,
            work: AccountWork(store: store, home: file.county, clock: clock),
            signIn: SignIn(
                store: store,
                verifier: hasher,
                secrets: secrets,
                home: file.county,
                throttle: throttle,
                sessions: sessions,
                clock: clock
            )
        )
    }
}
