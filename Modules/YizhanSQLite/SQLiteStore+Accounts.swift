public import Foundation
import GRDB
public import YizhanKernel

/// Accounts, tokens, sessions and the sign-in throttle (issue 23), in the workspace's database.
extension SQLiteStore {
    /// Users, their grants (JSON), tokens kept as hashes, sessions kept as hashes, and failed
    /// sign-ins by subject (an account id or an address's keyed digest, never the address).
    static let v29Accounts = """
        CREATE TABLE user_account (
            id TEXT PRIMARY KEY NOT NULL,
            login TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 3 AND 32),
            display_name TEXT NOT NULL CHECK (display_name <> ''),
            password_hash TEXT NOT NULL CHECK (password_hash <> ''),
            grants TEXT NOT NULL CHECK (json_valid(grants) AND json_type(grants) = 'array'),
            disabled INTEGER NOT NULL CHECK (disabled IN (0, 1)),
            credentials_version INTEGER NOT NULL CHECK (credentials_version >= 1),
            created_at_ms INTEGER NOT NULL
        );
        CREATE TABLE api_token (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL CHECK (name <> ''),
            secret_hash TEXT NOT NULL UNIQUE CHECK (length(secret_hash) = 64),
            grant_json TEXT NOT NULL CHECK (json_valid(grant_json) AND json_type(grant_json) = 'object'),
            created_by TEXT REFERENCES user_account(id),
            created_at_ms INTEGER NOT NULL,
            expires_at_ms INTEGER NOT NULL CHECK (expires_at_ms > created_at_ms),
            revoked_at_ms INTEGER
        );
        CREATE TABLE access_session (
            secret_hash TEXT PRIMARY KEY NOT NULL CHECK (length(secret_hash) = 64),
            user_id TEXT NOT NULL REFERENCES user_account(id),
            credentials_version INTEGER NOT NULL,
            csrf_secret TEXT NOT NULL CHECK (csrf_secret <> ''),
            started_at_ms INTEGER NOT NULL,
            last_seen_at_ms INTEGER NOT NULL CHECK (last_seen_at_ms >= started_at_ms)
        ) WITHOUT ROWID;
        CREATE INDEX access_session_started ON access_session (started_at_ms);
        CREATE TABLE login_failure (
            subject TEXT NOT NULL CHECK (subject <> ''),
            at_ms INTEGER NOT NULL
        );
        CREATE INDEX login_failure_subject ON login_failure (subject, at_ms);
        """

    static let accountColumns =
        "id, login, display_name, password_hash, grants, disabled, credentials_version, created_at_ms"
    static let tokenColumns =
        "id, name, secret_hash, grant_json, created_by, created_at_ms, expires_at_ms, revoked_at_ms"

    static func upsert(_ account: UserAccount, in db: Database) throws {
        try run(
            db,
            "user_account",
            """
            INSERT INTO user_account (\(accountColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET login = excluded.login, display_name = excluded.display_name,
                password_hash = excluded.password_hash, grants = excluded.grants, disabled = excluded.disabled,
                credentials_version = excluded.credentials_version
            """,
            [
                account.id.rawValue, account.login.rawValue, account.displayName, account.passwordHash,
                Grant.encodedList(account.grants), account.isDisabled, account.credentialsVersion,
                account.createdAt.millisecondsSince1970,
            ]
        )
    }

    static func upsert(_ token: APIToken, in db: Database) throws {
        try run(
            db,
            "api_token",
            """
            INSERT INTO api_token (\(tokenColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, revoked_at_ms = excluded.revoked_at_ms
            """,
            [
                token.id.rawValue, token.name, token.secretHash, token.grant.encodedText, token.createdBy?.rawValue,
                token.createdAt.millisecondsSince1970,
                token.expiresAt.millisecondsSince1970, token.revokedAt?.millisecondsSince1970,
            ]
        )
    }

    static func account(_ row: Row) throws -> UserAccount {
        let login: String = try row.decode(forColumn: "login")
        return UserAccount(
            id: try id(row, "id"),
            login: try parse(LoginName(rawValue: login), "login"),
            displayName: try row.decode(forColumn: "display_name"),
            passwordHash: try row.decode(forColumn: "password_hash"),
            grants: try Grant.decodeList(try row.decode(forColumn: "grants"), column: "grants"),
            isDisabled: try row.decode(forColumn: "disabled"),
            credentialsVersion: try row.decode(forColumn: "credentials_version"),
            createdAt: Date(millisecondsSince1970: try row.decode(forColumn: "created_at_ms"))
        )
    }

    static func token(_ row: Row) throws -> APIToken {
        let grant: String = try row.decode(forColumn: "grant_json")
        let revoked: Int64? = try row.decode(forColumn: "revoked_at_ms")
        return APIToken(
            id: try id(row, "id"),
            name: try row.decode(forColumn: "name"),
            secretHash: try row.decode(forColumn: "secret_hash"),
            grant: try Grant.decode(grant, column: "grant_json"),
            createdBy: try optionalID(row, "created_by"),
            createdAt: Date(millisecondsSince1970: try row.decode(forColumn: "created_at_ms")),
            expiresAt: Date(millisecondsSince1970: try row.decode(forColumn: "expires_at_ms")),
            revokedAt: revoked.map { Date(millisecondsSince1970: $0) }
        )
    }

