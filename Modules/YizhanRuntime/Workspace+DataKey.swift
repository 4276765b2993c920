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
        if bound == vault.checkValue { return vault }
        if let bound { throw wrongKey(vault, bound: bound) }
        if let sample = try await store.sealedPersonalDataSample() {
            guard (try? vault.open(sample)) != nil else { throw wrongKey(vault, bound: nil) }
        }
        let now = try await store.bindDataKey(check: vault.checkValue)
        guard now == vault.checkValue else { throw wrongKey(vault, bound: now) }
        return vault
    }

    /// The vault over the key `dataKey` names, unchecked against any store.
    func keyVault() throws -> DataKeyVault {
        try DataKeyVault(source: file.dataKey ?? "env:YIZHAN_DATA_KEY", relativeTo: root)
    }

    private func wrongKey(_ vault: DataKeyVault, bound: String?) -> RuntimeError {
        let source = file.dataKey ?? "env:YIZHAN_DATA_KEY"
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
