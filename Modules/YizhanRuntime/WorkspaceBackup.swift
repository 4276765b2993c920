public import Foundation
import YizhanConfig
import YizhanKernel
import YizhanPostgres
import YizhanPrivacy
import YizhanSQLite
import ZIPFoundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Backups of a workspace's database and their restore: a ZIP of the database copy and a manifest
/// (schema version, SHA-256, event log's extent, the counts and digest `yizhan db copy` verifies).
///
/// The personal-data key is never in a backup: without the key the sealed names, ID numbers and
/// phones in it cannot be opened, so the operator keeps the key's own copy apart, and a restore
/// checks the workspace's key against the backup's fingerprint before it writes anything.
public enum WorkspaceBackup {
    /// What a restore did.
    public struct Restored: Hashable, Sendable {
        /// The backup's manifest, every figure of which the restored database matched.
        public var manifest: BackupManifest
        /// The schema version the backup had when it was older than this build's (then migrated).
        public var migratedFrom: Int?
    }

    /// Writes a backup of `workspace`'s database to the new file `target` while other processes go
    /// on writing; the copy is one moment of the database, checked before it is kept: SQLite's
    /// online backup and integrity check, or `pg_dump` proved by a trial restore.
    ///
    /// - Throws: `RuntimeError` `.occupied` when `target` exists, `.writeFailed` when it cannot be
    ///   written, `.badBackup` when the copy fails its check (the workspace's own database is then
    ///   damaged), `.toolFailed` when `pg_dump` or `pg_restore` is missing or fails or the role may
    ///   not create the trial database. Nothing is left at `target` when it throws.
    public static func make(of workspace: Workspace, to target: URL) async throws -> BackupManifest {
        let location = try workspace.storeLocation()
        let manager = FileManager.default
        guard !manager.fileExists(atPath: target.path) else {
            throw RuntimeError(
                code: .occupied,
                detail: LocalizedText(
                    "\(target.relativePath) 已存在;备份不覆盖已有文件,请换一个文件名",
                    en: "\(target.relativePath) exists; a backup never replaces a file, choose another name"
                )
            )
        }
        let scratch = try scratchFolder(beside: target)
        defer { try? manager.removeItem(at: scratch) }
        let copy: Copy =
            switch location {
            case .sqlite(let path): try await sqliteCopy(of: path, in: scratch)
            case .postgres(let url): try await postgresDump(of: url, in: scratch)
            }
        let facts = copy.facts
        let (digest, bytes) = try FileDigest.sha256(ofFileAt: copy.file)
        let manifest = BackupManifest(
            format: BackupManifest.formatName,
            formatVersion: copy.engine == .sqlite ? 1 : BackupManifest.currentFormatVersion,
            // Whole seconds, as the manifest's ISO 8601 text keeps it.
            madeAt: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)),
            workspace: workspace.file.name,
            county: String(workspace.file.county.significantPrefix),
            engine: copy.engine == .sqlite ? nil : copy.engine,
            schema: copy.schema,
            schemaVersion: facts.schemaVersion,
            databaseBytes: bytes,
            databaseSHA256: digest,
            events: facts.events,
            firstSequence: facts.firstSequence,
            lastSequence: facts.lastSequence,
            sequenceGaps: facts.sequenceGaps,
            tally: copy.tally,
            dataKeyFingerprint: facts.dataKeyCheck
        )
        let zip = scratch.appendingPathComponent("backup.zip")
        do {
            let archive = try Archive(url: zip, accessMode: .create)
            let json = try manifest.encoded()
            try archive.addEntry(
                with: BackupManifest.entryName,
                type: .file,
                uncompressedSize: Int64(json.count),
                compressionMethod: .deflate,
                provider: { position, size in json.subdata(in: Int(position)..<Int(position) + size) }
            )
            // pg_dump's custom format is compressed already.
            try archive.addEntry(
                with: manifest.databaseEntryName,
                fileURL: copy.file,
                compressionMethod: copy.engine == .sqlite ? .deflate : .none
            )
            try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: zip.path)
            try manager.moveItem(at: zip, to: target)
        } catch {
            throw RuntimeError(
                code: .writeFailed,
                detail: LocalizedText(
                    "无法写入备份 \(target.relativePath):\(error.localizedDescription)",
                    en: "cannot write the backup \(target.relativePath): \(error.localizedDescription)"
                )
            )
        }
        return manifest
    }

    /// A database copy made for a backup, with what it holds.
    struct Copy {
        var engine: BackupManifest.Engine
        var file: URL
        var facts: DatabaseFacts
        var tally: StoreCopy.Tally
        var schema: String? = nil
    }

    /// SQLite's online backup of the database at `path`, checked, in `scratch`.
    private static func sqliteCopy(of path: String, in scratch: URL) async throws -> Copy {
        let copy = scratch.appendingPathComponent(BackupManifest.Engine.sqlite.entryName)
        guard FileManager.default.fileExists(atPath: path) else {
            throw RuntimeError(
                code: .noWorkspace,
                detail: LocalizedText(
                    "工作区的数据库 \(path) 不存在,没有可备份的",
                    en: "the workspace's database \(path) does not exist"
                )
            )
        }
        let store = try SQLiteStore(path: path)
        try await store.migrate()
        try await store.backup(to: copy.path)
        try store.close()
        let facts = try SQLiteStore.facts(ofFile: copy.path)
        if let integrity = facts.integrity {
            throw RuntimeError(
                code: .badBackup,
                detail: LocalizedText(
                    "工作区的数据库未通过 SQLite 完整性检查(\(integrity)),未写备份;请保留原文件并联系技术支持",
                    en:
                        "the workspace's database fails SQLite's integrity check (\(integrity)); no backup was written. Keep the file and ask for support"
                )
            )
        }
        return Copy(engine: .sqlite, file: copy, facts: facts, tally: try await tally(ofFile: copy))
    }

    /// Restores the backup `source` into `workspace`, whose database must hold no events yet.
    ///
    /// Checks, before anything is written: the manifest, the schema version (a newer one is
    /// refused), the database copy's size and SHA-256, SQLite's integrity check, the event log's
    /// extent and gaps, the personal-data key's fingerprint, and the counts and digest of every row
    /// and event. A SQLite workspace gets the checked copy renamed into place; a PostgreSQL one
    /// gets it copied in and verified as `yizhan db copy` does. A `pg_dump` backup is restored into
    /// a trial database first, checked there the same way, and restores only into PostgreSQL.
    ///
    /// - Throws: `RuntimeError` `.badBackup`, `.backupTooNew`, `.occupied`, `.wrongDataKey`,
    ///   `.unsupportedDatabase` (a dump into SQLite), `.toolFailed`;
    ///   `PrivacyError` when the workspace's key is missing or malformed. Nothing is changed then.
    public static func restore(from source: URL, into workspace: Workspace) async throws -> Restored {
        let manager = FileManager.default
        let location = try workspace.storeLocation()
        let archive: Archive
        do {
            archive = try Archive(url: source, accessMode: .read)
        } catch {
            throw bad(
                "\(source.relativePath) 不是驿站备份文件,或已截断、损坏(读不出 ZIP 目录)",
                "\(source.relativePath) is not a Yizhan backup, or it is truncated or damaged (no readable ZIP directory)"
            )
        }
        let manifest = try readManifest(archive, source)
        if manifest.copyEngine == .postgresql, case .sqlite = location {
            throw RuntimeError(
                code: .unsupportedDatabase,
                detail: LocalizedText(
                    "这是 PostgreSQL 工作区的备份(pg_dump),只能恢复到 PostgreSQL 工作区;"
                        + "要换成 SQLite,先恢复到一个 PostgreSQL 工作区,再用 yizhan db copy 复制过来。未做任何改动",
                    en:
                        "this is a PostgreSQL workspace's backup (pg_dump), which restores only into a PostgreSQL workspace;"
                        + " to move to SQLite, restore it into one and yizhan db copy from there. Nothing was changed"
                )
            )
        }
        try await requireEmpty(location)
        let folder: URL =
            if case .sqlite(let path) = location {
                URL(fileURLWithPath: path).deletingLastPathComponent()
            } else {
                manager.temporaryDirectory
            }
        let scratch = try scratchFolder(beside: folder.appendingPathComponent("restore"))
        defer { try? manager.removeItem(at: scratch) }
        let copy = scratch.appendingPathComponent(manifest.databaseEntryName)
        guard let entry = archive[manifest.databaseEntryName] else {
            throw bad(
                "备份中没有数据库(\(manifest.databaseEntryName))",
                "the backup holds no database (\(manifest.databaseEntryName))"
            )
        }
        do {
            _ = try archive.extract(entry, to: copy)
        } catch {
            throw bad(
                "备份中的数据库读不出来(已截断或损坏:\(error.localizedDescription))",
                "the backup's database cannot be read (truncated or damaged: \(error.localizedDescription))"
            )
        }
        let (digest, bytes) = try FileDigest.sha256(ofFileAt: copy)
        guard digest == manifest.databaseSHA256, bytes == manifest.databaseBytes else {
            throw bad(
                "备份已损坏或被改动:数据库的 SHA-256(\(digest.prefix(12))…)与清单(\(manifest.databaseSHA256.prefix(12))…)不符",
                "the backup is damaged or altered: the database's SHA-256 (\(digest.prefix(12))…) is not the manifest's (\(manifest.databaseSHA256.prefix(12))…)"
            )
        }
        if manifest.copyEngine == .postgresql, case .postgres(let url) = location {
            return try await restoreDump(copy, manifest, into: workspace, at: try PostgresURL(url))
        }
        let facts = try checkedFacts(of: copy, against: manifest)
        try requireKey(of: facts, in: workspace)
        let current = facts.schemaVersion == SQLiteStore.schemaVersion
        if current {
            let tally = try await tally(ofFile: copy)
            guard tally == manifest.tally else {
                throw bad(
                    "备份中的数据与清单的条数或摘要不符",
                    "the backup's rows or events do not match its manifest's counts or digest"
                )
            }
        }
        switch location {
        case .sqlite(let path):
            if !current {
                let store = try SQLiteStore(path: copy.path)
                try await store.migrate()
                try store.close()
                try SQLiteStore.settle(fileAt: copy.path)
            }
            try install(copy, at: path)
        case .postgres:
            let backup = try SQLiteStore(path: copy.path)
            try await backup.migrate()
            try await location.withStore { target in
                _ = try await StoreCopy.copy(from: backup, to: target)
            }
            try backup.close()
        }
        return Restored(manifest: manifest, migratedFrom: current ? nil : facts.schemaVersion)
    }

    // MARK: Steps

    /// The manifest of `archive`, checked for format and schema version.
    private static func readManifest(_ archive: Archive, _ source: URL) throws -> BackupManifest {
        var data = Data()
        guard let entry = archive[BackupManifest.entryName], entry.uncompressedSize < 1 << 20,
            (try? archive.extract(entry, consumer: { data.append($0) })) != nil,
            let manifest = BackupManifest.decoded(data), manifest.format == BackupManifest.formatName
        else {
            throw bad(
                "\(source.relativePath) 不是驿站备份文件(没有可读的 manifest.json)",
                "\(source.relativePath) is not a Yizhan backup (no readable manifest.json)"
            )
        }
        guard manifest.formatVersion <= BackupManifest.currentFormatVersion,
            manifest.schemaVersion <= manifest.copyEngine.schemaVersion
        else {
            throw RuntimeError(
                code: .backupTooNew,
                detail: LocalizedText(
                    "备份来自较新的驿站(数据库结构 v\(manifest.schemaVersion)),本程序只认识到 v\(manifest.copyEngine.schemaVersion);"
                        + "请先升级 yizhan 再恢复,未做任何改动",
                    en:
                        "the backup comes from a newer Yizhan (schema v\(manifest.schemaVersion)); this one knows up to v\(manifest.copyEngine.schemaVersion)."
                        + " Upgrade yizhan and restore again; nothing was changed"
                )
            )
        }
        return manifest
    }

    /// Refuses a target that holds events already.
    static func requireEmpty(_ location: StoreLocation) async throws {
        let events: Int64
        switch location {
        case .sqlite(let path):
            guard FileManager.default.fileExists(atPath: path) else { return }
            events = Int64(try SQLiteStore.facts(ofFile: path).events)
        case .postgres:
            events = try await location.withStore { try await $0.lastEventSequence().rawValue }
        }
        guard events == 0 else {
            throw RuntimeError(
                code: .occupied,
                detail: LocalizedText(
                    "工作区的数据库(\(location))已有数据;恢复只写入空的工作区(先 yizhan init 一个新工作区),未做任何改动",
                    en:
                        "the workspace's database (\(location)) holds data; a restore goes only into an empty workspace (yizhan init a new one first); nothing was changed"
                )
            )
        }
    }

    /// Refuses a copy sealed with another key than `workspace`'s.
    static func requireKey(of facts: DatabaseFacts, in workspace: Workspace) throws {
        let vault = try workspace.keyVault()
        if let bound = facts.dataKeyCheck, bound != vault.checkValue {
            throw RuntimeError(
                code: .wrongDataKey,
                detail: LocalizedText(
                    "备份中的个人信息是用指纹 \(bound.prefix(8))… 的密钥加密的,本工作区的密钥指纹是 \(vault.checkValue.prefix(8))…,"
                        + "未做任何改动;请把备份时的密钥文件放到 yizhan.yaml 的 dataKey 所指之处(默认 keys/data.key)后再恢复",
                    en:
                        "the backup's personal data is sealed with the key of fingerprint \(bound.prefix(8))…, this workspace's key is \(vault.checkValue.prefix(8))…;"
                        + " nothing was changed. Put the key file of the backup where dataKey in yizhan.yaml points (keys/data.key by default) and restore again"
                )
            )
        }
    }

    /// The facts of the extracted SQLite copy, each checked against `manifest`.
    private static func checkedFacts(of copy: URL, against manifest: BackupManifest) throws -> DatabaseFacts {
        let facts: DatabaseFacts
        do {
            facts = try SQLiteStore.facts(ofFile: copy.path)
        } catch {
            throw bad("备份中的数据库打不开(不是驿站数据库)", "the backup's database does not open (not a Yizhan database)")
        }
        try check(facts, against: manifest)
        return facts
    }

    /// Refuses `facts` of a copy that are not those its manifest recorded.
    static func check(_ facts: DatabaseFacts, against manifest: BackupManifest) throws {
        if let integrity = facts.integrity {
            throw bad("备份中的数据库未通过完整性检查(\(integrity))", "the backup's database fails its integrity check (\(integrity))")
        }
        guard facts.unknownMigrations == 0, facts.schemaVersion == manifest.schemaVersion else {
            throw bad(
                "备份中的数据库结构(v\(facts.schemaVersion))与清单(v\(manifest.schemaVersion))不符",
                "the backup's schema (v\(facts.schemaVersion)) is not the manifest's (v\(manifest.schemaVersion))"
            )
        }
        guard facts.events == manifest.events, facts.firstSequence == manifest.firstSequence,
            facts.lastSequence == manifest.lastSequence, facts.sequenceGaps == manifest.sequenceGaps
        else {
            throw bad(
                "备份中的事件日志(\(facts.events) 条,序号 \(facts.firstSequence)–\(facts.lastSequence))与清单"
                    + "(\(manifest.events) 条,序号 \(manifest.firstSequence)–\(manifest.lastSequence))不符",
                "the backup's event log (\(facts.events) events, \(facts.firstSequence)–\(facts.lastSequence)) is not the manifest's"
                    + " (\(manifest.events), \(manifest.firstSequence)–\(manifest.lastSequence))"
            )
        }
    }

    /// The counts and digest of the database file at `url`, which is left as a file on its own.
    static func tally(ofFile url: URL) async throws -> StoreCopy.Tally {
        let store = try SQLiteStore(path: url.path)
        let tally = try await StoreCopy.tally(of: store)
        try store.close()
        try SQLiteStore.settle(fileAt: url.path)
        return tally
    }

    /// Renames the checked copy over the empty database at `path`, its old log files removed first.
    private static func install(_ copy: URL, at path: String) throws {
        let manager = FileManager.default
        do {
            for suffix in ["-wal", "-shm"] where manager.fileExists(atPath: path + suffix) {
                try manager.removeItem(atPath: path + suffix)
            }
            guard rename(copy.path, path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            throw RuntimeError(
                code: .writeFailed,
                detail: LocalizedText(
                    "无法把恢复的数据库放到 \(path):\(error.localizedDescription)",
                    en: "cannot put the restored database at \(path): \(error.localizedDescription)"
                )
            )
        }
    }

    /// A new folder beside `url`, on its file system, so that a rename out of it is atomic.
    static func scratchFolder(beside url: URL) throws -> URL {
        let folder = url.deletingLastPathComponent()
        let scratch = folder.appendingPathComponent(".\(url.lastPathComponent).partial-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(
                at: scratch,
                withIntermediateDirectories: false,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw RuntimeError(
                code: .writeFailed,
                detail: LocalizedText(
                    "无法在 \(folder.relativePath) 中写文件(文件夹不存在或无写权限)",
                    en: "cannot write in \(folder.relativePath) (no such folder, or not writable)"
                )
            )
        }
        return scratch
    }

    static func bad(_ zh: String, _ en: String) -> RuntimeError {
        RuntimeError(code: .badBackup, detail: LocalizedText(zh + ";未做任何改动", en: en + "; nothing was changed"))
    }
}
