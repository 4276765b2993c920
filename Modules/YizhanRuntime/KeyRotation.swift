public import Foundation
import YizhanConfig
public import YizhanKernel
import YizhanPrivacy

/// `yizhan key rotate`: every client's and volunteer's personal data, and every resident request's
/// content and notes, sealed again, and the ID numbers and phones digested again, under a new key,
/// in one transaction with the new binding and a `key.rotated` event (fingerprints and counts only).
///
/// The new key is written first, beside the old, as `KEYFILE.new`; the old key stays in place
/// until the database is committed, then moves to `KEYFILE.retired-TIME` and the new one takes its
/// name. A rotation killed at any moment leaves the database sealed wholly under one of the two
/// keys, both still on disk, and the next `yizhan key rotate` finishes it.
public enum KeyRotation {
    /// What a rotation did.
    public struct Rotated: Hashable, Sendable {
        /// The old key's fingerprint.
        public var from: String
        /// The new key's fingerprint.
        public var to: String
        /// Clients sealed again (0 when an interrupted rotation was only finished).
        public var clients: Int
        /// Volunteers sealed again.
        public var volunteers: Int
        /// Residents' requests sealed again (what they wrote, their contact, every note).
        public var requests: Int
        /// Where the old key file was moved.
        public var retired: URL
        /// Whether this run finished a rotation an earlier run had committed.
        public var finishedEarlierRun: Bool
    }

    /// Rotates `workspace`'s key for `actor`; see the type's documentation for the order of the steps.
    ///
    /// - Throws: `RuntimeError` `.wrongDataKey` when the key in place is not the workspace's,
    ///   `.notAKeyFile` when the key does not come from a file, `.writeFailed` when a key file cannot
    ///   be written or moved; `PrivacyError` when the key is missing, malformed or readable by
    ///   others. Nothing in the database changes when it throws before the commit; after it, the
    ///   next run finishes the file moves.
    public static func rotate(
        _ workspace: Workspace,
        by actor: Actor = .cli,
        now: Date = Date()
    ) async throws -> Rotated {
        let keyFile = try keyFileURL(of: workspace)
        let pending = pendingKeyURL(keyFile)
        let manager = FileManager.default
        return try await workspace.withStore { store in
            let bound = try await store.dataKeyCheck()
            if manager.fileExists(atPath: pending.path) {
                let next = try DataKeyVault(source: "file:" + pending.path, relativeTo: workspace.root)
                if bound == next.checkValue {
                    // The database was committed by an earlier run, killed before its file moves.
                    let old = (try? DataKeyVault(source: "file:" + keyFile.path, relativeTo: workspace.root))?
                        .checkValue
                    let retired = try finish(keyFile, pending, now: now)
                    return Rotated(
                        from: old ?? "",
                        to: next.checkValue,
                        clients: 0,
                        volunteers: 0,
                        requests: 0,
                        retired: retired,
                        finishedEarlierRun: true
                    )
                }
            }
            let old = try await workspace.vault(for: store)
            let next =
                manager.fileExists(atPath: pending.path)
                ? try DataKeyVault(source: "file:" + pending.path, relativeTo: workspace.root)
                : try writePendingKey(pending)
            var writes: [Write] = []
            var clients = 0
            var volunteers = 0
            for var client in try await store.clients(in: .all, limit: Int.max) {
                guard let sealed = client.personal else { continue }
                client.personal = try next.seal(try old.open(sealed, for: .client(client.id)), for: .client(client.id))
                writes.append(.client(client))
                clients += 1
            }
            for var volunteer in try await store.volunteers(in: .all, limit: Int.max) {
                guard let sealed = volunteer.personal else { continue }
                volunteer.personal = try next.seal(
                    try old.open(sealed, for: .volunteer(volunteer.id)),
                    for: .volunteer(volunteer.id)
                )
                writes.append(.volunteer(volunteer))
                volunteers += 1
            }
            var sealedRows = writes.count
            var requests = 0
            for request in try await store.residentRequests(in: .all, states: nil) {
                let owner = PersonalDataOwner.request(request.id)
                guard let content = try await store.requestContent(request.id) else { continue }
                let resealed = SealedRequestContent(
                    description: try next.seal(
                        text: try old.open(text: content.description, for: owner, field: "description"),
                        for: owner,
                        field: "description"
                    ),
                    contact: try content.contact.map { try next.seal(try old.open($0, for: owner), for: owner) }
                )
                var notes: [Int: String] = [:]
                for step in try await store.requestSteps(request.id) {
                    guard let note = step.note else { continue }
                    notes[step.position] = try next.seal(
                        text: try old.open(text: note, for: owner, field: "note"),
                        for: owner,
                        field: "note"
                    )
                }
                writes.append(.requestResealed(request.id, content: resealed, notes: notes))
                sealedRows += 1 + notes.count
                requests += 1
            }
            writes.append(.dataKeyRotation(from: old.checkValue, to: next.checkValue, sealedRows: sealedRows))
            let event = DomainEvent(
                KeyRotated(from: old.checkValue, to: next.checkValue, clients: clients, volunteers: volunteers),
                orgUnit: workspace.file.county,
                station: nil,
                actor: actor,
                at: now
            )
            do {
                try await store.commit(ChangeSet(writes: writes, events: [event]))
            } catch let error as StoreError where error.location == "data_key" {
                throw RuntimeError(
                    code: .occupied,
                    detail: LocalizedText(
                        "轮换期间有人登记了新的服务对象或志愿者(或另一次轮换已完成),数据库未做任何改动;"
                            + "请停下服务器后再运行 yizhan key rotate(会沿用已写好的 \(pending.lastPathComponent))",
                        en:
                            "someone was registered during the rotation (or another rotation finished); the database was not changed."
                            + " Stop the server and run yizhan key rotate again (it reuses \(pending.lastPathComponent))"
                    )
                )
            }
            let retired = try finish(keyFile, pending, now: now)
            return Rotated(
                from: old.checkValue,
                to: next.checkValue,
                clients: clients,
                volunteers: volunteers,
                requests: requests,
                retired: retired,
                finishedEarlierRun: false
            )
        }
    }

