public import Foundation
import YizhanPostgres
import YizhanSQLite

/// What a backup file (`yizhan db backup`) says of itself: `manifest.json` beside the database
/// copy in the ZIP, read and checked by `yizhan db restore` before anything is written.
public struct BackupManifest: Hashable, Sendable, Codable {
    /// The `format` every Yizhan backup carries.
    public static let formatName = "yizhan-backup"
    /// The newest manifest layout this build reads: `1` for SQLite copies, `2` once the copy may
    /// be a PostgreSQL dump (so that a build that cannot restore one says it is too old).
    public static let currentFormatVersion = 2
    /// The manifest's name in the ZIP.
    public static let entryName = "manifest.json"

    /// The database the copy comes from, and so what the copy is.
    public enum Engine: String, Hashable, Sendable, Codable {
        /// A SQLite file, copied with SQLite's online backup.
        case sqlite
        /// A PostgreSQL schema, dumped with `pg_dump --format=custom`.
        case postgresql

        /// The copy's name in the ZIP.
        public var entryName: String {
            switch self {
            case .sqlite: "yizhan.sqlite"
            case .postgresql: "yizhan.pgdump"
            }
        }

        /// The schema version this build makes for the engine.
        public var schemaVersion: Int {
            switch self {
            case .sqlite: SQLiteStore.schemaVersion
            case .postgresql: PostgresStore.schemaVersion
            }
        }
    }

    /// Always `yizhan-backup`.
    public var format: String
    /// The manifest's layout (`1`).
    public var formatVersion: Int
    /// When the copy was taken.
    public var madeAt: Date
    /// The workspace's name and county, to tell backups apart (no personal data).
    public var workspace: String
    /// The county's six-digit code.
    public var county: String
    /// What the copy is; absent (SQLite) in the backups of layout `1`.
    public var engine: Engine?
    /// The PostgreSQL schema that was dumped (`public` when the URL names none).
    public var schema: String?
    /// How many schema migrations the copy has applied.
    public var schemaVersion: Int
    /// The database copy's size in bytes.
    public var databaseBytes: Int64
    /// SHA-256, hex, of the database copy's bytes.
    public var databaseSHA256: String
    /// How many events the copy holds, and the first and last sequence.
    public var events: Int
    /// The first event's sequence (0 when none).
    public var firstSequence: Int64
    /// The last event's sequence (0 when none): the backup's moment in the event log.
    public var lastSequence: Int64
    /// Sequences missing between the first and the last (0 for a log kept by one store).
    public var sequenceGaps: Int64
    /// Rows per kind and the SHA-256 of every row and event, as `yizhan db copy` verifies them.
    public var tally: StoreCopy.Tally
    /// The check value of the personal-data key the copy is sealed with (never the key itself).
    public var dataKeyFingerprint: String?

    /// What the copy is, `sqlite` when the manifest does not say.
    public var copyEngine: Engine { engine ?? .sqlite }
    /// The copy's name in the ZIP.
    public var databaseEntryName: String { copyEngine.entryName }

    /// The JSON text of the manifest.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// The manifest in `data`, or `nil` when it is not one.
    static func decoded(_ data: Data) -> BackupManifest? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(BackupManifest.self, from: data)
    }
}
