public import Foundation
import Logging
import PostgresNIO
public import YizhanKernel

/// Accounts, tokens, sessions and the sign-in throttle (issue 23), as on SQLite: every server
/// process on the database sees the same sessions and counts the same failures.
extension PostgresStore {
    static let v29Accounts = Migration(
        name: "v29 accounts: users, grants, API tokens, sessions, failed sign-ins",
        statements: [
            """
            CREATE TABLE user_account (
                id TEXT COLLATE "C" PRIMARY KEY,
                login TEXT COLLATE "C" NOT NULL UNIQUE CHECK (length(login) BETWEEN 3 AND 32),
                display_name TEXT NOT NULL CHECK (display_name <> ''),
                password_hash TEXT NOT NULL CHECK (password_hash <> ''),
                grants JSONB NOT NULL CHECK (jsonb_typeof(grants) = 'array'),
                disabled BOOLEAN NOT NULL,
                credentials_version INTEGER NOT NULL CHECK (credentials_version >= 1),
                created_at_ms BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE api_token (
                id TEXT COLLATE "C" PRIMARY KEY,
                name TEXT NOT NULL CHECK (name <> ''),
                secret_hash TEXT COLLATE "C" NOT NULL UNIQUE CHECK (length(secret_hash) = 64),
                grant_json JSONB NOT NULL CHECK (jsonb_typeof(grant_json) = 'object'),
                created_by TEXT COLLATE "C" REFERENCES user_account(id),
                created_at_ms BIGINT NOT NULL,
                expires_at_ms BIGINT NOT NULL CHECK (expires_at_ms > created_at_ms),
                revoked_at_ms BIGINT
            )
            """,
            """
            CREATE TABLE access_session (
                secret_hash TEXT COLLATE "C" PRIMARY KEY CHECK (length(secret_hash) = 64),
                user_id TEXT COLLATE "C" NOT NULL REFERENCES user_account(id),
                credentials_version INTEGER NOT NULL,
                csrf_secret TEXT NOT NULL CHECK (csrf_secret <> ''),
                started_at_ms BIGINT NOT NULL,
                last_seen_at_ms BIGINT NOT NULL CHECK (last_seen_at_ms >= started_at_ms)
            )
            """,
            "CREATE INDEX access_session_started ON access_session (started_at_ms)",
            """
            CREATE TABLE login_failure (
                subject TEXT COLLATE "C" NOT NULL CHECK (subject <> ''),
                at_ms BIGINT NOT NULL
            )
            """,
            "CREATE INDEX login_failure_subject ON login_failure (subject, at_ms)",
        ]
    )

    static let accountColumns = """
        id, login, display_name, password_hash, grants::text AS grants, disabled, credentials_version, created_at_ms
        """
    static let tokenColumns = """
        id, name, secret_hash, grant_json::text AS grant_json, created_by, created_at_ms, expires_at_ms, revoked_at_ms
        """

    static func upsert(_ account: UserAccount, on connection: PostgresConnection, logger: Logger) async throws {
        let grants = Grant.encodedList(account.grants)
        try await connection.query(
            """
            INSERT INTO user_account (id, login, display_name, password_hash, grants, disabled, credentials_version,
                created_at_ms)
            VALUES (\(account.id.rawValue), \(account.login.rawValue), \(account.displayName), \(account.passwordHash),
                \(grants)::jsonb, \(account.isDisabled), \(account.credentialsVersion),
                \(account.createdAt.millisecondsSince1970))
            ON CONFLICT (id) DO UPDATE SET login = excluded.login, display_name = excluded.display_name,
                password_hash = excluded.password_hash, grants = excluded.grants, disabled = excluded.disabled,
                credentials_version = excluded.credentials_version
            """,
            logger: logger
        )
    }

