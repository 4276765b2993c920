import Foundation

/// One piece of work a station did: a case contact, a group session, an activity, a visit, a
/// referral, a consultation or a training given — the row behind every person-times figure.
///
/// Person-times (服务人次) are counted one way everywhere: each named participant counts once per
/// record, and a record with a head-count instead of names counts that head-count. Trainings given
/// count towards training person-times (培训人次) and not towards service person-times, the two
/// headline figures of seed 000 §二.一 (“服务对象两万余人次,培训2000余人次”).
public struct ServiceRecord: Hashable, Sendable, Codable, Identifiable {
    /// The record's identifier.
    public var id: ServiceRecordID
    /// The station that did the work.
    public var station: StationID
    /// What kind of work it was.
    public var kind: ServiceKind
    /// The civil date (Asia/Shanghai) the work happened.
    public var date: CivilDate
    /// How long it took, in minutes.
    public var durationMinutes: Int
    /// The village or community where it happened, if not at the station.
    public var village: DivisionCode?
    /// The workers who did it.
    public var workers: [WorkerID]
    /// Workers as a ledger named them where the name matched no worker of the station (a
    /// nickname, 王社工): kept as written until a correction names the worker (issue 22.2).
    public var workerNames: [String]
    /// Who took part: named clients, or a head-count.
    public var participants: Participants
    /// The program it was done under, if any.
    public var program: ProgramID?
    /// The program's configuration version when the record was made.
    public var programVersion: Int?
    /// The sub-project it was done under, if any.
    public var subProject: SubProjectID?
    /// The ledger row it was imported from, if any: importing the same row again finds it here.
    public var ledgerKey: LedgerRowKey?
    /// The group whose session it was, for a group session.
    public var group: GroupID?
    /// The brand plugins' extra fields (e.g. `baibu-159.bridge` → `bridge2`), by field id; checked
    /// by `RecordService` against the fields the plugins serving the station registered.
    public var fields: [String: String]
    /// How many photos of the work the station keeps (活动照片): each named participant must have
    /// consented to 照片影像使用 when there are any.
    public var photos: Int

    /// Creates a record. Validation of the values against the station is `RecordService`'s job.
    public init(
        id: ServiceRecordID,
        station: StationID,
        kind: ServiceKind,
        date: CivilDate,
        durationMinutes: Int,
        village: DivisionCode? = nil,
        workers: [WorkerID] = [],
        workerNames: [String] = [],
        participants: Participants,
        program: ProgramID? = nil,
        programVersion: Int? = nil,
        subProject: SubProjectID? = nil,
        ledgerKey: LedgerRowKey? = nil,
        group: GroupID? = nil,
        fields: [String: String] = [:],
        photos: Int = 0
    ) {
        self.id = id
        self.station = station
        self.kind = kind
        self.date = date
        self.durationMinutes = durationMinutes
        self.village = village
        self.workers = workers
        self.workerNames = workerNames
        self.participants = participants
        self.program = program
        self.programVersion = programVersion
        self.subProject = subProject
        self.ledgerKey = ledgerKey
        self.group = group
        self.fields = fields
        self.photos = photos
    }

    /// The person-times this record counts: named participants, or the head-count.
    public var personTimes: Int { participants.count }

    /// Whether the record counts towards training person-times rather than service person-times.
    public var isTraining: Bool { kind == .training }

