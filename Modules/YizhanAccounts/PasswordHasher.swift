import Crypto
public import Foundation
import HummingbirdBcrypt
import NIOPosix
public import YizhanKernel

/// Hashes and checks passwords as OWASP ASVS level 2 asks (issue 23.4): 8–128 characters, Chinese
/// allowed and never cut short, a keyed pre-hash, then bcrypt at cost 12.
///
/// bcrypt reads at most 72 bytes and stops at a NUL (24 Chinese characters would fill it), so the
/// password is first turned into `base64(HMAC-SHA256(key, password))` — 44 ASCII bytes — and that
/// is what bcrypt hashes. The key is the workspace's accounts subkey (`DataKeyVault.accountsKey`),
/// kept outside the database: a stolen database alone cannot be tried offline. bcrypt runs on
/// NIO's thread pool, off the tasks that answer requests.
///
/// ```swift
/// let hasher = PasswordHasher(key: vault.accountsKey)
/// let hash = try await hasher.hash("社工站的密码2026")
/// await hasher.verify("社工站的密码2026", hash: hash)  // true
/// ```
public struct PasswordHasher: PasswordVerifying {
    private let key: SymmetricKey
    /// bcrypt's cost: 2^cost rounds.
    public let cost: UInt8

    /// The shortest and longest password accepted, in characters.
    public static let lengths = 8...128

    /// A hasher keyed with `key` (32 bytes); `cost` below 10 is for tests only.
    public init(key: Data, cost: UInt8 = 12) {
        self.key = SymmetricKey(data: key)
        self.cost = cost
    }

    /// A random password of 16 letters and digits without look-alikes (about 93 bits), for
    /// `--generate-password` and the demo's accounts.
    public static func generatePassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// What is wrong with `password`, if anything: its length, only spaces, or being one of the
    /// passwords attackers try first (`123456789`, `woaini1314` …). The password itself is never
    /// repeated in the issue.
    public static func issue(_ password: String, field: String = "password") -> InputIssue? {
        let count = password.count
        if !lengths.contains(count) || password.allSatisfy(\.isWhitespace) {
            return InputIssue(
                code: .outOfRange,
                field: field,
                found: "(\(count) 个字符 / characters)",
                expected: LocalizedText(
                    "\(lengths.lowerBound)–\(lengths.upperBound) 个字符的密码(可用中文、空格),不能全是空格",
                    en: "a password of \(lengths.lowerBound) to \(lengths.upperBound) characters (Chinese and"
                        + " spaces allowed), not only spaces"
                )
            )
        }
        if CommonPasswords.contains(password) {
            return InputIssue(
                code: .invalidFormat,
                field: field,
                found: "(常见密码 / a common password)",
                expected: LocalizedText(
                    "不在常见密码表中的密码(如一句只有自己知道的中文)",
                    en: "a password not on the list of common ones (a phrase only you would think of)"
                )
            )
        }
        return nil
    }

    /// The hash to keep for `password`.
    ///
    /// - Throws: `InputError` when the password is too short, too long or blank.
    public func hash(_ password: String) async throws -> String {
        if let issue = Self.issue(password) { throw InputError(issues: [issue]) }
        let prehashed = prehash(password)
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(prehashed, cost: cost) }
    }

    /// Whether `password` matches `hash`.
    public func verify(_ password: String, hash: String) async -> Bool {
        guard Self.lengths.contains(password.count) else {
            await verifyNothing(password)
            return false
        }
        let prehashed = prehash(password)
        return (try? await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(prehashed, hash: hash) }) ?? false
    }

    /// Spends the time of one verification, so that an unknown login answers as slowly as a wrong
    /// password.
    public func verifyNothing(_ password: String) async {
        let prehashed = prehash(password)
        let dummy = Self.dummyHash(cost: cost)
        _ = try? await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(prehashed, hash: dummy) }
    }

    private func prehash(_ password: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(password.utf8), using: key)).base64EncodedString()
    }

    /// A bcrypt hash of a random text at `cost` that nothing matches (made once per cost).
    private static func dummyHash(cost: UInt8) -> String {
        dummies.withLock { hashes in
            if let hash = hashes[cost] { return hash }
            let hash = Bcrypt.hash(UUID().uuidString, cost: cost)
            hashes[cost] = hash
            return hash
        }
    }

    private static let dummies = LockedHashes()
}

/// The dummy hashes by cost, behind a lock.
private final class LockedHashes: @unchecked Sendable {
    private let lock = NSLock()
    private var hashes: [UInt8: String] = [:]

    func withLock<T>(_ body: (inout [UInt8: String]) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&hashes)
    }
}
