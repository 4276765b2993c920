public import Foundation
public import Logging
public import YizhanConfig
public import YizhanKernel
import YizhanSQLite

/// A Yizhan workspace: a folder holding `yizhan.yaml` and the SQLite file it names.
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

    /// Creates a workspace in `root` (made if missing; it must not hold a workspace already) and
    /// its migrated database.
    ///
    /// - Throws: `RuntimeError` `.occupied` when `root` already has a `yizhan.yaml`.
    public static func create(at root: URL, file: WorkspaceFile) async throws -> Workspace {
        let url = root.appendingPathComponent(fileName)
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw RuntimeError(
                code: .occupied,
                detail: LocalizedText(
                    "\(root.relativePath) 已是驿站工作区,未做任何改动",
                    en: "\(root.relativePath) is already a workspace; nothing was changed"
                )
            )
        }
        let workspace = Workspace(root: root, file: file)
        _ = try workspace.databasePath()
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
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
        _ = try await workspace.openStore()
        return workspace
    }

    /// The SQLite file the workspace's `database` names.
    ///
    /// - Throws: `RuntimeError` `.unsupportedDatabase` for any URL but `sqlite:PATH`.
    public func databasePath() throws -> String {
        let database = file.database
        guard database.hasPrefix("sqlite:"), database.count > "sqlite:".count else {
            throw RuntimeError(
                code: .unsupportedDatabase,
                detail: LocalizedText(
                    "yizhan.yaml 的 database “\(database)” 无法使用:此版本只支持 sqlite:文件路径",
                    en: "database '\(database)' in yizhan.yaml cannot be used: this build supports sqlite:PATH only"
                )
            )
        }
        let path = String(database.dropFirst("sqlite:".count))
        return path.hasPrefix("/") ? path : root.appendingPathComponent(path).path
    }

    /// Opens the workspace's store and brings its schema up to date.
    public func openStore(logger: Logger = Logger(label: "yizhan.workspace")) async throws -> any StationStore {
        let path = try databasePath()
        let store = try SQLiteStore(path: path)
        try await store.migrate()
        logger.debug("store opened", metadata: ["store.backend": "sqlite", "store.path": "\(path)"])
        return store
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
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