    static func upsert(_ token: APIToken, on connection: PostgresConnection, logger: Logger) async throws {
        let grant = token.grant.encodedText
        try await connection.query(
            """
            INSERT INTO api_token (id, name, secret_hash, grant_json, created_by, created_at_ms, expires_at_ms,
                revoked_at_ms)
            VALUES (\(token.id.rawValue), \(token.name), \(token.secretHash), \(grant)::jsonb,
                \(token.createdBy?.rawValue), \(token.createdAt.millisecondsSince1970),
                \(token.expiresAt.millisecondsSince1970), \(token.revokedAt?.millisecondsSince1970))
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, revoked_at_ms = excluded.revoked_at_ms
            """,
            logger: logger
        )
    }

    static func account(_ row: PostgresRow) throws -> UserAccount {
        let cells = row.makeRandomAccess()
        return UserAccount(
            id: try id(cells, "id"),
            login: try parse(LoginName(rawValue: try cells["login"].decode(String.self)), "login"),
            displayName: try cells["display_name"].decode(String.self),
            passwordHash: try cells["password_hash"].decode(String.self),
            grants: try Grant.decodeList(try cells["grants"].decode(String.self), column: "grants"),
            isDisabled: try cells["disabled"].decode(Bool.self),
            credentialsVersion: try cells["credentials_version"].decode(Int.self),
            createdAt: Date(millisecondsSince1970: try cells["created_at_ms"].decode(Int64.self))
        )
    }

    static func token(_ row: PostgresRow) throws -> APIToken {
        let cells = row.makeRandomAccess()
        return APIToken(
            id: try id(cells, "id"),
            name: try cells["name"].decode(String.self),
            secretHash: try cells["secret_hash"].decode(String.self),
            grant: try Grant.decode(try cells["grant_json"].decode(String.self), column: "grant_json"),
            createdBy: try optionalID(cells, "created_by"),
            createdAt: Date(millisecondsSince1970: try cells["created_at_ms"].decode(Int64.self)),
            expiresAt: Date(millisecondsSince1970: try cells["expires_at_ms"].decode(Int64.self)),
            revokedAt: try cells["revoked_at_ms"].decode(Int64?.self).map { Date(millisecondsSince1970: $0) }
        )
    }

    private static func session(_ row: PostgresRow) throws -> AccessSession {
        let cells = row.makeRandomAccess()
        return AccessSession(
            secretHash: try cells["secret_hash"].decode(String.self),
            user: try id(cells, "user_id"),
            credentialsVersion: try cells["credentials_version"].decode(Int.self),
            csrfSecret: try cells["csrf_secret"].decode(String.self),
            startedAt: Date(millisecondsSince1970: try cells["started_at_ms"].decode(Int64.self)),
            lastSeenAt: Date(millisecondsSince1970: try cells["last_seen_at_ms"].decode(Int64.self))
        )
    }

    public func account(_ id: UserID) async throws -> UserAccount? {
        try await read("user_account") { connection, logger in
            try await connection.query(
                "SELECT \(unescaped: Self.accountColumns) FROM user_account WHERE id = \(id.rawValue)",
                logger: logger
            ).collect().first.map(Self.account)
        }
    }

    public func account(login: LoginName) async throws -> UserAccount? {
        try await read("user_account") { connection, logger in
            try await connection.query(
                "SELECT \(unescaped: Self.accountColumns) FROM user_account WHERE login = \(login.rawValue)",
                logger: logger
            ).collect().first.map(Self.account)
        }
    }

    public func accounts() async throws -> [UserAccount] {
        try await read("user_account") { connection, logger in
            try await connection.query(
                "SELECT \(unescaped: Self.accountColumns) FROM user_account ORDER BY login",
                logger: logger
            ).collect().map(Self.account)
        }
    }

    public func apiToken(secretHash: String) async throws -> APIToken? {
        try await read("api_token") { connection, logger in
            try await connection.query(
                "SELECT \(unescaped: Self.tokenColumns) FROM api_token WHERE secret_hash = \(secretHash)",
                logger: logger
            ).collect().first.map(Self.token)
        }
    }

