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

    /// Whether values sealed before binding are left (a workspace bound under the interim v21):
    /// looked for once, here, instead of on every open.
    static let v25ResealPending = """
        CREATE TABLE reseal_pending (id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1));
        INSERT INTO reseal_pending (id) SELECT 1 WHERE
            EXISTS (SELECT 1 FROM client WHERE substr(name_sealed, 1, 3) = 'v1:' OR substr(id_number_sealed, 1, 3) = 'v1:'
                OR substr(phone_sealed, 1, 3) = 'v1:')
            OR EXISTS (SELECT 1 FROM volunteer WHERE substr(name_sealed, 1, 3) = 'v1:'
                OR substr(id_number_sealed, 1, 3) = 'v1:' OR substr(phone_sealed, 1, 3) = 'v1:');
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

    /// Replaces the bound check value `from` by `to`; breaks the change unless `from` is bound and
    /// `sealedRows` rows hold sealed data (people, requests, notes).
    static func rotateDataKey(from: String, to: String, sealedRows: Int, in db: Database) throws {
        try run(
            db,
            "data_key",
            """
            UPDATE data_key SET check_value = ? WHERE id = 1 AND check_value = ?
                AND (SELECT COUNT(*) FROM client WHERE name_sealed IS NOT NULL)
                    + (SELECT COUNT(*) FROM volunteer WHERE name_sealed IS NOT NULL)
                    + (SELECT COUNT(*) FROM resident_request)
                    + (SELECT COUNT(*) FROM request_step WHERE note_sealed IS NOT NULL) = ?
            """,
            [to, from, sealedRows]
        )
        guard db.changesCount == 1 else {
            throw StoreError(
                code: .constraintViolation,
                location: "data_key",
                reason: "the bound key is no longer the one being rotated, or people were registered meanwhile"
            )
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

    /// Whether the v25 migration found values sealed before binding, not yet sealed again.
    public func isResealPending() async throws -> Bool {
        try await mapErrors("reseal_pending") {
            try await pool.read { db in
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM reseal_pending)") ?? false
            }
        }
    }

    /// Clears the record that values are left to seal again.
    public func finishReseal() async throws {
        try await mapErrors("reseal_pending") {
            try await pool.write { db in try db.execute(sql: "DELETE FROM reseal_pending") }
        }
    }
}
