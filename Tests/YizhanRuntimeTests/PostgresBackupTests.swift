import Foundation
import Testing
import YizhanConfig
import YizhanKernel
import YizhanKernelTesting
import YizhanPostgres
import YizhanPrivacy
import YizhanRuntime
import ZIPFoundation

/// Issue 27.1 for PostgreSQL: `yizhan db backup` is pg_dump's custom format, proved by a trial
/// restore; a restore checks the dump the same way before it writes, and a damaged, foreign or
/// misplaced dump changes nothing. Serialized, so that no other test's trial database is in flight
/// when one checks that none is left.
@Suite(.serialized, .enabled(if: postgresURL != nil, "set YIZHAN_TEST_POSTGRES_URL, e.g. $(.ci/start-postgres)"))
struct PostgresBackupTests {
    /// A new schema's URL on the test server, and its name to drop.
    private func scratchDatabase(_ prefix: String) throws -> (url: String, schema: String) {
        let schema = prefix + "_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        return (try #require(postgresURL) + "&search_path=\(schema)", schema)
    }

    private func keySource(of workspace: Workspace) -> String {
        "file:" + workspace.root.appendingPathComponent(Workspace.defaultKeyFile).path
    }

    /// An empty workspace in `folder` on `database` whose key is `key`.
    private func emptyWorkspace(in folder: URL, key: String?, database: String) async throws -> Workspace {
        try await Workspace.create(
            at: folder,
            file: WorkspaceFile(name: "海盐(恢复)", county: Fixtures.haiyan, database: database, dataKey: key)
        )
    }

    /// Every event of `store`, oldest first.
    private func events(of store: any StationStore) async throws -> [StoredEvent] {
        var all: [StoredEvent] = []
        while case let batch = try await store.events(after: all.last?.sequence ?? .start, limit: 1_000), !batch.isEmpty
        {
            all += batch
        }
        return all
    }

    @Test func aBackupTakenWhileWritingIsAPgDumpThatRestoresEveryRowAndEventOfItsMoment() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (liveURL, liveSchema) = try scratchDatabase("live")
        defer { dropSchema(liveSchema) }
        let live = try await PrivacyFixtures.workspace(in: folder.url.appendingPathComponent("live"), database: liveURL)
        let start = try await live.withStore { try await $0.lastEventSequence() }
        // Another client writes one service record after another while the dump is taken.
        let writer = Task { () -> Int in
            try await StoreLocation.postgres(url: liveURL).withStore { store in
                var written = 0
                while !Task.isCancelled {
                    try await store.commit(Fixtures.recording([Fixtures.record("pg-stream-\(written)")]))
                    written += 1
                }
                return written
            }
        }
        defer { writer.cancel() }
        // Bounded waits: a writer that failed must fail the test, not hang the run.
        let deadline = ContinuousClock.now + .seconds(180)
        while try await live.withStore({ try await $0.lastEventSequence() }).rawValue < start.rawValue + 30 {
            try #require(ContinuousClock.now < deadline, "the writer stopped before 30 records")
            try await Task.sleep(for: .milliseconds(20))
        }
        let backup = folder.url.appendingPathComponent("backup.zip")
        let manifest = try await WorkspaceBackup.make(of: live, to: backup)
        let atBackup = try await live.withStore { try await $0.lastEventSequence() }
        while try await live.withStore({ try await $0.lastEventSequence() }).rawValue < atBackup.rawValue + 10 {
            try #require(ContinuousClock.now < deadline, "the writer stopped after the backup")
            try await Task.sleep(for: .milliseconds(20))
        }
        writer.cancel()
        _ = try? await writer.value
        let final = try await live.withStore { try await $0.lastEventSequence() }

