public import Foundation
public import PostgresNIO
import YizhanKernel

/// A `postgres://user[:password]@host[:port]/database[?sslmode=…&search_path=SCHEMA]` URL.
///
/// `sslmode` is `disable`, `prefer` (the default) or `require`; `search_path` names the schema the
/// workspace lives in (several workspaces can share one database). The password may also come from
/// `PGPASSWORD`, so that it need not be written in `yizhan.yaml`.
public struct PostgresURL: Sendable {
    /// The client configuration the URL describes.
    public private(set) var configuration: PostgresClient.Configuration
    /// The schema named by `search_path`, if any.
    public private(set) var schema: String?
    /// The `sslmode` (`disable`, `prefer` or `require`), as libpq names it too.
    public let sslMode: String

    /// Parses `text`.
    ///
    /// - Throws: `StoreError` `.unavailable` naming what is missing; the password is never echoed.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        func refuse(_ reason: String) -> StoreError {
            StoreError(code: .unavailable, location: "postgres URL", reason: reason)
        }
        guard let components = URLComponents(string: text),
            components.scheme == "postgres" || components.scheme == "postgresql"
        else { throw refuse("expected postgres://user@host:port/database") }
        guard let host = components.host, !host.isEmpty else { throw refuse("the URL has no host") }
        guard let user = components.user, !user.isEmpty else { throw refuse("the URL has no user") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else { throw refuse("the URL has no database") }
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        let tls: PostgresClient.Configuration.TLS
        switch mode {
        case "disable": tls = .disable
        case "prefer": tls = .prefer(.makeClientConfiguration())
        case "require": tls = .require(.makeClientConfiguration())
        default: throw refuse("sslmode must be disable, prefer or require")
        }
        var configuration = PostgresClient.Configuration(
            host: host,
            port: components.port ?? 5432,
            username: user,
            password: components.password ?? environment["PGPASSWORD"],
            database: database,
            tls: tls
        )
        sslMode = mode
        schema = components.queryItems?.first { $0.name == "search_path" }?.value
        if let schema {
            guard schema.range(of: "^[a-z_][a-z0-9_]{0,62}$", options: .regularExpression) != nil else {
                throw refuse("search_path must be a lower-case schema name of letters, digits and _")
            }
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        self.configuration = configuration
    }

    /// The schema the workspace's tables are in: `search_path`'s, or PostgreSQL's `public`.
    public var schemaName: String { schema ?? "public" }

    /// The user the URL connects as.
    public var user: String { configuration.username }
    /// The database the URL names.
    public var database: String { configuration.database ?? configuration.username }

    /// The same server and user on the database `name`, in `schema` (none: the server's default).
    public func onDatabase(_ name: String, schema: String? = nil) -> PostgresURL {
        var url = self
        url.configuration.database = name
        url.schema = schema
        url.configuration.options.additionalStartupParameters = schema.map { [("search_path", $0)] } ?? []
        return url
    }

    /// The libpq variables (`PGHOST` …) that let PostgreSQL's own tools (`pg_dump`, `pg_restore`)
    /// reach the same database, so that no password is ever on a command line.
    public var libpqEnvironment: [String: String] {
        var environment = [
            "PGHOST": configuration.host ?? "127.0.0.1",
            "PGPORT": String(configuration.port ?? 5432),
            "PGUSER": configuration.username,
            "PGDATABASE": database,
            "PGSSLMODE": sslMode,
        ]
        environment["PGPASSWORD"] = configuration.password
        return environment
    }
}
