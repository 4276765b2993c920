import Logging
import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// Compliance results, evaluations, scores, rectification items and raised reminders.
    static let v18Evaluations = Migration(
        name: "v18 evaluations: compliance states, evaluations, scores, rectifications, notices",
        statements: [
            """
            CREATE TABLE compliance_state (
                standard_id TEXT COLLATE "C" NOT NULL CHECK (standard_id <> ''),
                subject TEXT COLLATE "C" NOT NULL CHECK (subject <> ''),
                rule_id TEXT COLLATE "C" NOT NULL CHECK (rule_id <> ''),
                outcome TEXT NOT NULL CHECK (outcome IN ('pass', 'fail', 'notApplicable')),
                measured TEXT NOT NULL,
                checked_on TEXT NOT NULL CHECK (checked_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
                PRIMARY KEY (standard_id, subject, rule_id)
            )
            """,
            """
            CREATE TABLE evaluation (
                id TEXT COLLATE "C" PRIMARY KEY,
                station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
                period TEXT NOT NULL CHECK (period IN ('midTerm', 'final')),
                scheme_id TEXT COLLATE "C" NOT NULL CHECK (scheme_id <> ''),
                opened_on TEXT NOT NULL CHECK (opened_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
                submitted_on TEXT CHECK (submitted_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND submitted_on >= opened_on),
                self_total INTEGER CHECK (self_total >= 0),
                third_party_total INTEGER CHECK (third_party_total >= 0),
                CHECK ((submitted_on IS NULL) = (self_total IS NULL)
                    AND (submitted_on IS NULL) = (third_party_total IS NULL)),
                UNIQUE (station_id, year, period, scheme_id)
            )
            """,
            """
            CREATE TABLE evaluation_score (
                evaluation_id TEXT COLLATE "C" NOT NULL REFERENCES evaluation(id),
                indicator_id TEXT COLLATE "C" NOT NULL CHECK (indicator_id <> ''),
                assessor TEXT COLLATE "C" NOT NULL CHECK (assessor IN ('selfAssessment', 'thirdParty', 'data')),
                points INTEGER NOT NULL CHECK (points >= 0),
                note TEXT,
                PRIMARY KEY (evaluation_id, indicator_id, assessor)
            )
            """,
            """
            CREATE TABLE rectification (
                id TEXT COLLATE "C" PRIMARY KEY,
                evaluation_id TEXT COLLATE "C" NOT NULL REFERENCES evaluation(id),
                station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                indicator_id TEXT COLLATE "C",
                item TEXT NOT NULL CHECK (item <> ''),
                owner_id TEXT COLLATE "C" NOT NULL REFERENCES worker(id),
                raised_on TEXT NOT NULL CHECK (raised_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
                due_on TEXT NOT NULL CHECK (due_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND due_on >= raised_on),
                done_on TEXT CHECK (done_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND done_on >= raised_on)
            )
            """,
            "CREATE INDEX rectification_by_station ON rectification(station_id, due_on)",
            """
            CREATE TABLE notice (
                key TEXT COLLATE "C" PRIMARY KEY CHECK (key <> ''),
                raised_on TEXT NOT NULL CHECK (raised_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')
            )
            """,
        ]
    )

    /// The compliance-state columns.
    static let complianceStateColumns = "standard_id, subject, rule_id, outcome, measured, checked_on"
    /// The evaluation columns.
    static let evaluationColumns = """
        id, station_id, year, period, scheme_id, opened_on, submitted_on, self_total, third_party_total
        """
    /// The score columns.
    static let evaluationScoreColumns = "evaluation_id, indicator_id, assessor, points, note"
    /// The rectification columns.
    static let rectificationColumns = """
        id, evaluation_id, station_id, indicator_id, item, owner_id, raised_on, due_on, done_on
        """

    /// Applies an evaluation write.
    static func applyEvaluation(_ write: Write, on connection: PostgresConnection, logger: Logger) async throws {
        switch write {
        case .complianceState(let state):
            try await connection.query(
                """
                INSERT INTO compliance_state (standard_id, subject, rule_id, outcome, measured, checked_on)
                VALUES (\(state.standard), \(state.subject), \(state.rule), \(state.outcome.rawValue),
                        \(state.measured), \(state.checkedOn.description))
                ON CONFLICT (standard_id, subject, rule_id) DO UPDATE SET outcome = excluded.outcome,
                    measured = excluded.measured, checked_on = excluded.checked_on
                """,
                logger: logger
            )
        case .evaluation(let evaluation):
            try await Self.write(evaluation, on: connection, logger: logger)
        case .evaluationScore(let score):
            let rows = try await connection.query(
                """
                INSERT INTO evaluation_score (evaluation_id, indicator_id, assessor, points, note)
                SELECT \(score.evaluation.rawValue), \(score.indicator), \(score.assessor.rawValue),
                       \(score.points.tenths), \(score.note)
                WHERE EXISTS (SELECT 1 FROM evaluation WHERE id = \(score.evaluation.rawValue) AND submitted_on IS NULL)
                ON CONFLICT (evaluation_id, indicator_id, assessor) DO UPDATE SET points = excluded.points,
                    note = excluded.note
                RETURNING evaluation_id
                """,
                logger: logger
            ).collect()
            guard rows.count == 1 else {
                throw StoreError(
                    code: .constraintViolation,
                    location: "evaluation_score",
                    reason: "the evaluation is unknown or submitted (frozen)"
                )
            }
        case .rectification(let item):
            try await Self.write(item, on: connection, logger: logger)
        case .notice(let key, let day):
            try await connection.query(
                "INSERT INTO notice (key, raised_on) VALUES (\(key), \(day.description))",
                logger: logger
            )
        default:
            throw StoreError(code: .invalidChange, location: "evaluation", reason: "not an evaluation write")
        }
    }

    /// Inserts an open evaluation; submits a stored one only while it is open.
    private static func write(_ evaluation: Evaluation, on connection: PostgresConnection, logger: Logger) async throws
    {
        let rows = try await connection.query(
            """
            INSERT INTO evaluation (id, station_id, year, period, scheme_id, opened_on, submitted_on, self_total,
                third_party_total)
            VALUES (\(evaluation.id.rawValue), \(evaluation.station.rawValue), \(evaluation.year),
                    \(evaluation.period.rawValue), \(evaluation.scheme), \(evaluation.openedOn.description),
                    \(evaluation.submittedOn?.description), \(evaluation.selfTotal?.tenths),
                    \(evaluation.thirdPartyTotal?.tenths))
            ON CONFLICT (id) DO UPDATE SET submitted_on = excluded.submitted_on, self_total = excluded.self_total,
                third_party_total = excluded.third_party_total
            WHERE evaluation.submitted_on IS NULL AND excluded.submitted_on IS NOT NULL
            RETURNING id
            """,
            logger: logger
        ).collect()
        guard rows.count == 1 else {
            throw StoreError(
                code: .constraintViolation,
                location: "evaluation",
                reason: evaluation.isSubmitted ? "the evaluation is submitted already" : "the evaluation exists already"
            )
        }
    }

    /// Inserts a new item; marks a stored one done only while it is not.
    private static func write(_ item: Rectification, on connection: PostgresConnection, logger: Logger) async throws {
        let rows = try await connection.query(
            """
            INSERT INTO rectification (id, evaluation_id, station_id, indicator_id, item, owner_id, raised_on, due_on,
                done_on)
            VALUES (\(item.id.rawValue), \(item.evaluation.rawValue), \(item.station.rawValue), \(item.indicator),
                    \(item.item), \(item.owner.rawValue), \(item.raisedOn.description), \(item.dueOn.description),
                    \(item.doneOn?.description))
            ON CONFLICT (id) DO UPDATE SET done_on = excluded.done_on
            WHERE rectification.done_on IS NULL AND excluded.done_on IS NOT NULL
            RETURNING id
            """,
            logger: logger
        ).collect()
        guard rows.count == 1 else {
            throw StoreError(
                code: .constraintViolation,
                location: "rectification",
                reason: item.doneOn == nil ? "the item exists already" : "the item is done already"
            )
        }
    }

    /// The last results of `standard`'s rules.
    public func complianceStates(standard: String) async throws -> [ComplianceState] {
        var sql = SQLBuilder("SELECT \(Self.complianceStateColumns) FROM compliance_state WHERE standard_id = ")
        sql.append(try sql.bind(standard))
        sql.append(" ORDER BY subject, rule_id")
        return try await rows("compliance_state", sql) { try Self.complianceState($0) }
    }

    /// The evaluation with `id`.
    public func evaluation(_ id: EvaluationID) async throws -> Evaluation? {
        var sql = SQLBuilder("SELECT \(Self.evaluationColumns) FROM evaluation WHERE id = ")
        sql.append(try sql.bind(id.rawValue))
        return try await rows("evaluation", sql) { try Self.evaluation($0) }.first
    }

    /// The evaluations in `scope`.
    public func evaluations(in scope: Scope, year: Int?) async throws -> [Evaluation] {
        var sql = SQLBuilder(
            "SELECT \(Self.qualified(Self.evaluationColumns, "e")) FROM evaluation e "
                + "JOIN station s ON s.id = e.station_id WHERE "
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        if let year { sql.append(" AND e.year = \(try sql.bind(year))") }
        sql.append(" ORDER BY s.org_unit_code, e.station_id, e.year, e.period = 'final', e.scheme_id")
        return try await rows("evaluation", sql) { try Self.evaluation($0) }
    }

    /// The scores of an evaluation.
    public func evaluationScores(of id: EvaluationID) async throws -> [EvaluationScore] {
        var sql = SQLBuilder("SELECT \(Self.evaluationScoreColumns) FROM evaluation_score WHERE evaluation_id = ")
        sql.append(try sql.bind(id.rawValue))
        sql.append(" ORDER BY indicator_id, assessor")
        return try await rows("evaluation_score", sql) { try Self.evaluationScore($0) }
    }

    /// The rectification item with `id`.
    public func rectification(_ id: RectificationID) async throws -> Rectification? {
        var sql = SQLBuilder("SELECT \(Self.rectificationColumns) FROM rectification WHERE id = ")
        sql.append(try sql.bind(id.rawValue))
        return try await rows("rectification", sql) { try Self.rectification($0) }.first
    }

    /// The rectification items in `scope`.
    public func rectifications(in scope: Scope, openOnly: Bool) async throws -> [Rectification] {
        var sql = SQLBuilder(
            "SELECT \(Self.qualified(Self.rectificationColumns, "r")) FROM rectification r "
                + "JOIN station s ON s.id = r.station_id WHERE "
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        if openOnly { sql.append(" AND r.done_on IS NULL") }
        sql.append(" ORDER BY r.due_on, r.id")
        return try await rows("rectification", sql) { try Self.rectification($0) }
    }

    /// Those of `keys` raised already.
    public func raisedNotices(among keys: [String]) async throws -> Set<String> {
        guard !keys.isEmpty else { return [] }
        var sql = SQLBuilder("SELECT key FROM notice WHERE key = ANY(")
        sql.append(try sql.bind(keys))
        sql.append(")")
        return Set(try await rows("notice", sql) { try $0["key"].decode(String.self) })
    }

    static func complianceState(_ cells: PostgresRandomAccessRow) throws -> ComplianceState {
        ComplianceState(
            standard: try cells["standard_id"].decode(String.self),
            subject: try cells["subject"].decode(String.self),
            rule: try cells["rule_id"].decode(String.self),
            outcome: try enumValue(cells, "outcome"),
            measured: try cells["measured"].decode(String.self),
            checkedOn: try civilDate(cells, "checked_on")
        )
    }

    static func evaluation(_ cells: PostgresRandomAccessRow) throws -> Evaluation {
        Evaluation(
            id: try id(cells, "id"),
            station: try id(cells, "station_id"),
            year: try cells["year"].decode(Int.self),
            period: try enumValue(cells, "period"),
            scheme: try cells["scheme_id"].decode(String.self),
            openedOn: try civilDate(cells, "opened_on"),
            submittedOn: try optionalCivilDate(cells, "submitted_on"),
            selfTotal: try cells["self_total"].decode(Int?.self).map(Points.init(tenths:)),
            thirdPartyTotal: try cells["third_party_total"].decode(Int?.self).map(Points.init(tenths:))
        )
    }

    static func evaluationScore(_ cells: PostgresRandomAccessRow) throws -> EvaluationScore {
        EvaluationScore(
            evaluation: try id(cells, "evaluation_id"),
            indicator: try cells["indicator_id"].decode(String.self),
            assessor: try enumValue(cells, "assessor"),
            points: Points(tenths: try cells["points"].decode(Int.self)),
            note: try cells["note"].decode(String?.self)
        )
    }

    static func rectification(_ cells: PostgresRandomAccessRow) throws -> Rectification {
        Rectification(
            id: try id(cells, "id"),
            evaluation: try id(cells, "evaluation_id"),
            station: try id(cells, "station_id"),
            indicator: try cells["indicator_id"].decode(String?.self),
            item: try cells["item"].decode(String.self),
            owner: try id(cells, "owner_id"),
            raisedOn: try civilDate(cells, "raised_on"),
            dueOn: try civilDate(cells, "due_on"),
            doneOn: try optionalCivilDate(cells, "done_on")
        )
    }

    /// The civil date in nullable text column `column`.
    static func optionalCivilDate(_ cells: PostgresRandomAccessRow, _ column: String) throws -> CivilDate? {
        try cells[column].decode(String?.self).map { try parse(try? CivilDate(parsing: $0), column) }
    }
}
