import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// The one-row table of the bound data key's check value.
    static let v21DataKey = """
        CREATE TABLE data_key (
            id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
            check_value TEXT NOT NULL CHECK (length(check_value) = 32)
        );
        """

    /// The bound key's check value, if any.
    public func dataKeyCheck() async throws -> String? {
        try await mapErrors("data_key") {
            try await pool.read { db in try String.fetchOne(db, sql: "SELECT check_value FROM data_key WHERE id = 1") }
        }
    }

    /// Binds `check` unless a key is bound already; returns the check value bound now.
    public func bindDataKey(check: String) async throws -> String {
        try await mapErrors("data_key") {
            try await pool.write { db in
                try db.execute(
                    sql: "INSERT INTO data_key (id, check_value) VALUES (1, ?) ON CONFLICT (id) DO NOTHING",
                    arguments: [check]
                )
                return try String.fetchOne(db, sql: "SELECT check_value FROM data_key WHERE id = 1") ?? check
            }
        }
    }

    /// One client's sealed data, or else one volunteer's.
    public func sealedPersonalDataSample() async throws -> SealedPersonalDataSample? {
        try await mapErrors("client") {
            try await pool.read { db in
                for table in ["client", "volunteer"] {
                    let row = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT id, name_sealed, id_number_sealed, id_number_digest, phone_sealed, phone_digest
                            FROM \(table) WHERE name_sealed IS NOT NULL ORDER BY id LIMIT 1
                            """
                    )
                    if let row, let sealed = try Self.sealed(row) {
                        let id: String = try row.decode(forColumn: "id")
                        let owner: PersonalDataOwner =
                            table == "client" ? .client(try ClientID(id)) : .volunteer(try VolunteerID(id))
                        return SealedPersonalDataSample(owner: owner, sealed: sealed)
                    }
                }
                return nil
            }
        }
    }

    /// Whether any client's or volunteer's sealed value begins with `prefix`.
    public func holdsPersonalData(sealedWith prefix: String) async throws -> Bool {
        try await mapErrors("client") {
            try await pool.read { db in
                try ["client", "volunteer"].contains { table in
                    try Bool.fetchOne(
                        db,
                        sql: """
                            SELECT EXISTS (SELECT 1 FROM \(table) WHERE substr(name_sealed, 1, length(:p)) = :p
                                OR substr(id_number_sealed, 1, length(:p)) = :p OR substr(phone_sealed, 1, length(:p)) = :p)
                            """,
                        arguments: ["p": prefix]
                    ) ?? false
                }
            }
        }
    }
}
