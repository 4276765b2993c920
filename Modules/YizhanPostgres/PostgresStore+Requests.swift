import Foundation
import Logging
import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// Residents' requests as they stand, with their sealed content, and their steps (issue 26).
    ///
    /// `current` (and each step's `request`) is the request as the kernel encodes it
    /// (`ResidentRequest.storedJSON`), kept as text so that it reads back byte for byte; the other
    /// columns repeat what queries select on.
    static let v31Requests = Migration(
        name: "v31 requests: residents' requests with their sealed content, and their steps",
        statements: [
            """
            CREATE TABLE resident_request (
                id TEXT COLLATE "C" PRIMARY KEY,
                station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                village_code TEXT COLLATE "C" NOT NULL,
                category TEXT COLLATE "C" NOT NULL CHECK (category <> ''),
                kind TEXT NOT NULL CHECK (kind IN ('request', 'complaint', 'dispute')),
                state TEXT NOT NULL CHECK (state IN ('registered', 'accepted', 'inProgress', 'answered', 'closed')),
                holder_tier TEXT COLLATE "C" NOT NULL CHECK (holder_tier <> ''),
                filed_at_ms BIGINT NOT NULL,
                version INTEGER NOT NULL CHECK (version >= 1),
                current TEXT NOT NULL CHECK (current::jsonb IS NOT NULL),
                description_sealed TEXT NOT NULL CHECK (description_sealed <> ''),
                name_sealed TEXT,
                id_number_sealed TEXT,
                id_number_digest TEXT,
                phone_sealed TEXT,
                phone_digest TEXT
            )
            """,
            "CREATE INDEX resident_request_station ON resident_request(station_id, state, filed_at_ms)",
            """
            CREATE TABLE request_step (
                request_id TEXT COLLATE "C" NOT NULL REFERENCES resident_request(id),
                position INTEGER NOT NULL CHECK (position >= 0),
                kind TEXT NOT NULL CHECK (kind IN ('file', 'accept', 'start', 'transfer', 'sendBack', 'answer', 'close',
                    'rate', 'reopen', 'supervise')),
                actor TEXT NOT NULL CHECK (actor <> ''),
                at_ms BIGINT NOT NULL,
                note_sealed TEXT CHECK (note_sealed IS NULL OR note_sealed <> ''),
                request TEXT NOT NULL CHECK (request::jsonb IS NOT NULL),
                PRIMARY KEY (request_id, position)
            )
            """,
        ]
    )

    /// Disputes' steps: a round of mediation (`mediate`) and a settlement (`settle`) join the kinds a
    /// step may be (the dispute itself is part of the request's `current`).
    static let v32DisputeSteps = Migration(
        name: "v32 disputes: rounds of mediation and settlements among a request's steps",
        statements: [
            """
            ALTER TABLE request_step DROP CONSTRAINT request_step_kind_check,
                ADD CONSTRAINT request_step_kind_check CHECK (kind IN ('file', 'accept', 'start', 'transfer',
                    'sendBack', 'answer', 'close', 'rate', 'reopen', 'supervise', 'mediate', 'settle'))
            """
        ]
    )

    /// The digest of the tracking code a resident filing through the public form gets: unique,
    /// and found by.
    static let v33TrackingCodes = Migration(
        name: "v33 tracking codes: the digest of the code a resident follows a request by",
        statements: [
            "ALTER TABLE resident_request ADD COLUMN tracking_digest TEXT CHECK (tracking_digest <> '')",
            """
            CREATE UNIQUE INDEX resident_request_tracking ON resident_request(tracking_digest)
                WHERE tracking_digest IS NOT NULL
            """,
        ]
    )

    /// The step columns.
    static let requestStepColumns = "request_id, position, kind, actor, at_ms, note_sealed, request"
    /// The sealed content columns.
    static let requestContentColumns = """
        description_sealed, name_sealed, id_number_sealed, id_number_digest, phone_sealed, phone_digest,
        tracking_digest
        """

    /// Takes `step`: a filing inserts the request; a later step replaces it only at the version the
    /// step read. The step goes into the history at its position; otherwise the change breaks.
    static func apply(_ step: RequestStep, on connection: PostgresConnection, logger: Logger) async throws {
        let request = step.request
        guard request.version == step.position + 1 else {
            throw StoreError(
                code: .constraintViolation,
                location: "resident_request",
                reason: "a step at position \(step.position) leaves version \(step.position + 1)"
            )
        }
        let json = request.storedJSON
        if step.position == 0 {
            guard let content = step.content else {
                throw StoreError(
                    code: .constraintViolation,
                    location: "resident_request",
                    reason: "a filing carries what the resident wrote"
                )
            }
            let contact = content.contact
            try await connection.query(
                """
                INSERT INTO resident_request (id, station_id, village_code, category, kind, state, holder_tier,
                    filed_at_ms, version, current, \(unescaped: requestContentColumns))
                VALUES (\(request.id.rawValue), \(request.station.rawValue), \(request.village.rawValue),
                    \(request.category), \(request.kind.rawValue), \(request.state.rawValue), \(request.holder.tier),
                    \(request.filedAt.millisecondsSince1970), \(request.version), \(json), \(content.description),
                    \(contact?.name), \(contact?.idNumber), \(contact?.idNumberDigest), \(contact?.phone),
                    \(contact?.phoneDigest), \(content.trackingDigest))
                """,
                logger: logger
            )
        } else {
            let moved = try await connection.query(
                """
                UPDATE resident_request SET state = \(request.state.rawValue), holder_tier = \(request.holder.tier),
                    version = \(request.version), current = \(json)
                WHERE id = \(request.id.rawValue) AND version = \(step.position)
                    AND station_id = \(request.station.rawValue)
                RETURNING version
                """,
                logger: logger
            ).collect()
            guard moved.count == 1 else {
                throw StoreError(
                    code: .constraintViolation,
                    location: "resident_request",
                    reason: "the request is no longer at version \(step.position)"
                )
            }
        }
        try await connection.query(
            """
            INSERT INTO request_step (\(unescaped: requestStepColumns))
            VALUES (\(request.id.rawValue), \(step.position), \(step.kind.rawValue), \(step.actor.description),
                \(step.at.millisecondsSince1970), \(step.note), \(json))
            """,
            logger: logger
        )
    }

    /// Replaces a request's sealed content and its steps' notes (a key rotation).
    static func reseal(
        _ id: RequestID,
        content: SealedRequestContent,
        notes: [Int: String],
        on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        let contact = content.contact
        let updated = try await connection.query(
            """
            UPDATE resident_request SET description_sealed = \(content.description), name_sealed = \(contact?.name),
                id_number_sealed = \(contact?.idNumber), id_number_digest = \(contact?.idNumberDigest),
                phone_sealed = \(contact?.phone), phone_digest = \(contact?.phoneDigest)
            WHERE id = \(id.rawValue) RETURNING id
            """,
            logger: logger
        ).collect()
        guard updated.count == 1 else {
            throw StoreError(code: .constraintViolation, location: "resident_request", reason: "no such request")
        }
        for (position, note) in notes.sorted(by: { $0.key < $1.key }) {
            let changed = try await connection.query(
                """
                UPDATE request_step SET note_sealed = \(note)
                WHERE request_id = \(id.rawValue) AND position = \(position) AND note_sealed IS NOT NULL
                RETURNING position
                """,
                logger: logger
            ).collect()
            guard changed.count == 1 else {
                throw StoreError(code: .constraintViolation, location: "request_step", reason: "no such note")
            }
        }
    }

    /// The request with `id`.
    public func residentRequest(_ id: RequestID) async throws -> ResidentRequest? {
        var sql = SQLBuilder("SELECT current FROM resident_request WHERE id = ")
        sql.append(try sql.bind(id.rawValue))
        return try await rows("resident_request", sql) { try Self.residentRequest($0, "current") }.first
    }

    /// The requests in `scope`, in `states` when given, oldest filing first.
    public func residentRequests(in scope: Scope, states: Set<RequestState>?) async throws -> [ResidentRequest] {
        if let states, states.isEmpty { return [] }
        var sql = SQLBuilder("SELECT r.current FROM resident_request r JOIN station s ON s.id = r.station_id WHERE ")
        sql.append(try Self.stationFilter(scope, into: &sql))
        if let states {
            sql.append(" AND r.state = ANY(\(try sql.bind(states.map(\.rawValue).sorted())))")
        }
        sql.append(" ORDER BY r.filed_at_ms, r.id")
        return try await rows("resident_request", sql) { try Self.residentRequest($0, "current") }
    }

    /// The sealed content of the request with `id`.
    public func requestContent(_ id: RequestID) async throws -> SealedRequestContent? {
        var sql = SQLBuilder("SELECT \(Self.requestContentColumns) FROM resident_request WHERE id = ")
        sql.append(try sql.bind(id.rawValue))
        return try await rows("resident_request", sql) { try Self.requestContent($0) }.first
    }

    /// The request whose tracking code has `digest`, if any.
    public func residentRequest(trackingDigest digest: String) async throws -> ResidentRequest? {
        var sql = SQLBuilder("SELECT current FROM resident_request WHERE tracking_digest = ")
        sql.append(try sql.bind(digest))
        return try await rows("resident_request", sql) { try Self.residentRequest($0, "current") }.first
    }

    /// The steps of the request with `id`, oldest first.
    public func requestSteps(_ id: RequestID) async throws -> [RequestStep] {
        var sql = SQLBuilder("SELECT \(Self.requestStepColumns) FROM request_step WHERE request_id = ")
        sql.append(try sql.bind(id.rawValue))
        sql.append(" ORDER BY position")
        return try await rows("request_step", sql) { try Self.requestStep($0) }
    }

    static func residentRequest(_ cells: PostgresRandomAccessRow, _ column: String) throws -> ResidentRequest {
        try parse(ResidentRequest(storedJSON: try cells[column].decode(String.self)), column)
    }

    static func requestContent(_ cells: PostgresRandomAccessRow) throws -> SealedRequestContent {
        SealedRequestContent(
            description: try cells["description_sealed"].decode(String.self),
            contact: try sealed(cells),
            trackingDigest: try cells["tracking_digest"].decode(String?.self)
        )
    }

    /// A step row; `content` is the request's, for its filing (what the snapshot carries).
    static func requestStep(
        _ cells: PostgresRandomAccessRow,
        content: SealedRequestContent? = nil
    ) throws -> RequestStep {
        RequestStep(
            request: try residentRequest(cells, "request"),
            position: try cells["position"].decode(Int.self),
            kind: try enumValue(cells, "kind"),
            actor: try parse(RequestActor(try cells["actor"].decode(String.self)), "actor"),
            at: Date(millisecondsSince1970: try cells["at_ms"].decode(Int64.self)),
            note: try cells["note_sealed"].decode(String?.self),
            content: content
        )
    }
}
