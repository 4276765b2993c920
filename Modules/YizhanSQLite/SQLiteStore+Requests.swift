import Foundation
import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// Residents' requests as they stand, with their sealed content, and their steps (issue 26).
    ///
    /// `current` (and each step's `request`) is the request as the kernel encodes it
    /// (`ResidentRequest.storedJSON`); the other columns repeat what queries select on.
    static let v31Requests = """
        CREATE TABLE resident_request (
            id TEXT PRIMARY KEY NOT NULL,
            station_id TEXT NOT NULL REFERENCES station(id),
            village_code TEXT NOT NULL,
            category TEXT NOT NULL CHECK (category <> ''),
            kind TEXT NOT NULL CHECK (kind IN ('request', 'complaint', 'dispute')),
            state TEXT NOT NULL CHECK (state IN ('registered', 'accepted', 'inProgress', 'answered', 'closed')),
            holder_tier TEXT NOT NULL CHECK (holder_tier <> ''),
            filed_at_ms INTEGER NOT NULL,
            version INTEGER NOT NULL CHECK (version >= 1),
            current TEXT NOT NULL CHECK (json_valid(current)),
            description_sealed TEXT NOT NULL CHECK (description_sealed <> ''),
            name_sealed TEXT,
            id_number_sealed TEXT,
            id_number_digest TEXT,
            phone_sealed TEXT,
            phone_digest TEXT
        );
        CREATE INDEX resident_request_station ON resident_request(station_id, state, filed_at_ms);
        CREATE TABLE request_step (
            request_id TEXT NOT NULL REFERENCES resident_request(id),
            position INTEGER NOT NULL CHECK (position >= 0),
            kind TEXT NOT NULL CHECK (kind IN ('file', 'accept', 'start', 'transfer', 'sendBack', 'answer', 'close',
                'rate', 'reopen', 'supervise')),
            actor TEXT NOT NULL CHECK (actor <> ''),
            at_ms INTEGER NOT NULL,
            note_sealed TEXT CHECK (note_sealed IS NULL OR note_sealed <> ''),
            request TEXT NOT NULL CHECK (json_valid(request)),
            PRIMARY KEY (request_id, position)
        ) WITHOUT ROWID;
        """

    /// Disputes' steps: a round of mediation (`mediate`) and a settlement (`settle`) join the kinds a
    /// step may be (the dispute itself is part of the request's `current`). SQLite cannot change a
    /// CHECK, so the steps are copied into a table with the wider one.
    static let v32DisputeSteps = """
        CREATE TABLE request_step_v32 (
            request_id TEXT NOT NULL REFERENCES resident_request(id),
            position INTEGER NOT NULL CHECK (position >= 0),
            kind TEXT NOT NULL CHECK (kind IN ('file', 'accept', 'start', 'transfer', 'sendBack', 'answer', 'close',
                'rate', 'reopen', 'supervise', 'mediate', 'settle')),
            actor TEXT NOT NULL CHECK (actor <> ''),
            at_ms INTEGER NOT NULL,
            note_sealed TEXT CHECK (note_sealed IS NULL OR note_sealed <> ''),
            request TEXT NOT NULL CHECK (json_valid(request)),
            PRIMARY KEY (request_id, position)
        ) WITHOUT ROWID;
        INSERT INTO request_step_v32 SELECT * FROM request_step;
        DROP TABLE request_step;
        ALTER TABLE request_step_v32 RENAME TO request_step;
        """

    /// The digest of the tracking code a resident filing through the public form gets: unique,
    /// and found by.
    static let v33TrackingCodes = """
        ALTER TABLE resident_request ADD COLUMN tracking_digest TEXT CHECK (tracking_digest IS NULL OR tracking_digest <> '');
        CREATE UNIQUE INDEX resident_request_tracking ON resident_request(tracking_digest)
            WHERE tracking_digest IS NOT NULL;
        """

    /// The step columns.
    static let requestStepColumns = "request_id, position, kind, actor, at_ms, note_sealed, request"

    /// Takes `step`: a filing inserts the request; a later step replaces it only at the version the
    /// step read. The step goes into the history at its position; otherwise the change breaks.
    static func apply(_ step: RequestStep, in db: Database) throws {
        let request = step.request
        guard request.version == step.position + 1 else {
            throw StoreError(
                code: .constraintViolation,
                location: "resident_request",
                reason: "a step at position \(step.position) leaves version \(step.position + 1)"
            )
        }
        if step.position == 0 {
            guard let content = step.content else {
                throw StoreError(
                    code: .constraintViolation,
                    location: "resident_request",
                    reason: "a filing carries what the resident wrote"
                )
            }
            try run(
                db,
                "resident_request",
                """
                INSERT INTO resident_request (id, station_id, village_code, category, kind, state, holder_tier,
                    filed_at_ms, version, current, description_sealed, name_sealed, id_number_sealed, id_number_digest,
                    phone_sealed, phone_digest, tracking_digest)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    request.id.rawValue, request.station.rawValue, request.village.rawValue, request.category,
                    request.kind.rawValue, request.state.rawValue, request.holder.tier,
                    request.filedAt.millisecondsSince1970, request.version, request.storedJSON, content.description,
                    content.contact?.name, content.contact?.idNumber, content.contact?.idNumberDigest,
                    content.contact?.phone, content.contact?.phoneDigest, content.trackingDigest,
                ]
            )
        } else {
            try run(
                db,
                "resident_request",
                """
                UPDATE resident_request SET state = ?, holder_tier = ?, version = ?, current = ?
                WHERE id = ? AND version = ? AND station_id = ?
                """,
                [
                    request.state.rawValue, request.holder.tier, request.version, request.storedJSON,
                    request.id.rawValue, step.position, request.station.rawValue,
                ]
            )
            guard db.changesCount == 1 else {
                throw StoreError(
                    code: .constraintViolation,
                    location: "resident_request",
                    reason: "the request is no longer at version \(step.position)"
                )
            }
        }
        try run(
            db,
            "request_step",
            "INSERT INTO request_step (\(requestStepColumns)) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                request.id.rawValue, step.position, step.kind.rawValue, step.actor.description,
                step.at.millisecondsSince1970, step.note, request.storedJSON,
            ]
        )
    }

    /// Replaces a request's sealed content and its steps' notes (a key rotation).
    static func reseal(
        _ id: RequestID,
        content: SealedRequestContent,
        notes: [Int: String],
        in db: Database
    ) throws {
        try run(
            db,
            "resident_request",
            """
            UPDATE resident_request SET description_sealed = ?, name_sealed = ?, id_number_sealed = ?,
                id_number_digest = ?, phone_sealed = ?, phone_digest = ?
            WHERE id = ?
            """,
            [
                content.description, content.contact?.name, content.contact?.idNumber, content.contact?.idNumberDigest,
                content.contact?.phone, content.contact?.phoneDigest, id.rawValue,
            ]
        )
        guard db.changesCount == 1 else {
            throw StoreError(code: .constraintViolation, location: "resident_request", reason: "no such request")
        }
        for (position, note) in notes.sorted(by: { $0.key < $1.key }) {
            try run(
                db,
                "request_step",
                "UPDATE request_step SET note_sealed = ? WHERE request_id = ? AND position = ? AND note_sealed IS NOT NULL",
                [note, id.rawValue, position]
            )
            guard db.changesCount == 1 else {
                throw StoreError(code: .constraintViolation, location: "request_step", reason: "no such note")
            }
        }
    }

    /// The request with `id`.
    public func residentRequest(_ id: RequestID) async throws -> ResidentRequest? {
        try await read("resident_request") { db in
            try Self.rows(db, sql: "SELECT current FROM resident_request WHERE id = ?", arguments: [id.rawValue])
                .first.map { try Self.residentRequest($0, "current") }
        }
    }

    /// The requests in `scope`, in `states` when given, oldest filing first.
    public func residentRequests(in scope: Scope, states: Set<RequestState>?) async throws -> [ResidentRequest] {
        var (filter, arguments) = Self.stationFilter(scope, alias: "s")
        if let states {
            guard !states.isEmpty else { return [] }
            filter += " AND r.state IN (\(Array(repeating: "?", count: states.count).joined(separator: ", ")))"
            arguments += StatementArguments(states.map(\.rawValue).sorted())
        }
        let sql = """
            SELECT r.current FROM resident_request r JOIN station s ON s.id = r.station_id
            WHERE \(filter) ORDER BY r.filed_at_ms, r.id
            """
        let bound = arguments
        return try await read("resident_request") { db in
            try Self.rows(db, sql: sql, arguments: bound).map { try Self.residentRequest($0, "current") }
        }
    }

    /// The sealed content of the request with `id`.
    public func requestContent(_ id: RequestID) async throws -> SealedRequestContent? {
        try await read("resident_request") { db in
            try Self.rows(
                db,
                sql: """
                    SELECT description_sealed, name_sealed, id_number_sealed, id_number_digest, phone_sealed,
                        phone_digest, tracking_digest
                    FROM resident_request WHERE id = ?
                    """,
                arguments: [id.rawValue]
            ).first.map(Self.requestContent)
        }
    }

    /// The request whose tracking code has `digest`, if any.
    public func residentRequest(trackingDigest digest: String) async throws -> ResidentRequest? {
        try await read("resident_request") { db in
            try Self.rows(
                db,
                sql: "SELECT current FROM resident_request WHERE tracking_digest = ?",
                arguments: [digest]
            )
            .first.map { try Self.residentRequest($0, "current") }
        }
    }

    /// The steps of the request with `id`, oldest first.
    public func requestSteps(_ id: RequestID) async throws -> [RequestStep] {
        try await read("request_step") { db in
            try Self.rows(
                db,
                sql: "SELECT \(Self.requestStepColumns) FROM request_step WHERE request_id = ? ORDER BY position",
                arguments: [id.rawValue]
            ).map { try Self.requestStep($0) }
        }
    }

    static func residentRequest(_ row: Row, _ column: String) throws -> ResidentRequest {
        try parse(ResidentRequest(storedJSON: try row.decode(forColumn: column)), column)
    }

    static func requestContent(_ row: Row) throws -> SealedRequestContent {
        SealedRequestContent(
            description: try row.decode(forColumn: "description_sealed"),
            contact: try sealed(row),
            trackingDigest: try row.decode(forColumn: "tracking_digest")
        )
    }

    /// A step row; `content` is the request's, for its filing (what the snapshot carries).
    static func requestStep(_ row: Row, content: SealedRequestContent? = nil) throws -> RequestStep {
        let actor: String = try row.decode(forColumn: "actor")
        return RequestStep(
            request: try residentRequest(row, "request"),
            position: try row.decode(forColumn: "position"),
            kind: try enumValue(row, "kind"),
            actor: try parse(RequestActor(actor), "actor"),
            at: Date(millisecondsSince1970: try row.decode(forColumn: "at_ms")),
            note: try row.decode(forColumn: "note_sealed"),
            content: content
        )
    }
}
