import Foundation
import YizhanConfig
public import YizhanKernel
public import YizhanPrivacy

extension Workspace {
    /// The vault that seals and opens personal data, once its key is known to be the key `store`'s
    /// personal data is sealed with: the one way to a vault, so that no command can seal, digest or
    /// open with another key.
    ///
    /// A store bound to no key yet is bound to this one: at once when it holds no personal data,
    /// after opening one sealed row with it when it does (a workspace made before check values).
    ///
    /// - Throws: `PrivacyError` when the key is missing, malformed or readable by others;
    ///   `RuntimeError` `.wrongDataKey` when it is not the workspace's key (nothing is written).
    public func vault(for store: any StationStore) async throws -> DataKeyVault {
        let vault = try keyVault()
        let bound = try await store.dataKeyCheck()
        if bound == vault.checkValue {
            // Bound already, perhaps before binding sealed values to their rows (an interim v21
            // workspace, which the v25 migration marked): what is still sealed unbound is sealed again now.
            if try await store.isResealPending() {
                try await resealUnbound(in: store, with: vault)
            }
            return vault
        }
        if let bound { throw wrongKey(vault, bound: bound) }
        if let sample = try await store.sealedPersonalDataSample() {
            guard (try? vault.open(sample.sealed, for: sample.owner)) != nil else { throw wrongKey(vault, bound: nil) }
        }
        let now = try await store.bindDataKey(check: vault.checkValue)
        guard now == vault.checkValue else { throw wrongKey(vault, bound: now) }
        // A workspace from before binding: its values sealed unbound are sealed again, bound to
        // their rows, once, now that the key is known to be theirs.
        try await resealUnbound(in: store, with: vault)
        return vault
    }

    /// Seals every client's and volunteer's data sealed before binding (`v1:`) again, bound to its
    /// row, in one change set with a `personaldata.resealed` event (counts only).
    func resealUnbound(in store: any StationStore, with vault: DataKeyVault) async throws {
        var writes: [Write] = []
        var clients = 0
        var volunteers = 0
        for var client in try await store.clients(in: .all, limit: Int.max) {
            guard let sealed = client.personal, DataKeyVault.isUnbound(sealed) else { continue }
            client.personal = try vault.resealed(sealed, for: .client(client.id))
            writes.append(.client(client))
            clients += 1
        }
        for var volunteer in try await store.volunteers(in: .all, limit: Int.max) {
            guard let sealed = volunteer.personal, DataKeyVault.isUnbound(sealed) else { continue }
            volunteer.personal = try vault.resealed(sealed, for: .volunteer(volunteer.id))
            writes.append(.volunteer(volunteer))
            volunteers += 1
        }
        guard !writes.isEmpty else { return try await store.finishReseal() }
        let event = DomainEvent(
            PersonalDataResealed(clients: clients, volunteers: volunteers),
            orgUnit: file.county,
            station: nil,
            actor: .migration,
            at: Date()
        )
        try await store.commit(ChangeSet(writes: writes, events: [event]))
        try await store.finishReseal()
    }

    /// The vault over the key `dataKey` names, unchecked against any store.
    func keyVault() throws -> DataKeyVault {
        try DataKeyVault(source: keySource, relativeTo: root)
    }

    /// Where the workspace's key is read from: its `dataKey`, or `env:YIZHAN_DATA_KEY`.
    public var keySource: String { file.dataKey ?? "env:YIZHAN_DATA_KEY" }

    /// The fingerprint (check value) of the key `source` names, the workspace's own when `nil`:
    /// it tells two keys apart and reveals nothing of either.
    ///
    /// - Throws: `PrivacyError` when the key is missing, malformed or readable by others.
    public func keyFingerprint(of source: String? = nil) throws -> String {
        try DataKeyVault(source: source ?? keySource, relativeTo: root).checkValue
    }

    private func wrongKey(_ vault: DataKeyVault, bound: String?) -> RuntimeError {
        let source = keySource
        if let bound, let file = try? KeyRotation.keyFileURL(of: self),
            let pending = try? DataKeyVault(source: "file:" + KeyRotation.pendingKeyURL(file).path, relativeTo: root),
            pending.checkValue == bound
        {
            return RuntimeError(
                code: .wrongDataKey,
                detail: LocalizedText(
                    "上次的密钥轮换没有做完:数据库已用新密钥(\(KeyRotation.pendingKeyURL(file).lastPathComponent))重新加密,"
                        + "请运行 yizhan key rotate 完成它,未做任何改动",
                    en:
                        "the last key rotation did not finish: the database is sealed under the new key"
                        + " (\(KeyRotation.pendingKeyURL(file).lastPathComponent)); run yizhan key rotate to finish it; nothing was changed"
                )
            )
        }
        let expected = bound.map { "指纹 \($0.prefix(8))…" } ?? "能解开已存个人信息的那一把"
        let expectedEn = bound.map { "fingerprint \($0.prefix(8))…" } ?? "the one that opens the stored personal data"
        return RuntimeError(
            code: .wrongDataKey,
            detail: LocalizedText(
                "个人信息密钥(\(source),指纹 \(vault.checkValue.prefix(8))…)不是本工作区的密钥(\(expected)),"
                    + "未做任何改动;请找回建立工作区时生成的密钥文件(默认 keys/data.key)或它的备份,放回 dataKey 所指之处",
                en:
                    "the personal-data key (\(source), fingerprint \(vault.checkValue.prefix(8))…) is not this workspace's key"
                    + " (\(expectedEn)); nothing was changed. Put back the key file made when the workspace was created"
                    + " (keys/data.key by default) or its backup where dataKey points"
            )
        )
    }
}
