public import Foundation
public import YizhanKernel

/// The county's record of what was done with personal data (PIPL art. 54's audits): every reveal,
/// every export unmasked, every erasure, reseal and key rotation, from the event log, with who, when, whose
/// and why. It names people by their Yizhan ids only, never by their data.
public struct PersonalDataAudit: Sendable, Hashable, Codable {
    /// What was done.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Data shown unmasked (`personaldata.revealed`).
        case revealed
        /// A file written with data unmasked (`personaldata.exported`).
        case exported
        /// Data sealed again, bound to its rows (`personaldata.resealed`).
        case resealed
        /// Everyone's data sealed again under a new key (`key.rotated`).
        case keyRotated
        /// A person's data erased (`personaldata.erased`).
        case erased

        /// The kind's name in `language`.
        public func label(in language: Language) -> String {
            switch (self, language) {
            case (.revealed, .zhHans): "查看原文"
            case (.exported, .zhHans): "导出原文"
            case (.resealed, .zhHans): "重新加密"
            case (.keyRotated, .zhHans): "轮换密钥"
            case (.erased, .zhHans): "删除"
            case (_, .en): rawValue
            }
        }
    }

    /// One thing done with personal data.
    public struct Entry: Sendable, Hashable, Codable {
        /// The event's sequence, to find it in `yizhan events`.
        public var sequence: Int64
        /// When.
        public var at: Date
        /// Who: the account, token or command that did it.
        public var actor: String
        /// What.
        public var kind: Kind
        /// The client whose data it was, for a reveal of a client's.
        public var client: ClientID?
        /// The volunteer whose data it was, for a reveal of a volunteer's.
        public var volunteer: VolunteerID?
        /// The resident request whose content it was, for a reveal of a request's.
        public var request: RequestID?
        /// The ledger written (`clients`, `volunteers`), for an export.
        public var ledger: String?
        /// How many people: the export's, or the clients and volunteers sealed again.
        public var people: Int?
        /// The station the people belong to, if one.
        public var station: StationID?
        /// The fields shown (`name`, `idNumber`, `phone`), for a reveal.
        public var fields: [String]
        /// Why, as the purpose chosen (absent from reveals recorded before purposes).
        public var purpose: RevealPurpose?
        /// Why, for an erasure.
        public var erasure: ErasureReason?
        /// The file's SHA-256 for an export; the two fingerprints for a rotation.
        public var detail: String
    }

    /// The entries, oldest first.
    public var entries: [Entry]

    /// Reads every event of the kinds above from `store`, in `days` (Shanghai) when given, at
    /// `station` when given.
    public static func build(
        from store: any StationStore,
        days: ClosedRange<CivilDate>? = nil,
        station: StationID? = nil,
        batchSize: Int = 5_000
    ) async throws -> PersonalDataAudit {
        var entries: [Entry] = []
        var cursor = EventSequence.start
        while true {
            let batch = try await store.events(after: cursor, limit: batchSize)
            guard let last = batch.last else { break }
            cursor = last.sequence
            for stored in batch {
                guard let entry = try entry(of: stored) else { continue }
                if let days, !days.contains(CivilDate(shanghaiDayOf: entry.at.timeIntervalSince1970)) { continue }
                if let station, entry.station != station { continue }
                entries.append(entry)
            }
        }
        return PersonalDataAudit(entries: entries)
    }

    /// The entry an event makes, if it is one of the kinds above.
    static func entry(of stored: StoredEvent) throws -> Entry? {
        let event = stored.event
        var entry = Entry(
            sequence: stored.sequence.rawValue,
            at: event.occurredAt,
            actor: event.actor.rawValue,
            kind: .revealed,
            station: event.station,
            fields: [],
            purpose: nil,
            detail: ""
        )
        switch event.type {
        case .personalDataRevealed:
            let payload = try event.decodePayload(as: PersonalDataRevealed.self)
            entry.client = payload.client
            entry.volunteer = payload.volunteer
            entry.request = payload.request
            entry.station = payload.station
            entry.fields = payload.fields
            entry.purpose = payload.purpose
        case .personalDataExported:
            let payload = try event.decodePayload(as: PersonalDataExported.self)
            entry.kind = .exported
            entry.ledger = payload.ledger
            entry.people = payload.people
            entry.station = payload.station
            entry.purpose = payload.purpose
            entry.detail = "\(payload.format) SHA-256 \(payload.sha256.prefix(16))…"
        case .personalDataResealed:
            let payload = try event.decodePayload(as: PersonalDataResealed.self)
            entry.kind = .resealed
            entry.people = payload.clients + payload.volunteers
        case .keyRotated:
            let payload = try event.decodePayload(as: KeyRotated.self)
            entry.kind = .keyRotated
            entry.people = payload.clients + payload.volunteers
            entry.detail = "\(payload.from.prefix(8))… → \(payload.to.prefix(8))…"
        case .personalDataErased:
            let payload = try event.decodePayload(as: PersonalDataErased.self)
            entry.kind = .erased
            entry.client = payload.client
            entry.volunteer = payload.volunteer
            entry.station = payload.station
            entry.erasure = payload.reason
        default:
            return nil
        }
        return entry
    }
}
