import Foundation
import Testing
import YizhanConfig
import YizhanKernel
import YizhanKernelTesting
import YizhanPrivacy
import YizhanRuntime

/// Issue 27.2: `yizhan key rotate` seals everyone again under a new key in one transaction, and a
/// rotation stopped at any step leaves the workspace under one of the two keys, finished by the
/// next run. On both stores.
struct KeyRotationTests {
    static let backends = ["sqlite"] + (postgresURL == nil ? [] : ["postgres"])

    private let wang = PrivacyFixtures.wang

    /// A workspace on `backend` holding 百步 and 王小明; the schema to drop, for PostgreSQL.
    private func workspace(in folder: URL, on backend: String) async throws -> (Workspace, String?) {
        var database = Workspace.defaultDatabase
        var schema: String?
        if backend == "postgres" {
            let name = "rotate_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            database = try #require(postgresURL) + "&search_path=\(name)"
            schema = name
        }
        return (try await PrivacyFixtures.workspace(in: folder, database: database), schema)
    }

    private func vault(_ url: URL) throws -> DataKeyVault {
        try DataKeyVault(source: "file:" + url.path, relativeTo: url.deletingLastPathComponent())
    }

    @Test(arguments: backends)
    func everySealedFieldOpensWithTheNewKeyAndNotTheOld(_ backend: String) async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (workspace, schema) = try await workspace(in: folder.url, on: backend)
        defer { if let schema { dropSchema(schema) } }
        let keyFile = workspace.root.appendingPathComponent(Workspace.defaultKeyFile)
        let old = try vault(keyFile)
        let sealedBefore = try await workspace.withStore { try await $0.clients(in: .all, limit: 10) }

        let rotated = try await KeyRotation.rotate(workspace)
        #expect(rotated.clients == 1 && rotated.volunteers == 0 && !rotated.finishedEarlierRun)
        #expect(rotated.from == old.checkValue && rotated.to != old.checkValue)
        let new = try vault(keyFile)
        #expect(new.checkValue == rotated.to)
        // The old key moved aside, still the old one (it opens the backups taken before).
        #expect(try vault(rotated.retired).checkValue == old.checkValue)
        #expect(!FileManager.default.fileExists(atPath: KeyRotation.pendingKeyURL(keyFile).path))

