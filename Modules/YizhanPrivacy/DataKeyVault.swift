import Crypto
public import Foundation
public import YizhanKernel

/// Seals personal data with AES-256-GCM and digests ID numbers and phones with HMAC-SHA256, both
/// with subkeys derived (HKDF-SHA256) from one 32-byte data key that lives outside the database —
/// in a file or an environment variable.
///
/// Apps get theirs from `Workspace.vault(for:)`, which first checks the key against the store:
///
/// ```swift
/// let vault = try await workspace.vault(for: store)
/// let sealed = try vault.seal(PersonalData(name: "王小明", idNumber: id), for: .client(client.id))
/// ```
public struct DataKeyVault: PersonalDataVault {
    private let sealingKey: SymmetricKey
    private let digestKey: SymmetricKey

    /// A subkey for the server's accounts (the passwords' keyed pre-hash, the addresses' digests):
    /// derived apart, so that it opens no personal data.
    public let accountsKey: Data

    /// The key's check value: 32 hex digits of an HMAC of a constant under a subkey of its own. It
    /// tells two keys apart and reveals nothing of either; the store keeps it to refuse a
    /// workspace opened with another key (`DataKeyBinding`).
    public let checkValue: String

    /// A vault over `key`, which must be 32 bytes.
    public init(key: Data) throws(PrivacyError) {
        guard key.count == 32 else { throw PrivacyError(reason: .badKey) }
        let master = SymmetricKey(data: key)
        sealingKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: master,
            info: Data("yizhan.personal-data.seal.v1".utf8),
            outputByteCount: 32
        )
        digestKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: master,
            info: Data("yizhan.personal-data.digest.v1".utf8),
            outputByteCount: 32
        )
        accountsKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: master,
            info: Data("yizhan.accounts.v1".utf8),
            outputByteCount: 32
        ).withUnsafeBytes { Data($0) }
        let checkKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: master,
            info: Data("yizhan.personal-data.check.v1".utf8),
            outputByteCount: 32
        )
        let check = HMAC<SHA256>.authenticationCode(for: Data("yizhan data key check".utf8), using: checkKey)
        checkValue = Data(check).prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// A vault over the key `source` names: `env:NAME` (base64 in that variable) or `file:PATH`
    /// (base64 in that file, relative to `root`).
    public init(
        source: String,
        relativeTo root: URL,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(PrivacyError) {
        let text: String
        if source.hasPrefix("env:") {
            let name = String(source.dropFirst(4))
            guard let value = environment[name], !value.isEmpty else { throw PrivacyError(reason: .missingKey(source)) }
            text = value
        } else if source.hasPrefix("file:") {
            let path = String(source.dropFirst(5))
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
            guard let contents = try? String(contentsOf: url, encoding: .utf8) else {
                throw PrivacyError(reason: .missingKey(source))
            }
            let mode = (try? FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? 0
            guard mode & 0o077 == 0 else { throw PrivacyError(reason: .keyReadableByOthers(path, mode: mode)) }
            text = contents
        } else {
            throw PrivacyError(reason: .missingKey(source))
        }
        guard let key = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw PrivacyError(reason: .badKey)
        }
        try self.init(key: key)
    }

    /// A new random 32-byte key, base64 — what a key file holds.
    public static func generateKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
    }

    /// The sealed form of `data`, each value bound to `owner` and its field (AES-GCM associated
    /// data `yizhan/v2/client/ID/name`), with digests of its ID number and phone.
    public func seal(_ data: PersonalData, for owner: PersonalDataOwner) throws -> SealedPersonalData {
        SealedPersonalData(
            name: try seal(data.name, bound: Self.binding(owner, "name")),
            idNumber: try data.idNumber.map { try seal($0.rawValue, bound: Self.binding(owner, "idNumber")) },
            idNumberDigest: data.idNumber.map { digest(of: $0) },
            phone: try data.phone.map { try seal($0.rawValue, bound: Self.binding(owner, "phone")) },
            phoneDigest: data.phone.map { digest($0.rawValue, kind: "phone") }
        )
    }

    /// The data back from its sealed form, which must be bound to `owner` (a `v1:` value from
    /// before binding opens unbound, until `resealed` replaces it).
    public func open(_ sealed: SealedPersonalData, for owner: PersonalDataOwner) throws -> PersonalData {
        PersonalData(
            name: try open(sealed.name, bound: Self.binding(owner, "name")),
            idNumber: try sealed.idNumber.map { try IDNumber(try open($0, bound: Self.binding(owner, "idNumber"))) },
            phone: try sealed.phone.map { try PhoneNumber(try open($0, bound: Self.binding(owner, "phone"))) }
        )
    }

    /// `sealed` sealed again bound to `owner`, digests kept: the migration of a value sealed before
    /// binding (`v1:`); a value bound already comes back as it is.
    public func resealed(_ sealed: SealedPersonalData, for owner: PersonalDataOwner) throws -> SealedPersonalData {
        guard Self.isUnbound(sealed) else { return sealed }
        var again = try seal(open(sealed, for: owner), for: owner)
        again.idNumberDigest = sealed.idNumberDigest
        again.phoneDigest = sealed.phoneDigest
        return again
    }

    /// Free text sealed bound to `owner` and `field` (`yizhan/v2/request/ID/description`).
    public func seal(text: String, for owner: PersonalDataOwner, field: String) throws -> String {
        try seal(text, bound: Self.binding(owner, field))
    }

    /// Free text back from its sealed form, which must be bound to `owner` and `field`.
    public func open(text sealed: String, for owner: PersonalDataOwner, field: String) throws -> String {
        try open(sealed, bound: Self.binding(owner, field))
    }

    /// The version prefix of a value sealed before binding, which `resealed` seals again.
    public static let unboundPrefix = "v1:"

    /// Whether any value of `sealed` was sealed before binding (`v1:`).
    public static func isUnbound(_ sealed: SealedPersonalData) -> Bool {
        [sealed.name, sealed.idNumber, sealed.phone].contains { $0?.hasPrefix(unboundPrefix) == true }
    }

    private static func binding(_ owner: PersonalDataOwner, _ field: String) -> Data {
        Data("yizhan/v2/\(owner.binding)/\(field)".utf8)
    }

    /// The keyed digest of an ID number.
    public func digest(of idNumber: IDNumber) -> String { digest(idNumber.rawValue, kind: "id") }

    /// The SHA-256 of a tracking code, unkeyed so that it outlives key rotations: a code is 60
    /// random bits, and finding one by it is throttled.
    public func trackingDigest(of code: TrackingCode) -> String {
        SHA256.hash(data: Data("yizhan/tracking/\(code.rawValue)".utf8)).map { String(format: "%02x", $0) }.joined()
    }

    private func digest(_ value: String, kind: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data("\(kind):\(value)".utf8), using: digestKey)
        return Data(code).map { String(format: "%02x", $0) }.joined()
    }

    private func seal(_ text: String, bound: Data) throws(PrivacyError) -> String {
        guard let box = try? AES.GCM.seal(Data(text.utf8), using: sealingKey, authenticating: bound),
            let combined = box.combined
        else { throw PrivacyError(reason: .sealFailed) }
        return "v2:" + combined.base64EncodedString()
    }

    /// The value sealed without binding, as Yizhan sealed before v2 (kept for tests of the migration).
    func sealUnbound(_ text: String) throws(PrivacyError) -> String {
        guard let box = try? AES.GCM.seal(Data(text.utf8), using: sealingKey), let combined = box.combined else {
            throw PrivacyError(reason: .sealFailed)
        }
        return "v1:" + combined.base64EncodedString()
    }

    private func open(_ text: String, bound: Data) throws(PrivacyError) -> String {
        let version = text.prefix(3)
        guard version == "v1:" || version == "v2:", let combined = Data(base64Encoded: String(text.dropFirst(3))),
            let box = try? AES.GCM.SealedBox(combined: combined)
        else { throw PrivacyError(reason: .cannotOpen) }
        let plain =
            version == "v2:"
            ? try? AES.GCM.open(box, using: sealingKey, authenticating: bound)
            : try? AES.GCM.open(box, using: sealingKey)
        guard let plain else { throw PrivacyError(reason: .cannotOpen) }
        return String(decoding: plain, as: UTF8.self)
    }
}

