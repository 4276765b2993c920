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

    /// Whether any client's or volunteer's sealed value begins with `prefix`.
    public func holdsPersonalData(sealedWith prefix: String) async throws -> Bool {
        try await read("client") { connection, logger in
            let rows = try await connection.query(
                """
                SELECT EXISTS (SELECT 1 FROM client WHERE left(name_sealed, length(\(prefix))) = \(prefix)
                        OR left(id_number_sealed, length(\(prefix))) = \(prefix) OR left(phone_sealed, length(\(prefix))) = \(prefix))
                    OR EXISTS (SELECT 1 FROM volunteer WHERE left(name_sealed, length(\(prefix))) = \(prefix)
                        OR left(id_number_sealed, length(\(prefix))) = \(prefix) OR left(phone_sealed, length(\(prefix))) = \(prefix))
                """,
                logger: logger
            ).collect()
            return try rows.first?.decode(Bool.self) ?? false
        }
    }
}
