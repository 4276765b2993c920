public import Foundation
public import Hummingbird
public import YizhanKernel

/// What the API answers about a station: its configuration's public facts.
public struct StationView: ResponseCodable, Sendable {
    /// The station id (`baibu`).
    public var id: String
    /// Its name.
    public var name: String
    /// `station` or `point`.
    public var kind: String
    /// The township's division code.
    public var orgUnit: String
    /// The floor area in ㎡.
    public var areaSquareMeters: Int
    /// The brand's name, if the station has one.
    public var brandName: String?

    /// The view of `station`.
    public init(_ station: Station) {
        id = station.id.rawValue
        name = station.name
        kind = station.kind.rawValue
        orgUnit = station.orgUnit.rawValue
        areaSquareMeters = station.areaSquareMeters
        brandName = station.brandName
    }
}

/// What the API answers about a service record: its facts and ids, never the names a ledger
/// wrote for workers it did not know (free text that may name anyone).
public struct RecordView: ResponseCodable, Sendable {
    /// The record id.
    public var id: String
    /// The station id.
    public var station: String
    /// The kind's code (`homeVisit`).
    public var kind: String
    /// The civil date of the service in Asia/Shanghai, `YYYY-MM-DD`.
    public var date: String
    /// Minutes spent.
    public var durationMinutes: Int
    /// The village's division code.
    public var village: String?
    /// The workers' ids.
    public var workers: [String]
    /// The named clients' ids (empty when only a head count was given).
    public var clients: [String]
    /// How many people took part.
    public var personTimes: Int
    /// The program id.
    public var program: String?
    /// The sub-project id.
    public var subProject: String?
    /// Brand plugins' fields, by field id.
    public var fields: [String: String]
    /// How many photos are kept.
    public var photos: Int
    /// 1 until first corrected.
    public var version: Int
    /// Whether the record was voided.
    public var voided: Bool

    /// The view of `record` at `version`.
    public init(_ record: ServiceRecord, version: Int = 1, voided: Bool = false) {
        id = record.id.rawValue
        station = record.station.rawValue
        kind = record.kind.rawValue
        date = record.date.description
        durationMinutes = record.durationMinutes
        village = record.village?.rawValue
        workers = record.workers.map(\.rawValue)
        clients = record.participants.clients.map(\.rawValue)
        personTimes = record.personTimes
        program = record.program?.rawValue
        subProject = record.subProject?.rawValue
        fields = record.fields
        photos = record.photos
        self.version = version
        self.voided = voided
    }
}

/// A page of records.
public struct RecordList: ResponseCodable, Sendable {
    /// The records, newest first.
    public var records: [RecordView]
}

/// The stations the caller may read figures of.
public struct StationList: ResponseCodable, Sendable {
    /// The stations, by id.
    public var stations: [StationView]
}

/// A service record as `POST /api/v1/records` takes it: the same fields as `yizhan record add`.
public struct RecordInput: Decodable, Sendable {
    /// The station id.
    public var station: String
    /// The kind: a code or its label.
    public var kind: String
    /// `YYYY-MM-DD`.
    public var date: String
    /// Minutes, 0 through 1,440.
    public var durationMinutes: Int
    /// A village's division code.
    public var village: String?
    /// Worker ids.
    public var workers: [String]?
    /// Client ids; give these or `headCount`.
    public var clients: [String]?
    /// A number of people, unnamed.
    public var headCount: Int?
    /// A program id.
    public var program: String?
    /// A sub-project id.
    public var subProject: String?
    /// Brand plugins' fields.
    public var fields: [String: String]?
    /// Photos kept, 0 through 999.
    public var photos: Int?

    /// The kernel's request.
    public var request: ServiceRecordRequest {
        ServiceRecordRequest(
            station: station,
            kind: kind,
            date: date,
            durationMinutes: durationMinutes,
            village: village,
            workers: workers ?? [],
            clients: clients ?? [],
            headCount: headCount,
            program: program,
            subProject: subProject,
            fields: fields ?? [:],
            photos: photos ?? 0
        )
    }
}

/// The answer to a recorded service: the record and the sequence of its event.
public struct RecordCreated: ResponseCodable, Sendable {
    /// The record as stored.
    public var record: RecordView
    /// Its `service.recorded` event's sequence.
    public var event: Int64
}

/// One event as the API gives it (ids and facts only, as every event).
public struct EventView: ResponseCodable, Sendable {
    /// The position in the log.
    public var sequence: Int64
    /// `service.recorded` …
    public var type: String
    /// When, as an ISO 8601 instant.
    public var occurredAt: Date
    /// The division it belongs to.
    public var orgUnit: String
    /// The station, if any.
    public var station: String?
    /// Who: `user:…`, `token:…`, `cli:…`.
    public var actor: String
    /// The payload's version.
    public var schemaVersion: Int
    /// The payload, as JSON text.
    public var payload: String

    /// The view of `stored`.
    public init(_ stored: StoredEvent) {
        sequence = stored.sequence.rawValue
        type = stored.event.type.rawValue
        occurredAt = stored.event.occurredAt
        orgUnit = stored.event.orgUnit.rawValue
        station = stored.event.station?.rawValue
        actor = stored.event.actor.rawValue
        schemaVersion = stored.event.schemaVersion
        payload = stored.event.payload
    }
}

/// A page of events and where the next page starts.
public struct EventPage: ResponseCodable, Sendable {
    /// The events the caller may read.
    public var events: [EventView]
    /// The `after` to ask next.
    public var next: Int64
}

/// `/healthz`'s answer.
public struct Health: ResponseCodable, Sendable {
    /// `ok` when the store answers.
    public var status: String
    /// The last event's sequence.
    public var lastEvent: Int64
}
