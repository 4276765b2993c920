public import Foundation

/// What a backup file (`yizhan db backup`) says of itself: `manifest.json` beside the database
/// copy in the ZIP, read and checked by `yizhan db restore` before anything is written.
public struct BackupManifest: Hashable, Sendable, Codable {
    /// The `format` every Yizhan backup carries.
    public static let formatName = "yizhan-backup"
    /// The manifest's layout this build writes and reads.
    public static let currentFormatVersion = 1
    /// The manifest's name in the ZIP.
    public static let entryName = "manifest.json"
    /// The database copy's name in the ZIP.
    public static let databaseEntryName = "yizhan.sqlite"

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