        try await workspace.withStore { store in
            #expect(try await store.dataKeyCheck() == new.checkValue)
            let client = try #require(try await store.clients(in: .all, limit: 10).first)
            let sealed = try #require(client.personal)
            #expect(sealed != sealedBefore.first?.personal)
            let opened = try new.open(sealed, for: .client(client.id))
            #expect(opened.name == "王小明" && opened.idNumber?.rawValue == "330424198506120014")
            #expect(opened.phone?.rawValue == "13800000001")
            #expect((try? old.open(sealed, for: .client(client.id))) == nil)
            // The ID number's digest is the new key's: the same person is still found, so not
            // registered twice.
            #expect(sealed.idNumberDigest == new.digest(of: try IDNumber("330424198506120014")))
            let twice = await #expect(throws: (any Error).self) {
                try await RegisterClient(store: store, vault: try await workspace.vault(for: store)).register(
                    wang,
                    actor: .cli
                )
            }
            #expect(twice != nil)
            // The event names fingerprints and counts, nothing of the person or the keys.
            let events = try await store.events(after: .start, limit: 1_000)
            let event = try #require(events.last { $0.event.type == .keyRotated })
            let payload = event.event.payload
            #expect(payload.contains(old.checkValue) && payload.contains(new.checkValue))
            #expect(!payload.contains("王小明") && !payload.contains("330424198506120014"))
            let keyText = try String(contentsOf: keyFile, encoding: .utf8).trimmingCharacters(
                in: .whitespacesAndNewlines
            )
            #expect(!payload.contains(keyText))
        }
        // The old key no longer opens the workspace.
        try FileManager.default.removeItem(at: keyFile)
        try FileManager.default.copyItem(at: rotated.retired, to: keyFile)
        let refused = await #expect(throws: RuntimeError.self) {
            try await workspace.withStore { store in _ = try await workspace.vault(for: store) }
        }
        #expect(refused?.code == .wrongDataKey)
    }

    @Test(arguments: backends)
    func aRotationStoppedAtEitherStepIsFinishedByTheNextRun(_ backend: String) async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (workspace, schema) = try await workspace(in: folder.url, on: backend)
        defer { if let schema { dropSchema(schema) } }
        let keyFile = workspace.root.appendingPathComponent(Workspace.defaultKeyFile)
        let pending = KeyRotation.pendingKeyURL(keyFile)
        let old = try vault(keyFile)
        let manager = FileManager.default

        // Stopped after the new key was written, before the commit: the old key still opens everyone.
        try Data((DataKeyVault.generateKey() + "\n").utf8).write(to: pending)
        try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: pending.path)
        let waiting = try vault(pending)
        let opened = try await workspace.withStore { store in
            let vault = try await workspace.vault(for: store)
            let client = try #require(try await store.clients(in: .all, limit: 10).first)
            return try vault.open(try #require(client.personal), for: .client(client.id)).name
        }
        #expect(opened == "王小明")
        // The next run takes the key written already.
        let first = try await KeyRotation.rotate(workspace)
        #expect(first.to == waiting.checkValue && first.from == old.checkValue && first.clients == 1)

        // Stopped after the commit, before the files moved: put them back as they were then.
        try manager.moveItem(at: keyFile, to: pending)
        try manager.moveItem(at: first.retired, to: keyFile)
        let stopped = await #expect(throws: RuntimeError.self) {
            try await workspace.withStore { store in _ = try await workspace.vault(for: store) }
        }
        #expect(stopped?.code == .wrongDataKey && stopped?.detail.zhHans.contains("yizhan key rotate") == true)
        let events = try await workspace.withStore { try await $0.lastEventSequence() }
        let second = try await KeyRotation.rotate(workspace)
        #expect(second.finishedEarlierRun && second.to == waiting.checkValue && second.from == old.checkValue)
        #expect(try await workspace.withStore { try await $0.lastEventSequence() } == events)
        let name = try await workspace.withStore { store in
            let vault = try await workspace.vault(for: store)
            let client = try #require(try await store.clients(in: .all, limit: 10).first)
            return try vault.open(try #require(client.personal), for: .client(client.id)).name
        }
        #expect(name == "王小明" && !manager.fileExists(atPath: pending.path))
    }

    @Test(arguments: backends)
    func theStoreRefusesARotationThatMissesSomeone(_ backend: String) async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (workspace, schema) = try await workspace(in: folder.url, on: backend)
        defer { if let schema { dropSchema(schema) } }
        let old = try vault(workspace.root.appendingPathComponent(Workspace.defaultKeyFile))
        try await workspace.withStore { store in
            let before = try await store.lastEventSequence()
            // The store holds one sealed person (王小明); a rotation that rewrote none misses him.
            let event = DomainEvent(
                KeyRotated(from: old.checkValue, to: String(repeating: "a", count: 32), clients: 0, volunteers: 0),
                orgUnit: Fixtures.haiyan,
                station: nil,
                actor: .cli,
                at: Date()
            )
            let change = ChangeSet(
                writes: [.dataKeyRotation(from: old.checkValue, to: String(repeating: "a", count: 32), sealedRows: 0)],
                events: [event]
            )
            await #expect(throws: StoreError.self) { try await store.commit(change) }
            #expect(try await store.dataKeyCheck() == old.checkValue)
            #expect(try await store.lastEventSequence() == before)
        }
    }

    @Test func aWrongOrMissingKeyIsRefusedAtTheStartAndNothingChanges() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (workspace, _) = try await workspace(in: folder.url, on: "sqlite")
        let keyFile = workspace.root.appendingPathComponent(Workspace.defaultKeyFile)
        let original = try Data(contentsOf: keyFile)
        let before = try await workspace.withStore { store in
            (try await store.lastEventSequence(), try await store.clients(in: .all, limit: 10))
        }

        try Data((DataKeyVault.generateKey() + "\n").utf8).write(to: keyFile)
        try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile.path)
        let wrong = await #expect(throws: RuntimeError.self) { try await KeyRotation.rotate(workspace) }
        #expect(wrong?.code == .wrongDataKey)
        try manager.removeItem(at: keyFile)
        await #expect(throws: PrivacyError.self) { try await KeyRotation.rotate(workspace) }
        try Data("不是密钥\n".utf8).write(to: keyFile)
        try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile.path)
        await #expect(throws: PrivacyError.self) { try await KeyRotation.rotate(workspace) }

        try original.write(to: keyFile)
        try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile.path)
        let after = try await workspace.withStore { store in
            (try await store.lastEventSequence(), try await store.clients(in: .all, limit: 10))
        }
        #expect(after.0 == before.0 && after.1 == before.1)
        #expect(!manager.fileExists(atPath: KeyRotation.pendingKeyURL(keyFile).path))
        #expect(try manager.contentsOfDirectory(atPath: keyFile.deletingLastPathComponent().path) == ["data.key"])
    }

    /// Two rotations within one second both finish, each old key kept under its own name (the
    /// fault suite's last run once failed on a retired name taken a moment before).
    @Test func twoRotationsInOneSecondKeepBothOldKeys() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (workspace, _) = try await workspace(in: folder.url, on: "sqlite")
        let now = Date(millisecondsSince1970: 1_765_000_000_000)
        let first = try await KeyRotation.rotate(workspace, now: now)
        let second = try await KeyRotation.rotate(workspace, now: now)
        #expect(first.retired != second.retired)
        #expect(second.retired.lastPathComponent == first.retired.lastPathComponent + "-2")
        #expect(second.from == first.to)
        let keys = try manager.contentsOfDirectory(atPath: workspace.root.appendingPathComponent("keys").path).sorted()
        #expect(keys == ["data.key", first.retired.lastPathComponent, second.retired.lastPathComponent].sorted())
        let clients = try await workspace.withStore { store in
            let vault = try await workspace.vault(for: store)
            return try await store.clients(in: .all, limit: 10).compactMap { try vault.open($0)?.name }
        }
        #expect(!clients.isEmpty)
    }

    private var manager: FileManager { .default }
}