        #expect(manifest.engine == .postgresql && manifest.schema == liveSchema && manifest.formatVersion == 2)
        #expect(manifest.lastSequence > start.rawValue + 30 && manifest.lastSequence < final.rawValue)
        #expect(manifest.events == Int(manifest.lastSequence) && manifest.sequenceGaps == 0)
        #expect(manifest.schemaVersion == PostgresStore.schemaVersion && manifest.dataKeyFingerprint != nil)
        let archive = try Archive(url: backup, accessMode: .read)
        #expect(Set(archive.map(\.path)) == ["manifest.json", "yizhan.pgdump"])
        // pg_dump's custom format, as pg_restore --list reads it.
        let dump = folder.url.appendingPathComponent("yizhan.pgdump")
        _ = try archive.extract(try #require(archive["yizhan.pgdump"]), to: dump)
        #expect(try Data(contentsOf: dump).prefix(5) == Data("PGDMP".utf8))

        let (targetURL, targetSchema) = try scratchDatabase("restored")
        defer { dropSchema(targetSchema) }
        let restored = try await emptyWorkspace(
            in: folder.url.appendingPathComponent("restored"),
            key: keySource(of: live),
            database: targetURL
        )
        let result = try await WorkspaceBackup.restore(from: backup, into: restored)
        #expect(result.manifest == manifest && result.migratedFrom == nil)
        let liveEvents = try await live.withStore { try await events(of: $0) }
        try await restored.withStore { store in
            let restoredEvents = try await events(of: store)
            #expect(restoredEvents.count == Int(manifest.lastSequence))
            #expect(restoredEvents == Array(liveEvents.prefix(restoredEvents.count)))
            #expect(try await StoreCopy.tally(of: store) == manifest.tally)
            let vault = try await restored.vault(for: store)
            let client = try #require(try await store.clients(in: .all, limit: 10).first)
            #expect(try vault.open(try #require(client.personal), for: .client(client.id)).name == "王小明")
        }
        #expect(psql("SELECT count(*) FROM pg_database WHERE datname LIKE 'yizhan_trial_%'") == "0")
    }

    @Test func aDamagedForeignOrMisplacedDumpIsRefusedAndChangesNothing() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (liveURL, liveSchema) = try scratchDatabase("live")
        defer { dropSchema(liveSchema) }
        let live = try await PrivacyFixtures.workspace(in: folder.url.appendingPathComponent("live"), database: liveURL)
        let backup = folder.url.appendingPathComponent("backup.zip")
        let manifest = try await WorkspaceBackup.make(of: live, to: backup)
        let (targetURL, targetSchema) = try scratchDatabase("target")
        defer { dropSchema(targetSchema) }
        let target = try await emptyWorkspace(
            in: folder.url.appendingPathComponent("target"),
            key: keySource(of: live),
            database: targetURL
        )

