import Crypto
public import Foundation

/// The SHA-256 of a file's bytes, as the events that record a file written carry it.
public enum FileDigest {
    /// The SHA-256 of `data`, in lowercase hex (`sha256sum` prints the same).
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// The SHA-256 of the file at `url`, read in chunks, and its size in bytes.
    public static func sha256(ofFileAt url: URL) throws -> (digest: String, bytes: Int64) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hash = SHA256()
        var bytes: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hash.update(data: chunk)
            bytes += Int64(chunk.count)
        }
        return (hash.finalize().map { String(format: "%02x", $0) }.joined(), bytes)
    }
}
