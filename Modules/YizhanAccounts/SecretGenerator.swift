import Crypto
public import Foundation
public import YizhanKernel

/// The random secrets of sessions and API tokens: 256 bits from the system's generator, given out
/// once as URL-safe base64 and kept only as their SHA-256 (ASVS 7.2.3; 6.5.2 allows a plain hash
/// for secrets this long).
public struct SecretGenerator: SecretMaking {
    /// The prefix of API tokens (`yz_…`), so that a leaked one is recognised by secret scanners.
    public static let tokenPrefix = "yz_"
    private let key: SymmetricKey

    /// A generator whose address digests are keyed with `key` (`DataKeyVault.accountsKey`).
    public init(key: Data) { self.key = SymmetricKey(data: key) }

    /// A new session secret and its hash.
    public func makeSecret() -> (secret: String, hash: String) {
        let secret = Self.randomText()
        return (secret, hash(secret))
    }

    /// A new API token (`yz_` + 43 characters) and its hash.
    public func makeToken() -> (secret: String, hash: String) {
        let secret = Self.tokenPrefix + Self.randomText()
        return (secret, hash(secret))
    }

    /// The SHA-256 of `secret`, in lower-case hex.
    public func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The keyed digest of a client's network address: what the sign-in throttle counts failures
    /// against, so that addresses are never stored.
    public func addressDigest(_ address: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(("address:" + address).utf8), using: key)
        return Data(code).prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    private static func randomText() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
