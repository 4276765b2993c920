import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// Compliance results, evaluations, scores, rectification items and raised reminders.
    static let v18Evaluations = """
        CREATE TABLE compliance_state (
            standard_id TEXT NOT NULL CHECK (standard_id <> ''),
            subject TEXT NOT NULL CHECK (subject <> ''),
            rule_id TEXT NOT NULL CHECK (rule_id <> ''),
            outcome TEXT NOT NULL CHECK (outcome IN ('pass', 'fail', 'notApplicable')),
            measured TEXT NOT NULL,
            checked_on TEXT NOT NULL CHECK (date(checked_on) IS checked_on),
            PRIMARY KEY (standard_id, subject, rule_id)
        ) WITHOUT ROWID;
        CREATE TABLE evaluation (
            id TEXT PRIMARY KEY NOT NULL,
            station_id TEXT NOT NULL REFERENCES station(id),
            year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
            period TEXT NOT NULL CHECK (period IN ('midTerm', 'final')),
            scheme_id TEXT NOT NULL CHECK (scheme_id <> ''),
            opened_on TEXT NOT NULL CHECK (date(opened_on) IS opened_on),
            submitted_on TEXT CHECK (submitted_on IS NULL OR (date(submitted_on) IS submitted_on AND submitted_on >= opened_on)),
            self_total INTEGER CHECK (self_total >= 0),
            third_party_total INTEGER CHECK (third_party_total >= 0),
            CHECK ((submitted_on IS NULL) = (self_total IS NULL) AND (submitted_on IS NULL) = (third_party_total IS NULL)),
            UNIQUE (station_id, year, period, scheme_id)
        );
        CREATE TABLE evaluation_score (
            evaluation_id TEXT NOT NULL REFERENCES evaluation(id),
            indicator_id TEXT NOT NULL CHECK (indicator_id <> ''),
            assessor TEXT NOT NULL CHECK (assessor IN ('selfAssessment', 'thirdParty', 'data')),
            points INTEGER NOT NULL CHECK (points >= 0),
            note TEXT,
            PRIMARY KEY (evaluation_id, indicator_id, assessor)
        ) WITHOUT ROWID;
        CREATE TABLE rectification (
            id TEXT PRIMARY KEY NOT NULL,
            evaluation_id TEXT NOT NULL REFERENCES evaluation(id),
            station_id TEXT NOT NULL REFERENCES station(id),
            indicator_id TEXT,
            item TEXT NOT NULL CHECK (item <> ''),
            owner_id TEXT NOT NULL REFERENCES worker(id),
            raised_on TEXT NOT NULL CHECK (date(raised_on) IS raised_on),
            due_on TEXT NOT NULL CHECK (date(due_on) IS due_on AND due_on >= raised_on),
            done_on TEXT CHECK (done_on IS NULL OR (date(done_on) IS done_on AND done_on >= raised_on))
        );
        CREATE INDEX rectification_by_station ON rectification(station_id, due_on);
        CREATE TABLE notice (
            key TEXT PRIMARY KEY NOT NULL CHECK (key <> ''),
            raised_on TEXT NOT NULL CHECK (date(raised_on) IS raised_on)
        ) WITHOUT ROWID;
        """

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
    static func applyEvaluation(_ write: Write, in db: Database) throws {
        switch write {
        case .complianceState(let state):
            try run(
                db,
                "compliance_state",
                """
                INSERT INTO compliance_state (\(complianceStateColumns)) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (standard_id, subject, rule_id) DO UPDATE SET outcome = excluded.outcome,
                    measured = excluded.measured, checked_on = excluded.checked_on
                """,
                [
                    state.standard, state.subject, state.rule, state.outcome.rawValue, state.measured,
                    state.checkedOn.description,
                ]
            )
        case .evaluation(let evaluation):
            try Self.write(evaluation, in: db)
        case .evaluationScore(let score):
            try run(
                db,
                "evaluation_score",
                """
                INSERT INTO evaluation_score (\(evaluationScoreColumns))
                SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM evaluation WHERE id = ? AND submitted_on IS NULL)
                ON CONFLICT (evaluation_id, indicator_id, assessor) DO UPDATE SET points = excluded.points,
                    note = excluded.note
                """,
                [
                    score.evaluation.rawValue, score.indicator, score.assessor.rawValue, score.points.tenths,
                    score.note, score.evaluation.rawValue,
                ]
            )
            guard db.changesCount == 1 else {
                throw StoreError(
                    code: .constraintViolation,
                    location: "evaluation_score",
                    reason: "the evaluation is unknown or submitted (frozen)"
                )
            }
        case .rectification(let item):
            try Self.write(item, in: db)
        case .notice(let key, let day):
            try run(db, "notice", "INSERT INTO notice (key, raised_on) VALUES (?, ?)", [key, day.description])
        default:
            throw StoreError(code: .invalidChange, location: "evaluation", reason: "not an evaluation write")
        }
    }

    /// Inserts an open evaluation; submits a stored one only while it is open.
    private static func write(_ evaluation: Evaluation, in db: Database) throws {
        let values: [(any DatabaseValueConvertible)?] = [
            evaluation.id.rawValue, evaluation.station.rawValue, evaluation.year, evaluation.period.rawValue,
            evaluation.scheme, evaluation.openedOn.description, evaluation.submittedOn?.description,
            evaluation.selfTotal?.tenths, evaluation.thirdPartyTotal?.tenths,
        ]
        let insert = "INSERT INTO evaluation (\(evaluationColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        guard evaluation.isSubmitted else {
            try run(db, "evaluation", insert, values)
            return
        }
        try run(
            db,
            "evaluation",
            insert
                + """
                 ON CONFLICT (id) DO UPDATE SET submitted_on = excluded.submitted_on, self_total = excluded.self_total,
                    third_party_total = excluded.third_party_total
                WHERE evaluation.submitted_on IS NULL
                """,
            values
        )
        guard db.changesCount == 1 else {
            throw StoreError(
                code: .constraintViolation,
                location: "evaluation",
                reason: "the evaluation is submitted already"
            )
        }
    }

    /// Inserts a new item; marks a stored one done only while it is not.
    private static func write(_ item: Rectification, in db: Database) throws {
        let values: [(any DatabaseValueConvertible)?] = [
            item.id.rawValue, item.evaluation.rawValue, item.station.rawValue, item.indicator, item.item,
            item.owner.rawValue, item.raisedOn.description, item.dueOn.description, item.doneOn?.description,
        ]
        let insert = "INSERT INTO rectification (\(rectificationColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        guard item.doneOn != nil else {
            try run(db, "rectification", insert, values)
            return
        }
        try run(
            db,
            "rectification",
            insert + " ON CONFLICT (id) DO UPDATE SET done_on = excluded.done_on WHERE rectification.done_on IS NULL",
            values
        )
        guard db.changesCount == 1 else {
            throw StoreError(code: .constraintViolation, location: "rectification", reason: "the item is done already")
        }
    }

    /// The last results of `standard`'s rules.
    public func complianceStates(standard: String) async throws -> [ComplianceState] {
        let sql = """
            SELECT \(Self.complianceStateColumns) FROM compliance_state WHERE standard_id = ? ORDER BY subject, rule_id
            """
        return try await read("compliance_state") { db in
            try Self.rows(db, sql: sql, arguments: [standard]).map(Self.complianceState)
        }
    }

    /// The evaluation with `id`.
    public func evaluation(_ id: EvaluationID) async throws -> Evaluation? {
        try await read("evaluation") { db in
            try Self.rows(
                db,
                sql: "SELECT \(Self.evaluationColumns) FROM evaluation WHERE id = ?",
                arguments: [id.rawValue]
            ).first.map(Self.evaluation)
        }
    }

    /// The evaluations in `scope`.
    public func evaluations(in scope: Scope, year: Int?) async throws -> [Evaluation] {
        var (filter, arguments) = Self.stationFilter(scope, alias: "s")
        if let year {
            filter += " AND e.year = ?"
            arguments += [year]
        }
        let sql = """
            SELECT \(Self.qualified(Self.evaluationColumns, "e")) FROM evaluation e JOIN station s ON s.id = e.station_id
            WHERE \(filter) ORDER BY s.org_unit_code, e.station_id, e.year, e.period = 'final', e.scheme_id
            """
        let bound = arguments
        return try await read("evaluation") { db in
            try Self.rows(db, sql: sql, arguments: bound).map(Self.evaluation)
        }
    }

    /// The scores of an evaluation.
    public func evaluationScores(of id: EvaluationID) async throws -> [EvaluationScore] {
        let sql = """
            SELECT \(Self.evaluationScoreColumns) FROM evaluation_score WHERE evaluation_id = ?
            ORDER BY indicator_id, assessor
            """
        return try await read("evaluation_score") { db in
            try Self.rows(db, sql: sql, arguments: [id.rawValue]).map(Self.evaluationScore)
        }
    }

    /// The rectification item with `id`.
    public func rectification(_ id: RectificationID) async throws -> Rectification? {
        try await read("rectification") { db in
            try Self.rows(
                db,
                sql: "SELECT \(Self.rectificationColumns) FROM rectification WHERE id = ?",
                arguments: [id.rawValue]
            ).first.map(Self.rectification)
        }
    }

    /// The rectification items in `scope`.
    public func rectifications(in scope: Scope, openOnly: Bool) async throws -> [Rectification] {
        let (filter, arguments) = Self.stationFilter(scope, alias: "s")
        let sql = """
            SELECT \(Self.qualified(Self.rectificationColumns, "r")) FROM rectification r
            JOIN station s ON s.id = r.station_id WHERE \(filter)\(openOnly ? " AND r.done_on IS NULL" : "")
            ORDER BY r.due_on, r.id
            """
        return try await read("rectification") { db in
            try Self.rows(db, sql: sql, arguments: arguments).map(Self.rectification)
        }
    }

    /// Those of `keys` raised already.
    public func raisedNotices(among keys: [String]) async throws -> Set<String> {
        guard !keys.isEmpty else { return [] }
        let sql = "SELECT key FROM notice WHERE key IN (SELECT value FROM json_each(?))"
        let list = Self.jsonArray(keys)
        return try await read("notice") { db in
            Set(try Self.rows(db, sql: sql, arguments: [list]).map { try $0.decode(forColumn: "key") as String })
        }
    }

    static func complianceState(_ row: Row) throws -> ComplianceState {
        ComplianceState(
            standard: try row.decode(forColumn: "standard_id"),
            subject: try row.decode(forColumn: "subject"),
            rule: try row.decode(forColumn: "rule_id"),
            outcome: try enumValue(row, "outcome"),
            measured: try row.decode(forColumn: "measured"),
            checkedOn: try date(row, "checked_on")
        )
    }

    static func evaluation(_ row: Row) throws -> Evaluation {
        let selfTotal: Int? = try row.decode(forColumn: "self_total")
        let thirdPartyTotal: Int? = try row.decode(forColumn: "third_party_total")
        return Evaluation(
            id: try id(row, "id"),
            station: try id(row, "station_id"),
            year: try row.decode(forColumn: "year"),
            period: try enumValue(row, "period"),
            scheme: try row.decode(forColumn: "scheme_id"),
            openedOn: try date(row, "opened_on"),
            submittedOn: try optionalDate(row, "submitted_on"),
            selfTotal: selfTotal.map(Points.init(tenths:)),
            thirdPartyTotal: thirdPartyTotal.map(Points.init(tenths:))
        )
    }

    static func evaluationScore(_ row: Row) throws -> EvaluationScore {
        EvaluationScore(
            evaluation: try id(row, "evaluation_id"),
            indicator: try row.decode(forColumn: "indicator_id"),
            assessor: try enumValue(row, "assessor"),
            points: Points(tenths: try row.decode(forColumn: "points")),
            note: try row.decode(forColumn: "note")
        )
    }

    static func rectification(_ row: Row) throws -> Rectification {
        Rectification(
            id: try id(row, "id"),
            evaluation: try id(row, "evaluation_id"),
            station: try id(row, "station_id"),
            indicator: try row.decode(forColumn: "indicator_id"),
            item: try row.decode(forColumn: "item"),
            owner: try id(row, "owner_id"),
            raisedOn: try date(row, "raised_on"),
            dueOn: try date(row, "due_on"),
            doneOn: try optionalDate(row, "done_on")
        )
    }
}