/// Personal data that cannot be sealed or opened; the message never contains the data or the key.
public struct PrivacyError: Error, Hashable, Sendable, UserFacingError {
    enum Reason: Hashable, Sendable {
        case missingKey(String)
        case keyReadableByOthers(String, mode: Int)
        case badKey
        case sealFailed
        case cannotOpen
    }

    let reason: Reason

    /// The message in the reader's language.
    public func message(in language: Language) -> String {
        switch (reason, language) {
        case (.missingKey(let source), .zhHans):
            "找不到个人信息加密密钥(\(source));在 yizhan.yaml 的 dataKey 写 file:路径 或 env:变量名,并放入 32 字节 base64 密钥"
        case (.missingKey(let source), .en):
            "no personal-data key at \(source); set dataKey in yizhan.yaml to file:PATH or env:NAME holding a 32-byte base64 key"
        case (.keyReadableByOthers(let path, let mode), .zhHans):
            "密钥文件 \(path) 的权限为 \(String(mode, radix: 8)),其他用户也能读取;请运行 chmod 600 \(path) 后重试"
        case (.keyReadableByOthers(let path, let mode), .en):
            "the key file \(path) has mode \(String(mode, radix: 8)) and others can read it; run chmod 600 \(path) and retry"
        case (.badKey, .zhHans): "个人信息加密密钥应为 32 字节的 base64 文本"
        case (.badKey, .en): "the personal-data key must be 32 bytes, base64"
        case (.sealFailed, .zhHans): "个人信息加密失败"
        case (.sealFailed, .en): "the personal data could not be sealed"
        case (.cannotOpen, .zhHans): "无法解密个人信息:密钥不对,或数据已被改动"
        case (.cannotOpen, .en): "cannot open the personal data: wrong key, or the data was altered"
        }
    }
}
