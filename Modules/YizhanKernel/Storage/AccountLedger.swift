public import Foundation

/// The server's accounts in the store: users and tokens (written as `Write.account` and
/// `Write.apiToken` with their events), sessions and the sign-in throttle (issue 23).
///
/// Everything a request needs lives here, in the one database, so that several server processes
/// answer any request alike and a process killed mid-request loses nothing committed.
public protocol AccountLedger: Sendable {
    /// The account with `id`, if any.
    func account(_ id: UserID) async throws -> UserAccount?
    /// The account signing in as `login`, if any.
    func account(login: LoginName) async throws -> UserAccount?
    /// Every account, ordered by login name.
    func accounts() async throws -> [UserAccount]
    /// The token whose secret hashes to `secretHash`, revoked or expired or not.
    func apiToken(secretHash: String) async throws -> APIToken?
    /// The token with `id`, if any.
    func apiToken(_ id: TokenID) async throws -> APIToken?
    /// Every token, newest first.
    func apiTokens() async throws -> [APIToken]

    /// Keeps a new session, and drops the sessions started before `expiredBefore` (expired by now).
    func startSession(_ session: AccessSession, droppingBefore expiredBefore: Date) async throws
    /// The session whose secret hashes to `secretHash`, if kept (valid or not: `SessionPolicy` says).
    func session(secretHash: String) async throws -> AccessSession?
    /// Moves a session's `lastSeenAt` to `instant`.
    func touchSession(secretHash: String, at instant: Date) async throws
    /// Ends one session (sign-out); nothing happens if it is gone already.
    func endSession(secretHash: String) async throws

    /// Counts `failures` (one sign-in, against its account and its address) with their event, in one
    /// transaction; drops failures older than `forgetBefore`.
    func recordLoginFailures(_ failures: [LoginFailure], event: DomainEvent, forgetBefore: Date) async throws
    /// The failures counted against `subject` since `since`, oldest first.
    func loginFailures(subject: String, since: Date) async throws -> [Date]
    /// Forgets the failures counted against `subject` (after a successful sign-in).
    func clearLoginFailures(subject: String) async throws
}
