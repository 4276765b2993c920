import Foundation
import GRDB
import Testing
import YizhanConfig
import YizhanKernel
import YizhanKernelTesting
import YizhanRuntime

@testable import YizhanPrivacy

/// A workspace's personal data belongs to one key: another key is refused before it seals, digests
/// or opens anything (issue 21.1), and `init` joins a database that holds data only with its key.
struct DataKeyTests {
    private let wang = PrivacyFixtures.wang

    /// A workspace in `folder` on `database`, holding 百步 and 王小明.
    private func workspace(in folder: URL, database: String = Workspace.defaultDatabase) async throws -> Workspace {
        try await PrivacyFixtures.workspace(in: folder, database: database)
    }

    /// Writes a key file readable by its owner only.
    private func writeKey(_ key: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((key + "\n").utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }

    @Test func anotherKeyIsRefusedBeforeAnythingIsWrittenAndTheRightKeyStillOpensEveryone() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let workspace = try await workspace(in: folder.url)
        let keyURL = folder.url.appendingPathComponent("keys/data.key")
        let original = try String(contentsOf: keyURL, encoding: .utf8)
        try writeKey(DataKeyVault.generateKey(), to: keyURL)

        try await workspace.withStore { store in
            let before = try await store.lastEventSequence()
            let refused = await #expect(throws: RuntimeError.self) {
                try await RegisterClient(store: store, vault: try await workspace.vault(for: store)).register(
                    wang,
                    actor: .cli
                )
            }
            #expect(refused?.code == .wrongDataKey)
            let message = refused?.message(in: .zhHans) ?? ""
            #expect(message.contains("file:keys/data.key") && message.contains("未做任何改动"))
            #expect(try await store.lastEventSequence() == before)
            #expect(try await store.clients(in: .station(Fixtures.baibu.id), limit: 10).count == 2)
        }