    private static func session(_ row: Row) throws -> AccessSession {
        AccessSession(
            secretHash: try row.decode(forColumn: "secret_hash"),
            user: try id(row, "user_id"),
            credentialsVersion: try row.decode(forColumn: "credentials_version"),
            csrfSecret: try row.decode(forColumn: "csrf_secret"),
            startedAt: Date(millisecondsSince1970: try row.decode(forColumn: "started_at_ms")),
            lastSeenAt: Date(millisecondsSince1970: try row.decode(forColumn: "last_seen_at_ms"))
        )
    }

    public func account(_ id: UserID) async throws -> UserAccount? {
        try await read("account") { db in
            try Self.rows(
                db,
                sql: "SELECT \(Self.accountColumns) FROM user_account WHERE id = ?",
                arguments: [id.rawValue]
            )
            .first.map(Self.account)
        }
    }

    public func account(login: LoginName) async throws -> UserAccount? {
        try await read("account") { db in
            try Self.rows(
                db,
                sql: "SELECT \(Self.accountColumns) FROM user_account WHERE login = ?",
                arguments: [login.rawValue]
            )
            .first.map(Self.account)
        }
    }

    public func accounts() async throws -> [UserAccount] {
        try await read("account") { db in
            try Self.rows(db, sql: "SELECT \(Self.accountColumns) FROM user_account ORDER BY login").map(Self.account)
        }
    }

    public func apiToken(secretHash: String) async throws -> APIToken? {
        try await read("token") { db in
            try Self.rows(
                db,
                sql: "SELECT \(Self.tokenColumns) FROM api_token WHERE secret_hash = ?",
                arguments: [secretHash]
            )
            .first.map(Self.token)
        }
    }

    public func apiToken(_ id: TokenID) async throws -> APIToken? {
        try await read("token") { db in
            try Self.rows(db, sql: "SELECT \(Self.tokenColumns) FROM api_token WHERE id = ?", arguments: [id.rawValue])
                .first.map(Self.token)
        }
    }

    public func apiTokens() async throws -> [APIToken] {
        try await read("token") { db in
            try Self.rows(db, sql: "SELECT \(Self.tokenColumns) FROM api_token ORDER BY id DESC").map(Self.token)
        }
    }

    public func startSession(_ session: AccessSession, droppingBefore expiredBefore: Date) async throws {
        try await mapErrors("session") {
            try await pool.write { db in
                try db.execute(
                    sql: "DELETE FROM access_session WHERE started_at_ms < ?",
                    arguments: [expiredBefore.millisecondsSince1970]
                )
                try Self.run(
                    db,
                    "access_session",
                    """
                    INSERT INTO access_session (secret_hash, user_id, credentials_version, csrf_secret, started_at_ms,
                        last_seen_at_ms)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                    [
                        session.secretHash, session.user.rawValue, session.credentialsVersion, session.csrfSecret,
                        session.startedAt.millisecondsSince1970, session.lastSeenAt.millisecondsSince1970,
                    ]
                )
            }
        }
    }

    public func session(secretHash: String) async throws -> AccessSession? {
        try await read("session") { db in
            try Self.rows(
                db,
                sql: """
                    SELECT secret_hash, user_id, credentials_version, csrf_secret, started_at_ms, last_seen_at_ms
                    FROM access_session WHERE secret_hash = ?
                    """,
                arguments: [secretHash]
            )
            .first.map(Self.session)
        }
    }

    public func touchSession(secretHash: String, at instant: Date) async throws {
        try await mapErrors("session") {
            try await pool.write { db in
                try db.execute(
                    sql: "UPDATE access_session SET last_seen_at_ms = max(last_seen_at_ms, ?) WHERE secret_hash = ?",
                    arguments: [instant.millisecondsSince1970, secretHash]
                )
            }
        }
    }

    public func endSession(secretHash: String) async throws {
        try await mapErrors("session") {
            try await pool.write { db in
                try db.execute(sql: "DELETE FROM access_session WHERE secret_hash = ?", arguments: [secretHash])
            }
        }
    }

    public func recordLoginFailures(_ failures: [LoginFailure], event: DomainEvent, forgetBefore: Date) async throws {
        try await mapErrors("login") {
            try await pool.write { db in
                try db.execute(
                    sql: "DELETE FROM login_failure WHERE at_ms < ?",
                    arguments: [forgetBefore.millisecondsSince1970]
                )
                for failure in failures {
                    try Self.run(
                        db,
                        "login_failure",
                        "INSERT INTO login_failure (subject, at_ms) VALUES (?, ?)",
                        [failure.subject, failure.at.millisecondsSince1970]
                    )
                }
                _ = try Self.append(event, in: db)
            }
        }
    }

    public func loginFailures(subject: String, since: Date) async throws -> [Date] {
        try await read("login") { db in
            try Int64.fetchAll(
                db,
                sql: "SELECT at_ms FROM login_failure WHERE subject = ? AND at_ms >= ? ORDER BY at_ms",
                arguments: [subject, since.millisecondsSince1970]
            )
            .map { Date(millisecondsSince1970: $0) }
        }
    }

    public func clearLoginFailures(subject: String) async throws {
        try await mapErrors("login") {
            try await pool.write { db in
                try db.execute(sql: "DELETE FROM login_failure WHERE subject = ?", arguments: [subject])
            }
        }
    }
}