        func refused(_ name: String, _ file: URL, into workspace: Workspace? = nil) async throws -> RuntimeError? {
            let error = await #expect(throws: RuntimeError.self, "\(name)") {
                try await WorkspaceBackup.restore(from: file, into: workspace ?? target)
            }
            #expect(try await target.withStore { try await $0.lastEventSequence() } == .start, "\(name) wrote")
            return error
        }

        // One byte of the dump changed: its SHA-256 is not the manifest's.
        let flipped = try rewritten(backup, in: folder.url) { _, dump in dump[dump.count / 2] ^= 0x5A }
        #expect(try await refused("flipped", flipped)?.code == .badBackup)
        // A manifest whose figures the dump does not have: found by the trial restore.
        let recounted = try rewritten(backup, in: folder.url) { manifest, _ in manifest.events += 1 }
        let recount = try await refused("recounted", recounted)
        #expect(recount?.code == .badBackup && recount?.detail.zhHans.contains("事件日志") == true)
        // Another key's workspace.
        let (strangerURL, strangerSchema) = try scratchDatabase("stranger")
        defer { dropSchema(strangerSchema) }
        let stranger = try await emptyWorkspace(
            in: folder.url.appendingPathComponent("stranger"),
            key: nil,
            database: strangerURL
        )
        #expect(try await refused("stranger", backup, into: stranger)?.code == .wrongDataKey)
        #expect(try await stranger.withStore { try await $0.lastEventSequence() } == .start)
        // A SQLite workspace: a dump restores only into PostgreSQL.
        let sqlite = try await emptyWorkspace(
            in: folder.url.appendingPathComponent("sqlite"),
            key: keySource(of: live),
            database: Workspace.defaultDatabase
        )
        let misplaced = try await refused("sqlite", backup, into: sqlite)
        #expect(misplaced?.code == .unsupportedDatabase && misplaced?.detail.zhHans.contains("yizhan db copy") == true)
        // A workspace that holds data already.
        #expect(try await refused("occupied", backup, into: live)?.code == .occupied)

        // A role that may not create the trial database: told what to grant, and no backup written.
        let role = "yizhan_nocreate_" + liveSchema.suffix(12)
        let server = try #require(postgresURL)
        let database = try #require(URL(string: server)?.lastPathComponent)
        let grants = [
            "CREATE ROLE \(role) LOGIN", "GRANT CREATE ON DATABASE \(database) TO \(role)",
            "GRANT ALL ON SCHEMA \(liveSchema) TO \(role)",
            "GRANT ALL ON ALL TABLES IN SCHEMA \(liveSchema) TO \(role)",
            "GRANT ALL ON ALL SEQUENCES IN SCHEMA \(liveSchema) TO \(role)",
        ]
        #expect(psql(grants.joined(separator: "; ")) != nil)
        defer { _ = psql("DROP OWNED BY \(role); DROP ROLE \(role)") }
        var limited = live.file
        limited.database = liveURL.replacingOccurrences(of: "postgres@", with: "\(role)@")
        let narrow = Workspace(root: live.root, file: limited)
        let denied = folder.url.appendingPathComponent("denied.zip")
        let noCreate = await #expect(throws: RuntimeError.self) {
            try await WorkspaceBackup.make(of: narrow, to: denied)
        }
        #expect(
            noCreate?.code == .toolFailed && noCreate?.detail.zhHans.contains("ALTER ROLE \(role) CREATEDB") == true
        )
        #expect(!FileManager.default.fileExists(atPath: denied.path))

        // And the good backup still restores; no trial database is left behind.
        _ = try await WorkspaceBackup.restore(from: backup, into: target)
        #expect(try await target.withStore { try await $0.lastEventSequence() }.rawValue == manifest.lastSequence)
        #expect(psql("SELECT count(*) FROM pg_database WHERE datname LIKE 'yizhan_trial_%'") == "0")
    }

    /// `backup` with its manifest and dump edited by `edit`, as a bad disk or an attacker would.
    private func rewritten(
        _ backup: URL,
        in folder: URL,
        _ edit: (inout BackupManifest, inout Data) -> Void
    ) throws -> URL {
        let source = try Archive(url: backup, accessMode: .read)
        var json = Data()
        _ = try source.extract(try #require(source["manifest.json"])) { json.append($0) }
        var dump = Data()
        _ = try source.extract(try #require(source["yizhan.pgdump"])) { dump.append($0) }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var manifest = try decoder.decode(BackupManifest.self, from: json)
        edit(&manifest, &dump)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let edited = try encoder.encode(manifest)
        let url = folder.appendingPathComponent("rewritten-\(UUID().uuidString).zip")
        let archive = try Archive(url: url, accessMode: .create)
        for (name, data) in [("manifest.json", edited), ("yizhan.pgdump", dump)] {
            try archive.addEntry(
                with: name,
                type: .file,
                uncompressedSize: Int64(data.count),
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
            )
        }
        return url
    }

    /// What psql prints for `sql` on the test server (trimmed), or `nil` when it fails.
    private func psql(_ sql: String) -> String? {
        guard let postgresURL else { return nil }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-psql-\(UUID()).out")
        defer { try? FileManager.default.removeItem(at: output) }
        guard
            let child = try? ChildProcess(
                executable: "/usr/bin/psql",
                arguments: [postgresURL, "-v", "ON_ERROR_STOP=1", "-tAqc", sql],
                output: .file(output.path)
            ), child.endedBlocking() == 0
        else { return nil }
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
