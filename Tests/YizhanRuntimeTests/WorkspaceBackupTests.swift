import Foundation
import Testing
import YizhanConfig
import YizhanKernel
import YizhanKernelTesting
import YizhanPrivacy
import YizhanRuntime
import YizhanSQLite
import ZIPFoundation

/// Issue 27.1: a backup taken while others write is one moment of the database, and a restore
/// writes it only when every check agrees; a damaged, altered or newer backup changes nothing.
struct WorkspaceBackupTests {
    /// A workspace in `folder` holding 百步, its workers and 王小明.
    private func liveWorkspace(in folder: URL) async throws -> Workspace {
        try await PrivacyFixtures.workspace(in: folder)
    }

    /// An empty workspace in `folder` whose key is `key` (a `file:` source), on `database`.
    private func emptyWorkspace(
        in folder: URL,
        key: String,
        database: String = Workspace.defaultDatabase
    )
        async throws -> Workspace
    {
        try await Workspace.create(
            at: folder,
            file: WorkspaceFile(name: "海盐(恢复)", county: Fixtures.haiyan, database: database, dataKey: key)
        )
    }

    private func keySource(of workspace: Workspace) -> String {
        "file:" + workspace.root.appendingPathComponent(Workspace.defaultKeyFile).path
    }

    /// Every event of `store` after `start`, oldest first.
    private func events(of store: any StationStore) async throws -> [StoredEvent] {
        var all: [StoredEvent] = []
        var cursor = EventSequence.start
        while true {
            let batch = try await store.events(after: cursor, limit: 1_000)
            guard let last = batch.last else { return all }
            all += batch
            cursor = last.sequence
        }
    }

    @Test func aBackupTakenWhileWritingRestoresEveryRowAndEventOfItsMoment() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let live = try await liveWorkspace(in: folder.url.appendingPathComponent("live"))
        guard case .sqlite(let path) = try live.storeLocation() else { throw CancellationError() }
        let start = try await live.withStore { try await $0.lastEventSequence() }
        // Another connection writes one service record after another, as another process would.
        let writer = Task { () -> Int in
            let store = try SQLiteStore(path: path)
            var written = 0
            while !Task.isCancelled {
                do {
                    try await store.commit(Fixtures.recording([Fixtures.record("stream-\(written)")]))
                } catch is CancellationError {
                    break
                }
                written += 1
            }
            return written
        }
        defer { writer.cancel() }
        // Bounded: a writer that failed would otherwise leave these loops waiting forever.
        let deadline = ContinuousClock.now + .seconds(180)
        while try await live.withStore({ try await $0.lastEventSequence() }).rawValue < start.rawValue + 50 {
            try #require(ContinuousClock.now < deadline, "the writer wrote fewer than 50 records in 180 s")
            try await Task.sleep(for: .milliseconds(10))
        }
        let backup = folder.url.appendingPathComponent("backup.zip")
        let manifest = try await WorkspaceBackup.make(of: live, to: backup)
        let atBackup = try await live.withStore { try await $0.lastEventSequence() }
        while try await live.withStore({ try await $0.lastEventSequence() }).rawValue < atBackup.rawValue + 20 {
            try #require(ContinuousClock.now < deadline, "the writer stopped writing after the backup")
            try await Task.sleep(for: .milliseconds(10))
        }
        writer.cancel()
        let written = try await writer.value
        let final = try await live.withStore { try await $0.lastEventSequence() }