        try writeKey(original.trimmingCharacters(in: .whitespacesAndNewlines), to: keyURL)
        try await workspace.withStore { store in
            let vault = try await workspace.vault(for: store)
            let opened = try await store.clients(in: .station(Fixtures.baibu.id), limit: 10)
                .compactMap { try vault.open($0) }
            #expect(opened.map(\.name) == ["王小明"])
            // The digest finds him again: a second registration is refused, not a duplicate.
            await #expect(throws: InputError.self) {
                try await RegisterClient(store: store, vault: vault).register(wang, actor: .cli)
            }
        }
    }

    @Test func aWorkspaceMadeBeforeCheckValuesIsBoundOnlyToTheKeyThatOpensItsData() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let workspace = try await workspace(in: folder.url)
        let database = folder.url.appendingPathComponent("yizhan.sqlite").path
        // As a workspace of v20 was: personal data sealed, no check value.
        let unbind = { try DatabaseQueue(path: database).write { try $0.execute(sql: "DELETE FROM data_key") } }
        try unbind()
        let keyURL = folder.url.appendingPathComponent("keys/data.key")
        let original = try String(contentsOf: keyURL, encoding: .utf8)
        try writeKey(DataKeyVault.generateKey(), to: keyURL)
        let refused = await #expect(throws: RuntimeError.self) {
            try await workspace.withStore { store in try await workspace.vault(for: store) }
        }
        #expect(refused?.code == .wrongDataKey)
        #expect(try await workspace.withStore { store in try await store.dataKeyCheck() } == nil)

        try writeKey(original.trimmingCharacters(in: .whitespacesAndNewlines), to: keyURL)
        let vault = try await workspace.withStore { store in try await workspace.vault(for: store) }
        #expect(try await workspace.withStore { store in try await store.dataKeyCheck() } == vault.checkValue)
    }

    @Test func initOnADatabaseThatHoldsDataNeedsItsKeyAndAFailedInitLeavesNothingBehind() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let first = folder.url.appendingPathComponent("first")
        let database = "sqlite:" + folder.url.appendingPathComponent("shared.sqlite").path
        _ = try await workspace(in: first, database: database)

        let second = folder.url.appendingPathComponent("second")
        let file = WorkspaceFile(name: "海盐(市局)", county: Fixtures.haiyan, database: database)
        let occupied = await #expect(throws: RuntimeError.self) { try await Workspace.create(at: second, file: file) }
        #expect(occupied?.code == .occupied)
        #expect(occupied?.message(in: .zhHans).contains("--data-key") == true)
        #expect(!FileManager.default.fileExists(atPath: second.path))

        let wrongKey = folder.url.appendingPathComponent("wrong.key")
        try writeKey(DataKeyVault.generateKey(), to: wrongKey)
        var wrong = file
        wrong.dataKey = "file:" + wrongKey.path
        let refused = await #expect(throws: RuntimeError.self) { try await Workspace.create(at: second, file: wrong) }
        #expect(refused?.code == .wrongDataKey)
        #expect(!FileManager.default.fileExists(atPath: second.path))

        var joined = file
        joined.dataKey = "file:" + first.appendingPathComponent("keys/data.key").path
        let workspace = try await Workspace.create(at: second, file: joined)
        let names = try await workspace.withStore { store in
            let vault = try await workspace.vault(for: store)
            return try await store.clients(in: .station(Fixtures.baibu.id), limit: 10)
                .compactMap { try vault.open($0)?.name }
        }
        #expect(names == ["王小明"])
    }

    /// A name with a line break or past 50 characters is refused saying which, without echoing the
    /// name (issue 21.14, 21.15); nothing is written.
    @Test(arguments: [
        ("王\n小明", "(含控制字符", "invalidFormat"), (String(repeating: "王", count: 51), "(51 个字", "outOfRange"),
    ])
    func aBadNameIsRefusedSayingWhy(name: String, found: String, code: String) async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let workspace = try await workspace(in: folder.url)
        try await workspace.withStore { store in
            var request = wang
            request.name = name
            request.idNumber = nil
            let before = try await StoreFingerprint.of(store)
            let refused = await #expect(throws: InputError.self) {
                try await RegisterClient(store: store, vault: try await workspace.vault(for: store)).register(
                    request,
                    actor: .cli
                )
            }
            let issue = try #require(refused?.issues.first { $0.field == "name" })
            #expect(issue.code.rawValue == code && issue.found.hasPrefix(found) && !issue.found.contains("王"))
            #expect(try await StoreFingerprint.of(store) == before)
        }
    }

    /// A workspace bound to its key before values were bound to their rows (the interim v21) still
    /// holds v1 values: the v25 migration marks it, and they are sealed again the next time it is
    /// opened, once only.
    @Test func aBoundWorkspaceWithUnboundValuesIsResealedOnItsNextOpen() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let workspace = try await workspace(in: folder.url)
        let vault = try DataKeyVault(source: "file:keys/data.key", relativeTo: folder.url)
        let client = try await workspace.withStore { store in
            try #require(try await store.clients(in: .station(Fixtures.baibu.id), limit: 10).first)
        }
        // As the interim version left it: bound, the name sealed unbound, and v25 not yet applied.
        let unbound = try vault.sealUnbound("王小明")
        try await DatabaseQueue(path: folder.url.appendingPathComponent("yizhan.sqlite").path).write { db in
            try db.execute(
                sql: "UPDATE client SET name_sealed = ? WHERE id = ?",
                arguments: [unbound, client.id.rawValue]
            )
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v25 %'")
            try db.execute(sql: "DROP TABLE reseal_pending")
        }
        let reseals = try await workspace.withStore { store in
            #expect(try await store.isResealPending(), "the v25 migration found the v1 value")
            _ = try await workspace.vault(for: store)
            _ = try await workspace.vault(for: store)
            #expect(try await !store.isResealPending())
            let resealed = try #require(try await store.clients([client.id]).first?.personal)
            #expect(resealed.name.hasPrefix("v2:"))
            #expect(try vault.open(resealed, for: .client(client.id)).name == "王小明")
            return try await store.events(after: .start, limit: 1_000).filter { $0.event.type == .personalDataResealed }
        }
        #expect(reseals.count == 1)
    }

    /// Values sealed before binding (v1) are sealed again, bound to their rows, when the workspace
    /// is first opened with its key; after that a value copied into another row does not open there
    /// (issue 21.12).
    @Test func unboundValuesAreResealedAndACopiedValueNoLongerOpens() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let workspace = try await workspace(in: folder.url)
        let database = folder.url.appendingPathComponent("yizhan.sqlite").path
        let vault = try DataKeyVault(source: "file:keys/data.key", relativeTo: folder.url)
        // As a workspace before binding was: the client's name sealed unbound, no check value.
        let client = try await workspace.withStore { store in
            try #require(try await store.clients(in: .station(Fixtures.baibu.id), limit: 10).first)
        }
        let unbound = try vault.sealUnbound("王小明")
        try await DatabaseQueue(path: database).write { db in
            try db.execute(sql: "DELETE FROM data_key")
            try db.execute(
                sql: "UPDATE client SET name_sealed = ? WHERE id = ?",
                arguments: [unbound, client.id.rawValue]
            )
        }
        let events = try await workspace.withStore { store in
            _ = try await workspace.vault(for: store)
            let resealed = try #require(try await store.clients([client.id]).first?.personal)
            #expect(resealed.name.hasPrefix("v2:") && resealed.idNumberDigest == client.personal?.idNumberDigest)
            #expect(try vault.open(resealed, for: .client(client.id)).name == "王小明")
            return try await store.events(after: .start, limit: 1_000)
        }
        let reseal = try #require(events.last { $0.event.type == .personalDataResealed })
        #expect(reseal.event.payload == #"{"clients":1,"volunteers":0}"#)

        // A second client: the first's sealed name copied into its row does not open as its name.
        let second = try await workspace.withStore { store in
            var request = wang
            request.name = "李大爷"
            request.idNumber = "330424194003120014"
            let stored = try await RegisterClient(store: store, vault: try await workspace.vault(for: store)).register(
                request,
                actor: .cli
            )
            return try stored.event.decodePayload(as: ClientRegistered.self).client
        }
        try await DatabaseQueue(path: database).write { db in
            try db.execute(
                sql: "UPDATE client SET name_sealed = (SELECT name_sealed FROM client WHERE id = ?) WHERE id = ?",
                arguments: [client.id.rawValue, second.rawValue]
            )
        }
        try await workspace.withStore { store in
            let copied = try #require(try await store.clients([second]).first)
            #expect(throws: PrivacyError.self) { try vault.open(copied) }
        }
    }
}
