public import Foundation
public import Logging
public import YizhanConfig
public import YizhanKernel
import YizhanPrivacy

/// A Yizhan workspace: a folder holding `yizhan.yaml` and, by default, the SQLite file it names.
///
/// ```
/// haiyan/
///   yizhan.yaml       name, county, database: sqlite:yizhan.sqlite
///   yizhan.sqlite     rows and the event log (WAL: also yizhan.sqlite-wal, -shm)
/// ```
public struct Workspace: Sendable {
    /// The workspace file's name.
    public static let fileName = "yizhan.yaml"
    /// The default database file.
    public static let defaultDatabase = "sqlite:yizhan.sqlite"

    /// The workspace folder.
    public let root: URL
    /// The contents of `yizhan.yaml`.
    public let file: WorkspaceFile

    /// The clock every command's use cases read: the real instant, on the workspace's `asOf` day
    /// when it pins one.
    public var clock: WorkClock { WorkClock(today: file.asOf) }

    /// The workspace's today: its `asOf` day, or today in Shanghai.
    public var today: CivilDate { clock.today }

    /// A workspace value for `root` with `file`; nothing is read or written.
    public init(root: URL, file: WorkspaceFile) {
        self.root = root
        self.file = file
    }

    /// Opens the workspace at `root`.
    ///
    /// - Throws: `RuntimeError` `.noWorkspace` when `root` has no `yizhan.yaml`; `ConfigError` when it is invalid.
    public static func open(at root: URL) throws -> Workspace {
        let url = root.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw RuntimeError(
                code: .noWorkspace,
                detail: LocalizedText(
                    "\(root.relativePath) 不是驿站工作区(没有 \(fileName));用 --workspace 或 YIZHAN_WORKSPACE 指定工作区,或运行 yizhan init",
                    en:
                        "\(root.relativePath) is not a Yizhan workspace (no \(fileName)); pass --workspace or set YIZHAN_WORKSPACE, or run yizhan init"
                )
            )
        }
        let file = try ConfigLoader.load(WorkspaceFile.self, from: url, displayPath: url.relativePath)
        return Workspace(root: root, file: file)
    }

    /// The key file `create` writes when no other key source is given.
    public static let defaultKeyFile = "keys/data.key"

    /// Creates a workspace in `root` (made if missing; it must not hold a workspace already), its
    /// migrated database bound to its personal-data key, and, unless `file.dataKey` names one, a new
    /// key file (`keys/data.key`, readable by its owner only).
    ///
    /// A database that holds data already (a PostgreSQL schema another workspace filled, say) is
    /// joined only with the key its data is sealed with, named by `file.dataKey`. A create that
    /// fails leaves nothing behind: no `yizhan.yaml`, no key file, no new database file.
    ///
    /// - Throws: `RuntimeError` `.occupied` when `root` already has a `yizhan.yaml`, or the
    ///   database holds data and no key is named; `.wrongDataKey` when the named key is not its key.
    public static func create(at root: URL, file: WorkspaceFile) async throws -> Workspace {
        let manager = FileManager.default
        let url = root.appendingPathComponent(fileName)
        guard !manager.fileExists(atPath: url.path) else {
            throw RuntimeError(
                code: .occupied,
                detail: LocalizedText(
                    "\(root.relativePath) 已是驿站工作区,未做任何改动",
                    en: "\(root.relativePath) is already a workspace; nothing was changed"
                )
            )
        }
        var file = file
        let givenKey = file.dataKey != nil
        if !givenKey { file.dataKey = "file:\(defaultKeyFile)" }
        let workspace = Workspace(root: root, file: file)
        let location = try workspace.storeLocation()
        // What this call makes, to be removed again if it fails.
        var made: [URL] = []
        if !manager.fileExists(atPath: root.path) { made.append(root) }
        if case .sqlite(let path) = location, !manager.fileExists(atPath: path) {
            made += ["", "-wal", "-shm"].map { URL(fileURLWithPath: path + $0) }
        }
        do {
            // The folder first: a SQLite database goes in it even when the key is given elsewhere.
            do {
                try manager.createDirectory(at: root, withIntermediateDirectories: true)
            } catch {
                throw RuntimeError(
                    code: .writeFailed,
                    detail: LocalizedText(
                        "无法建立文件夹 \(root.relativePath):\(error.localizedDescription)",
                        en: "cannot make the folder \(root.relativePath): \(error.localizedDescription)"
                    )
                )
            }
            if !givenKey { made += try writeKeyFile(root.appendingPathComponent(defaultKeyFile)) }
            try await workspace.withStore { store in
                let holdsData = try await store.lastEventSequence() > .start
                let bound = try await store.dataKeyCheck() != nil
                if !givenKey, holdsData || bound {
                    throw RuntimeError(
                        code: .occupied,
                        detail: LocalizedText(
                            "数据库 \(location) 已有数据;要让新工作区接入它,请用 --data-key file:路径 给出这份数据原来的密钥,未做任何改动",
                            en:
                                "the database \(location) holds data already; to join it, name its own key with --data-key file:PATH; nothing was changed"
                        )
                    )
                }
                _ = try await workspace.vault(for: store)
            }
            do {
                try Data(file.yamlText.utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                throw RuntimeError(
                    code: .writeFailed,
                    detail: LocalizedText(
                        "无法写入 \(url.relativePath):\(error.localizedDescription)",
                        en: "cannot write \(url.relativePath): \(error.localizedDescription)"
                    )
                )
            }
        } catch {
            for made in made.reversed() { try? manager.removeItem(at: made) }
            throw error
        }
        return workspace
    }

    /// Writes a new key file at `url` (its folder made owner-only) unless one is there; returns the
    /// paths it made, the file last.
    private static func writeKeyFile(_ url: URL) throws -> [URL] {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: url.path) else { return [] }
        let folder = url.deletingLastPathComponent()
        let made = manager.fileExists(atPath: folder.path) ? [url] : [folder, url]
        do {
            try manager.createDirectory(
                at: folder,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
            guard
                manager.createFile(
                    atPath: url.path,
                    contents: Data((DataKeyVault.generateKey() + "\n").utf8),
                    attributes: [.posixPermissions: 0o600]
                )
            else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            throw RuntimeError(
                code: .writeFailed,
                detail: LocalizedText(
                    "无法写入密钥文件 \(url.relativePath)",
                    en: "cannot write the key file \(url.relativePath)"
                )
            )
        }
        return made
    }

    /// Where the workspace's `database` says its store lives.
    ///
    /// - Throws: `RuntimeError` `.unsupportedDatabase` for anything but `sqlite:PATH` or `postgres://…`.
    public func storeLocation() throws(RuntimeError) -> StoreLocation {
        try StoreLocation(file.database, relativeTo: root)
    }

    /// Opens the workspace's store, brings its schema up to date, and lends it to `body`.
    public func withStore<T>(
        logger: Logger = Logger(label: "yizhan.workspace"),
        _ body: (any StationStore) async throws -> T
    ) async throws -> T {
        try await storeLocation().withStore(logger: logger, body)
    }
}