    public func apiToken(_ id: TokenID) async throws -> APIToken? {
        try await read("api_token") { connection, logger in
            try await connection.query(
                "SELECT \(unescaped: Self.tokenColumns) FROM api_token WHERE id = \(id.rawValue)",
                logger: logger
            ).collect().first.map(Self.token)
        }
    }

    public func apiTokens() async throws -> [APIToken] {
        try await read("api_token") { connection, logger in
            try await connection.query(
                "SELECT \(unescaped: Self.tokenColumns) FROM api_token ORDER BY id DESC",
                logger: logger
            ).collect().map(Self.token)
        }
    }

    public func startSession(_ session: AccessSession, droppingBefore expiredBefore: Date) async throws {
        try await mapErrors("access_session") {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query(
                    "DELETE FROM access_session WHERE started_at_ms < \(expiredBefore.millisecondsSince1970)",
                    logger: logger
                )
                try await connection.query(
                    """
                    INSERT INTO access_session (secret_hash, user_id, credentials_version, csrf_secret, started_at_ms,
                        last_seen_at_ms)
                    VALUES (\(session.secretHash), \(session.user.rawValue), \(session.credentialsVersion),
                        \(session.csrfSecret), \(session.startedAt.millisecondsSince1970),
                        \(session.lastSeenAt.millisecondsSince1970))
                    """,
                    logger: logger
                )
            }
        }
    }

    public func session(secretHash: String) async throws -> AccessSession? {
        try await read("access_session") { connection, logger in
            try await connection.query(
                """
                SELECT secret_hash, user_id, credentials_version, csrf_secret, started_at_ms, last_seen_at_ms
                FROM access_session WHERE secret_hash = \(secretHash)
                """,
                logger: logger
            ).collect().first.map(Self.session)
        }
    }

    public func touchSession(secretHash: String, at instant: Date) async throws {
        try await read("access_session") { connection, logger in
            _ = try await connection.query(
                """
                UPDATE access_session SET last_seen_at_ms = GREATEST(last_seen_at_ms, \(instant.millisecondsSince1970))
                WHERE secret_hash = \(secretHash)
                """,
                logger: logger
            )
        }
    }

    public func endSession(secretHash: String) async throws {
        try await read("access_session") { connection, logger in
            _ = try await connection.query(
                "DELETE FROM access_session WHERE secret_hash = \(secretHash)",
                logger: logger
            )
        }
    }

    public func recordLoginFailures(_ failures: [LoginFailure], event: DomainEvent, forgetBefore: Date) async throws {
        try await mapErrors("login_failure") {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query(
                    "DELETE FROM login_failure WHERE at_ms < \(forgetBefore.millisecondsSince1970)",
                    logger: logger
                )
                if !failures.isEmpty {
                    try await connection.query(
                        """
                        INSERT INTO login_failure (subject, at_ms)
                        SELECT * FROM unnest(\(failures.map(\.subject))::text[],
                            \(failures.map(\.at.millisecondsSince1970))::bigint[])
                        """,
                        logger: logger
                    )
                }
                _ = try await Self.append([event], on: connection, logger: logger)
            }
        }
    }

    public func loginFailures(subject: String, since: Date) async throws -> [Date] {
        try await read("login_failure") { connection, logger in
            try await connection.query(
                """
                SELECT at_ms FROM login_failure WHERE subject = \(subject) AND at_ms >= \(since.millisecondsSince1970)
                ORDER BY at_ms
                """,
                logger: logger
            ).collect().map { Date(millisecondsSince1970: try $0.decode(Int64.self)) }
        }
    }

    public func clearLoginFailures(subject: String) async throws {
        try await read("login_failure") { connection, logger in
            _ = try await connection.query("DELETE FROM login_failure WHERE subject = \(subject)", logger: logger)
        }
    }
}
