import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// The one-row table of the bound data key's check value.
    static let v21DataKey = Migration(
        name: "v21 data key: the check value of the key personal data is sealed with",
        statements: [
            """
            CREATE TABLE data_key (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                check_value TEXT NOT NULL CHECK (length(check_value) = 32)
            )
            """
        ]
    )

    /// Whether values sealed before binding are left (a workspace bound under the interim v21):
    /// looked for once, here, instead of on every open.
    static let v25ResealPending = Migration(
        name: "v25 reseal: whether values sealed before binding are left",
        statements: [
            """
            CREATE TABLE reseal_pending (id INTEGER PRIMARY KEY CHECK (id = 1))
            """,
            """
            INSERT INTO reseal_pending (id) SELECT 1 WHERE
                EXISTS (SELECT 1 FROM client WHERE left(name_sealed, 3) = 'v1:' OR left(id_number_sealed, 3) = 'v1:'
                    OR left(phone_sealed, 3) = 'v1:')
                OR EXISTS (SELECT 1 FROM volunteer WHERE left(name_sealed, 3) = 'v1:' OR left(id_number_sealed, 3) = 'v1:'
                    OR left(phone_sealed, 3) = 'v1:')
            """,
        ]
    )

    /// The bound key's check value, if any.
    public func dataKeyCheck() async throws -> String? {
        try await read("data_key") { connection, logger in
            try await connection.query("SELECT check_value FROM data_key WHERE id = 1", logger: logger).collect()
                .first?.decode(String.self)
        }
    }

    /// Binds `check` unless a key is bound already; returns the check value bound now.
    public func bindDataKey(check: String) async throws -> String {
        try await read("data_key") { connection, logger in
            _ = try await connection.query(
                "INSERT INTO data_key (id, check_value) VALUES (1, \(check)) ON CONFLICT (id) DO NOTHING",
                logger: logger
            ).collect()
            return try await connection.query("SELECT check_value FROM data_key WHERE id = 1", logger: logger)
                .collect().first?.decode(String.self) ?? check
        }
    }

    /// Replaces the bound check value `from` by `to`; breaks the change unless `from` is bound and
    /// `sealedRows` rows hold sealed data (people, requests, notes).
    static func rotateDataKey(
        from: String,
        to: String,
        sealedRows: Int,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        let rotated = try await connection.query(
            """
            UPDATE data_key SET check_value = \(to) WHERE id = 1 AND check_value = \(from)
                AND (SELECT COUNT(*) FROM client WHERE name_sealed IS NOT NULL)
                    + (SELECT COUNT(*) FROM volunteer WHERE name_sealed IS NOT NULL)
                    + (SELECT COUNT(*) FROM resident_request)
                    + (SELECT COUNT(*) FROM request_step WHERE note_sealed IS NOT NULL) = \(sealedRows)
            RETURNING id
            """,
            logger: logger
        ).collect()
        guard rotated.count == 1 else {
            throw StoreError(
                code: .constraintViolation,
                location: "data_key",
                reason: "the bound key is no longer the one being rotated, or people were registered meanwhile"
            )
        }
    }

    /// One client's sealed data, or else one volunteer's.
    public func sealedPersonalDataSample() async throws -> SealedPersonalDataSample? {
        try await read("client") { connection, logger in
            for (table, query): (String, PostgresQuery) in [
                (
                    "client",
                    """
                    SELECT id, name_sealed, id_number_sealed, id_number_digest, phone_sealed, phone_digest
                    FROM client WHERE name_sealed IS NOT NULL ORDER BY id LIMIT 1
                    """
                ),
                (
                    "volunteer",
                    """
                    SELECT id, name_sealed, id_number_sealed, id_number_digest, phone_sealed, phone_digest
                    FROM volunteer WHERE name_sealed IS NOT NULL ORDER BY id LIMIT 1
                    """
                ),
            ] {
                if let row = try await connection.query(query, logger: logger).collect().first,
                    let sealed = try Self.sealed(row.makeRandomAccess())
                {
                    let id = try row.makeRandomAccess()["id"].decode(String.self)
                    let owner: PersonalDataOwner =
                        table == "client" ? .client(try ClientID(id)) : .volunteer(try VolunteerID(id))
                    return SealedPersonalDataSample(owner: owner, sealed: sealed)
                }
            }
            return nil
        }
    }

    /// Whether the v25 migration found values sealed before binding, not yet sealed again.
    public func isResealPending() async throws -> Bool {
        try await read("reseal_pending") { connection, logger in
            try await connection.query("SELECT EXISTS (SELECT 1 FROM reseal_pending)", logger: logger).collect()
                .first?.decode(Bool.self) ?? false
        }
    }

    /// Clears the record that values are left to seal again.
    public func finishReseal() async throws {
        try await read("reseal_pending") { connection, logger in
            _ = try await connection.query("DELETE FROM reseal_pending", logger: logger).collect()
        }
    }
}