    /// Where a rotation of the key at `keyFile` keeps the new key until it finishes.
    public static func pendingKeyURL(_ keyFile: URL) -> URL {
        URL(fileURLWithPath: keyFile.path + ".new")
    }

    /// The workspace's key file, or a refusal for a key from the environment.
    static func keyFileURL(of workspace: Workspace) throws -> URL {
        let source = workspace.keySource
        guard source.hasPrefix("file:") else {
            throw RuntimeError(
                code: .notAKeyFile,
                detail: LocalizedText(
                    "个人信息密钥来自 \(source),不是密钥文件;轮换只适用于 file: 密钥(见 yizhan.yaml 的 dataKey)",
                    en: "the personal-data key comes from \(source), not a key file; only a file: key can be rotated"
                )
            )
        }
        let path = String(source.dropFirst(5))
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : workspace.root.appendingPathComponent(path)
    }

    /// Writes a new key at `url` (owner-only, synced, then renamed into place) and returns its vault.
    private static func writePendingKey(_ url: URL) throws -> DataKeyVault {
        let key = DataKeyVault.generateKey()
        let partial = URL(fileURLWithPath: url.path + ".partial")
        do {
            try? FileManager.default.removeItem(at: partial)
            guard
                FileManager.default.createFile(
                    atPath: partial.path,
                    contents: Data((key + "\n").utf8),
                    attributes: [.posixPermissions: 0o600]
                )
            else { throw CocoaError(.fileWriteUnknown) }
            let handle = try FileHandle(forWritingTo: partial)
            try handle.synchronize()
            try handle.close()
            try FileManager.default.moveItem(at: partial, to: url)
        } catch {
            throw RuntimeError(
                code: .writeFailed,
                detail: LocalizedText(
                    "无法写入新密钥 \(url.path),未做任何改动:\(error.localizedDescription)",
                    en: "cannot write the new key \(url.path); nothing was changed: \(error.localizedDescription)"
                )
            )
        }
        return try DataKeyVault(source: "file:" + url.path, relativeTo: url.deletingLastPathComponent())
    }

    /// Moves the old key aside (if still there) and the new one into its name; returns where the
    /// old one went.
    private static func finish(_ keyFile: URL, _ pending: URL, now: Date) throws -> URL {
        let manager = FileManager.default
        let stamp = ISO8601DateFormatter.string(
            from: now,
            timeZone: .gmt,
            formatOptions: [.withYear, .withMonth, .withDay, .withTime]
        )
        // A name no earlier retired key has: two rotations within one second (a script, a rotation
        // finished right after an interrupted one) must not collide on it.
        var retired = URL(fileURLWithPath: keyFile.path + ".retired-" + stamp)
        var suffix = 2
        while manager.fileExists(atPath: retired.path) {
            retired = URL(fileURLWithPath: keyFile.path + ".retired-\(stamp)-\(suffix)")
            suffix += 1
        }
        do {
            if manager.fileExists(atPath: keyFile.path) { try manager.moveItem(at: keyFile, to: retired) }
            try manager.moveItem(at: pending, to: keyFile)
        } catch {
            throw RuntimeError(
                code: .writeFailed,
                detail: LocalizedText(
                    "数据库已用新密钥重新加密,但无法把 \(pending.lastPathComponent) 改名为 \(keyFile.lastPathComponent):"
                        + "\(error.localizedDescription);修好权限后再运行 yizhan key rotate 完成",
                    en:
                        "the database is sealed under the new key, but \(pending.lastPathComponent) cannot be renamed to"
                        + " \(keyFile.lastPathComponent): \(error.localizedDescription); fix it and run yizhan key rotate again"
                )
            )
        }
        return retired
    }
}
