public import Foundation
public import Logging
public import YizhanKernel
import YizhanPostgres
import YizhanSQLite

/// Where a store lives: `sqlite:PATH` (relative to the workspace) for a county, or a
/// `postgres://user@host:port/database` URL for a city or a province.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    /// A SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(url: String)

    /// Parses `text`; a relative SQLite path is taken from `root`.
    ///
    /// - Throws: `RuntimeError` `.unsupportedDatabase` for anything else.
    public init(_ text: String, relativeTo root: URL) throws(RuntimeError) {
        if text.hasPrefix("sqlite:"), text.count > "sqlite:".count {
            let path = String(text.dropFirst("sqlite:".count))
            self = .sqlite(path: path.hasPrefix("/") ? path : root.appendingPathComponent(path).path)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else {
            let shown = Self.redacted(text)
            throw RuntimeError(
                code: .unsupportedDatabase,
                detail: LocalizedText(
                    "数据库“\(shown)”无法使用:应为 sqlite:文件路径 或 postgres://用户@主机:端口/数据库",
                    en: "database '\(shown)' cannot be used: expected sqlite:PATH or postgres://user@host:port/database"
                )
            )
        }
    }

    /// Opens the store, brings its schema up to date, and lends it to `body`; a PostgreSQL
    /// connection pool runs exactly as long as `body` does.
    public func withStore<T>(
        logger: Logger = Logger(label: "yizhan.store"),
        _ body: (any StationStore) async throws -> T
    ) async throws -> T {
        switch self {
        case .sqlite(let path):
            let store = try SQLiteStore(path: path)
            try await store.migrate()
            logger.debug("store opened", metadata: ["store.backend": "sqlite", "store.path": "\(path)"])
            return try await body(store)
        case .postgres(let url):
            let store = try PostgresStore(url: url, logger: logger)
            return try await store.withConnectionPool {
                try await store.migrate()
                logger.debug("store opened", metadata: ["store.backend": "postgres", "store.url": "\(self)"])
                return try await body(store)
            }
        }
    }

    /// The location with any password replaced by `***`, safe to print and log.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): Self.redacted(url)
        }
    }

    private static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? "***"
    }
}