extension WorkspaceFile {
    /// The file as YAML text, with a comment that says what it is.
    var yamlText: String {
        var lines = [
            "# 驿站(Yizhan)工作区 — Yizhan workspace",
            "name: \(Self.quoted(name))",
            "county: \"\(county.significantPrefix)\"",
            "database: \(Self.quoted(database))",
        ]
        if let demo { lines.append("demo: \(demo)") }
        if let asOf {
            lines.append("# 工作区所处的日期:检查、评估与列表以此为“今天” — the day this workspace stands at")
            lines.append("asOf: \(asOf)")
        }
        if let dataKey {
            lines.append("# 个人信息(姓名、身份证号、电话)的加密密钥,勿放进数据库或版本库 — the personal-data key")
            lines.append("dataKey: \(Self.quoted(dataKey))")
        }
        if let approvals, !approvals.isEmpty {
            lines.append("# 逐级提交与审核的流程(yizhan approval)— the approval workflows the county uses")
            lines.append("approvals: [\(approvals.joined(separator: ", "))]")
        }
        if let requests {
            lines.append("# 居民诉求的办理层级与时限(config/requests/)— the residents' request rules")
            lines.append("requests: \(requests)")
        }
        if let retention, !retention.isEmpty {
            lines.append("# 个人信息保存期限:最后一次活动满几年后到期删除(yizhan retention)— retention, in years")
            lines.append("retention:")
            if let years = retention.clients { lines.append("  clients: \(years)") }
            if let years = retention.volunteers { lines.append("  volunteers: \(years)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
