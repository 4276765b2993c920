import Crypto
import Foundation

/// The signatures the chat robots' "加签" (signed) security setting asks for.
public enum RobotSignature {
    /// DingTalk: base64(HMAC-SHA256(key: secret, message: "<timestamp ms>\n<secret>")), sent as the
    /// `timestamp` and `sign` query parameters with the signature percent-encoded (`+` → `%2B`).
    public static func dingTalk(secret: String, timestampMilliseconds: Int64) -> String {
        let message = Data("\(timestampMilliseconds)\n\(secret)".utf8)
        let key = SymmetricKey(data: Data(secret.utf8))
        return Data(HMAC<SHA256>.authenticationCode(for: message, using: key)).base64EncodedString()
    }

    /// Feishu: base64(HMAC-SHA256(key: "<timestamp s>\n<secret>", message: empty)), sent in the
    /// body as `timestamp` and `sign`.
    public static func feishu(secret: String, timestampSeconds: Int64) -> String {
        let key = SymmetricKey(data: Data("\(timestampSeconds)\n\(secret)".utf8))
        return Data(HMAC<SHA256>.authenticationCode(for: Data(), using: key)).base64EncodedString()
    }

    /// Percent-encodes a base64 signature for a query string (`+`, `/` and `=` are encoded).
    public static func queryEncoded(_ signature: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return signature.addingPercentEncoding(withAllowedCharacters: allowed) ?? signature
    }
}