    /// The extra fields as the stores keep them: a JSON object with sorted keys, or `nil` for none.
    public var encodedFields: String? {
        guard !fields.isEmpty else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(fields) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The workers' names as the stores keep them: a JSON array, or `nil` for none.
    public var encodedWorkerNames: String? {
        guard !workerNames.isEmpty, let data = try? JSONEncoder().encode(workerNames) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The workers' names from their stored JSON (`nil` or empty: none), as both stores read them.
    ///
    /// - Throws: `StoreError` `.backend` when the text is not a JSON array of strings.
    public static func decodeWorkerNames(_ json: String?) throws(StoreError) -> [String] {
        guard let json, !json.isEmpty else { return [] }
        do {
            return try JSONDecoder().decode([String].self, from: Data(json.utf8))
        } catch {
            throw StoreError(
                code: .backend,
                location: "service_record.worker_names",
                reason: "not a JSON array of strings"
            )
        }
    }

    /// The extra fields from their stored JSON (`nil` or empty: none).
    ///
    /// - Throws: `DecodingError` when the text is not a JSON object of strings.
    public static func decodeFields(_ json: String?) throws -> [String: String] {
        guard let json, !json.isEmpty else { return [:] }
        return try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
    }

    /// The extra fields from their stored JSON, each distinct text decoded once into `decoded`: how
    /// a store reads totals grouped by field set, where a few field sets repeat over many groups.
    ///
    /// - Throws: `DecodingError` when the text is not a JSON object of strings.
    public static func decodeFields(
        _ json: String?,
        reusing decoded: inout [String: [String: String]]
    ) throws
        -> [String: String]
    {
        guard let json, !json.isEmpty else { return [:] }
        if let known = decoded[json] { return known }
        let fields = try decodeFields(json)
        decoded[json] = fields
        return fields
    }

    private enum CodingKeys: String, CodingKey {
        case id, station, kind, date, durationMinutes, village, workers, workerNames, participants, program
        case programVersion, subProject, ledgerKey, group, fields, photos
    }

    /// Decodes a record; snapshots and histories written before records had extra fields, photos
    /// or workers' names decode with none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(ServiceRecordID.self, forKey: .id)
        station = try container.decode(StationID.self, forKey: .station)
        kind = try container.decode(ServiceKind.self, forKey: .kind)
        date = try container.decode(CivilDate.self, forKey: .date)
        durationMinutes = try container.decode(Int.self, forKey: .durationMinutes)
        village = try container.decodeIfPresent(DivisionCode.self, forKey: .village)
        workers = try container.decode([WorkerID].self, forKey: .workers)
        workerNames = try container.decodeIfPresent([String].self, forKey: .workerNames) ?? []
        participants = try container.decode(Participants.self, forKey: .participants)
        program = try container.decodeIfPresent(ProgramID.self, forKey: .program)
        programVersion = try container.decodeIfPresent(Int.self, forKey: .programVersion)
        subProject = try container.decodeIfPresent(SubProjectID.self, forKey: .subProject)
        ledgerKey = try container.decodeIfPresent(LedgerRowKey.self, forKey: .ledgerKey)
        group = try container.decodeIfPresent(GroupID.self, forKey: .group)
        fields = try container.decodeIfPresent([String: String].self, forKey: .fields) ?? [:]
        photos = try container.decodeIfPresent(Int.self, forKey: .photos) ?? 0
    }

    /// Encodes a record; a record without extra fields, photos or workers' names is written as
    /// before they existed.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(station, forKey: .station)
        try container.encode(kind, forKey: .kind)
        try container.encode(date, forKey: .date)
        try container.encode(durationMinutes, forKey: .durationMinutes)
        try container.encodeIfPresent(village, forKey: .village)
        try container.encode(workers, forKey: .workers)
        if !workerNames.isEmpty { try container.encode(workerNames, forKey: .workerNames) }
        try container.encode(participants, forKey: .participants)
        try container.encodeIfPresent(program, forKey: .program)
        try container.encodeIfPresent(programVersion, forKey: .programVersion)
        try container.encodeIfPresent(subProject, forKey: .subProject)
        try container.encodeIfPresent(ledgerKey, forKey: .ledgerKey)
        try container.encodeIfPresent(group, forKey: .group)
        if !fields.isEmpty { try container.encode(fields, forKey: .fields) }
        if photos != 0 { try container.encode(photos, forKey: .photos) }
    }
}

/// Who took part in a service: named clients, or only a head-count (社区活动 often has no names).
public enum Participants: Hashable, Sendable, Codable {
    /// The clients, by identifier.
    case clients([ClientID])
    /// A number of people, unnamed.
    case headCount(Int)

    /// How many people took part.
    public var count: Int {
        switch self {
        case .clients(let clients): clients.count
        case .headCount(let count): count
        }
    }

    /// The named clients, if any.
    public var clients: [ClientID] {
        if case .clients(let clients) = self { return clients }
        return []
    }
}

/// The kind of a service record (DESIGN glossary: 个案, 小组, 社区活动, 走访, 转介, 咨询, 培训).
public struct ServiceKind: CodeListEntry {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// 个案 — case work.
    public static let caseWork = ServiceKind(rawValue: "caseWork")
    /// 小组 — a group work session.
    public static let groupSession = ServiceKind(rawValue: "groupSession")
    /// 社区活动 — a community activity.
    public static let communityActivity = ServiceKind(rawValue: "communityActivity")
    /// 走访 — a home visit.
    public static let homeVisit = ServiceKind(rawValue: "homeVisit")
    /// 转介 — a referral.
    public static let referral = ServiceKind(rawValue: "referral")
    /// 咨询 — a consultation.
    public static let consultation = ServiceKind(rawValue: "consultation")
    /// 培训 — a training the station gave (counts as training person-times).
    public static let training = ServiceKind(rawValue: "training")

    public static let known: [ServiceKind] = [
        .caseWork, .groupSession, .communityActivity, .homeVisit, .referral, .consultation, .training,
    ]

    public func label(in language: Language) -> String {
        let labels: [String: LocalizedText] = [
            "caseWork": LocalizedText("个案", en: "case work"),
            "groupSession": LocalizedText("小组", en: "group session"),
            "communityActivity": LocalizedText("社区活动", en: "community activity"),
            "homeVisit": LocalizedText("走访", en: "home visit"),
            "referral": LocalizedText("转介", en: "referral"),
            "consultation": LocalizedText("咨询", en: "consultation"),
            "training": LocalizedText("培训", en: "training"),
        ]
        return labels[rawValue]?.text(in: language) ?? rawValue
    }
}
