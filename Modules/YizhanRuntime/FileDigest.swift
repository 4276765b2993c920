import Crypto
public import Foundation

/// The SHA-256 of a file's bytes, as the events that record a file written carry it.
public enum FileDigest {
    /// The SHA-256 of `data`, in lowercase hex (`sha256sum` prints the same).
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
