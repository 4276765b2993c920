import Crypto
public import Foundation

/// Signs a webhook per the Standard Webhooks specification (standardwebhooks.com): the signature
/// is `v1,` + base64(HMAC-SHA256(key, "<id>.<timestamp>.<body>")), keyed with the base64-decoded
/// part of a `whsec_…` secret. During a key rotation several secrets sign, and the header carries
/// every signature, separated by spaces.
public struct StandardWebhookSigner: Sendable {
    private let keys: [SymmetricKey]

    /// A signer for `secrets`, each `whsec_` followed by base64; `nil` when one is not of that form.
    public init?(secrets: [String]) {
        var keys: [SymmetricKey] = []
        for secret in secrets {
            let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
            guard let data = Data(base64Encoded: encoded), !data.isEmpty else { return nil }
            keys.append(SymmetricKey(data: data))
        }
        guard !keys.isEmpty else { return nil }
        self.keys = keys
    }

    /// The `webhook-signature` header value for one message.
    public func signature(id: String, timestamp: Int64, body: Data) -> String {
        var message = Data("\(id).\(timestamp).".utf8)
        message.append(body)
        return keys.map { key in
            "v1," + Data(HMAC<SHA256>.authenticationCode(for: message, using: key)).base64EncodedString()
        }.joined(separator: " ")
    }

    /// Whether `header` carries a valid signature of the message under any of the keys, as a
    /// receiver checks it (used by tests and `yizhan-notify test`).
    public func verify(header: String, id: String, timestamp: Int64, body: Data) -> Bool {
        let expected = Set(signature(id: id, timestamp: timestamp, body: body).split(separator: " "))
        return header.split(separator: " ").contains { expected.contains($0) }
    }
}