        // The backup's moment lies inside the stream: writes went on before and after it.
        #expect(manifest.lastSequence > start.rawValue + 50 && manifest.lastSequence < final.rawValue)
        #expect(manifest.events == Int(manifest.lastSequence) && manifest.sequenceGaps == 0)
        #expect(manifest.schemaVersion == SQLiteStore.schemaVersion && manifest.databaseSHA256.count == 64)
        #expect(written > 70)
        let attributes = try FileManager.default.attributesOfItem(atPath: backup.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        // The key is not in it: the ZIP holds the manifest and the database, nothing else.
        let archive = try Archive(url: backup, accessMode: .read)
        #expect(Set(archive.map(\.path)) == ["manifest.json", "yizhan.sqlite"])

        let restored = try await emptyWorkspace(
            in: folder.url.appendingPathComponent("restored"),
            key: keySource(of: live)
        )
        let result = try await WorkspaceBackup.restore(from: backup, into: restored)
        #expect(result.manifest == manifest && result.migratedFrom == nil)
        let liveEvents = try await live.withStore { try await events(of: $0) }
        try await restored.withStore { store in
            // Every event up to the backup's moment, the same, in order, and none after it.
            let restoredEvents = try await events(of: store)
            #expect(restoredEvents.count == Int(manifest.lastSequence))
            #expect(restoredEvents == Array(liveEvents.prefix(restoredEvents.count)))
            // Every row of that moment: the records its events recorded, and the counts and digest.
            let recorded = restoredEvents.filter { $0.event.type.rawValue == "service.recorded" }.count
            let tally = try await StoreCopy.tally(of: store)
            #expect(tally == manifest.tally && tally.counts["serviceRecord"] == recorded)
            // The sealed data opens with the key kept apart.
            let vault = try await restored.vault(for: store)
            let client = try #require(try await store.clients(in: .all, limit: 10).first)
            #expect(try vault.open(try #require(client.personal), for: .client(client.id)).name == "王小明")
        }
        // The restored file stands alone: no log files of the empty database it replaced.
        let restoredPath = restored.root.appendingPathComponent("yizhan.sqlite").path
        #expect(try SQLiteStore.facts(ofFile: restoredPath).integrity == nil)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: restored.root.path).allSatisfy { !$0.hasPrefix(".") }
        )
    }

    @Test func aDamagedTruncatedNewerOrForeignBackupIsRefusedAndChangesNothing() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let live = try await liveWorkspace(in: folder.url.appendingPathComponent("live"))
        let backup = folder.url.appendingPathComponent("backup.zip")
        _ = try await WorkspaceBackup.make(of: live, to: backup)
        let again = await #expect(throws: RuntimeError.self) { try await WorkspaceBackup.make(of: live, to: backup) }
        #expect(again?.code == .occupied)

        let target = try await emptyWorkspace(in: folder.url.appendingPathComponent("target"), key: keySource(of: live))
        let targetFile = target.root.appendingPathComponent("yizhan.sqlite")
        let before = try FileDigest.sha256(ofFileAt: targetFile)
        let original = try Data(contentsOf: backup)

        func refused(_ name: String, _ bytes: Data, into workspace: Workspace? = nil) async throws -> RuntimeError? {
            let file = folder.url.appendingPathComponent(name)
            try bytes.write(to: file)
            let error = await #expect(throws: RuntimeError.self) {
                try await WorkspaceBackup.restore(from: file, into: workspace ?? target)
            }
            #expect(try FileDigest.sha256(ofFileAt: targetFile) == before, "\(name) changed the target")
            #expect(try SQLiteStore.facts(ofFile: targetFile.path).events == 0)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: target.root.path).allSatisfy { !$0.hasPrefix(".") },
                "\(name) left a partial folder"
            )
            return error
        }

        // Cut short: no ZIP directory at the end.
        #expect(try await refused("truncated.zip", original.prefix(original.count / 2))?.code == .badBackup)
        // One byte of the database's compressed data changed.
        var flipped = original
        flipped[original.count / 3] ^= 0x5A
        #expect(try await refused("flipped.zip", flipped)?.code == .badBackup)
        // Not a backup at all.
        #expect(try await refused("notes.zip", Data("填表人:张三\n".utf8))?.code == .badBackup)
        // A manifest that says a newer schema, or a digest the database does not have.
        var manifest = try readManifest(backup)
        manifest.schemaVersion = SQLiteStore.schemaVersion + 1
        let newer = try await refused("newer.zip", try rewritten(backup, manifest: manifest, in: folder.url))
        #expect(newer?.code == .backupTooNew)
        #expect(newer?.detail.zhHans.contains("v\(SQLiteStore.schemaVersion + 1)") == true)
        manifest = try readManifest(backup)
        manifest.databaseSHA256 = String(repeating: "0", count: 64)
        #expect(
            try await refused("altered.zip", try rewritten(backup, manifest: manifest, in: folder.url))?.code
                == .badBackup
        )
        // Another event count than the database holds.
        manifest = try readManifest(backup)
        manifest.events += 1
        #expect(
            try await refused("recount.zip", try rewritten(backup, manifest: manifest, in: folder.url))?.code
                == .badBackup
        )

        // A workspace with another key: the backup's data would not open there.
        let stranger = try await Workspace.create(
            at: folder.url.appendingPathComponent("stranger"),
            file: WorkspaceFile(name: "别处", county: Fixtures.haiyan, database: Workspace.defaultDatabase)
        )
        let strangerFile = stranger.root.appendingPathComponent("yizhan.sqlite")
        let strangerBefore = try FileDigest.sha256(ofFileAt: strangerFile)
        let wrongKey = await #expect(throws: RuntimeError.self) {
            try await WorkspaceBackup.restore(from: backup, into: stranger)
        }
        #expect(wrongKey?.code == .wrongDataKey)
        #expect(try FileDigest.sha256(ofFileAt: strangerFile) == strangerBefore)

        // A workspace that holds data already.
        let occupied = await #expect(throws: RuntimeError.self) {
            try await WorkspaceBackup.restore(from: backup, into: live)
        }
        #expect(occupied?.code == .occupied)

        // And the good backup still restores.
        _ = try await WorkspaceBackup.restore(from: backup, into: target)
        #expect(try SQLiteStore.facts(ofFile: targetFile.path).events > 0)
    }

    @Test(.enabled(if: postgresURL != nil, "set YIZHAN_TEST_POSTGRES_URL, e.g. $(.ci/start-postgres)"))
    func aBackupRestoresIntoAnEmptyPostgresWorkspace() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let live = try await liveWorkspace(in: folder.url.appendingPathComponent("live"))
        _ = try await live.withStore { store in
            try await store.commit(Fixtures.recording((1...30).map { Fixtures.record("pg-\($0)") }))
        }
        let backup = folder.url.appendingPathComponent("backup.zip")
        let manifest = try await WorkspaceBackup.make(of: live, to: backup)
        let schema = "restore_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        defer { dropSchema(schema) }
        let database = try #require(postgresURL) + "&search_path=\(schema)"
        let target = try await emptyWorkspace(
            in: folder.url.appendingPathComponent("pg"),
            key: keySource(of: live),
            database: database
        )
        _ = try await WorkspaceBackup.restore(from: backup, into: target)
        let (tally, last) = try await target.withStore { store in
            (try await StoreCopy.tally(of: store), try await store.lastEventSequence())
        }
        #expect(tally == manifest.tally && last.rawValue == manifest.lastSequence)
        // Backed up in turn (by pg_dump), the PostgreSQL workspace holds the same rows and events.
        let again = try await WorkspaceBackup.make(of: target, to: folder.url.appendingPathComponent("pg.zip"))
        #expect(again.engine == .postgresql && again.tally == manifest.tally && again.events == manifest.events)
    }

    // MARK: Editing a backup as an attacker or a bad disk would

    private func readManifest(_ backup: URL) throws -> BackupManifest {
        let archive = try Archive(url: backup, accessMode: .read)
        var data = Data()
        _ = try archive.extract(try #require(archive["manifest.json"])) { data.append($0) }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(BackupManifest.self, from: data)
    }

    /// The bytes of `backup` with its manifest replaced by `manifest`.
    private func rewritten(_ backup: URL, manifest: BackupManifest, in folder: URL) throws -> Data {
        let source = try Archive(url: backup, accessMode: .read)
        let database = folder.appendingPathComponent("db-\(UUID().uuidString)")
        _ = try source.extract(try #require(source["yizhan.sqlite"]), to: database)
        let url = folder.appendingPathComponent("rewritten-\(UUID().uuidString).zip")
        let archive = try Archive(url: url, accessMode: .create)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let json = try encoder.encode(manifest)
        try archive.addEntry(
            with: "manifest.json",
            type: .file,
            uncompressedSize: Int64(json.count),
            provider: { position, size in json.subdata(in: Int(position)..<Int(position) + size) }
        )
        try archive.addEntry(with: "yizhan.sqlite", fileURL: database, compressionMethod: .deflate)
        return try Data(contentsOf: url)
    }
}
