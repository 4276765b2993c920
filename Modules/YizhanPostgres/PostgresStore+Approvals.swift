import Foundation
import Logging
import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// Approval states per workflow, period and station, and their histories (issue 25).
    static let v30Approvals = Migration(
        name: "v30 approvals: states per workflow, period and station, and their steps",
        statements: [
            """
            CREATE TABLE approval (
                workflow_id TEXT COLLATE "C" NOT NULL CHECK (workflow_id <> ''),
                period_key TEXT COLLATE "C" NOT NULL CHECK (period_key <> ''),
                period_type TEXT NOT NULL CHECK (period_type IN ('month', 'halfYear', 'year')),
                station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                starts_on TEXT COLLATE "C" NOT NULL CHECK (starts_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
                ends_on TEXT COLLATE "C" NOT NULL CHECK (ends_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND ends_on >= starts_on),
                state TEXT NOT NULL CHECK (state IN ('open', 'submitted', 'approved', 'accepted')),
                version INTEGER NOT NULL CHECK (version >= 1),
                locks_services BOOLEAN NOT NULL,
                locks_donations BOOLEAN NOT NULL,
                locks_expenses BOOLEAN NOT NULL,
                last_actor TEXT NOT NULL CHECK (last_actor <> ''),
                last_step_at_ms BIGINT NOT NULL,
                digest TEXT NOT NULL CHECK (length(digest) = 64),
                PRIMARY KEY (workflow_id, period_key, station_id)
            )
            """,
            "CREATE INDEX approval_locks ON approval(station_id, starts_on, ends_on) WHERE state <> 'open'",
            """
            CREATE TABLE approval_step (
                workflow_id TEXT COLLATE "C" NOT NULL,
                period_key TEXT COLLATE "C" NOT NULL,
                period_type TEXT NOT NULL CHECK (period_type IN ('month', 'halfYear', 'year')),
                station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                position INTEGER NOT NULL CHECK (position >= 0),
                action TEXT NOT NULL CHECK (action IN ('submit', 'approve', 'return', 'unapprove', 'accept', 'reopen')),
                from_state TEXT NOT NULL CHECK (from_state IN ('open', 'submitted', 'approved', 'accepted')),
                to_state TEXT NOT NULL CHECK (to_state IN ('open', 'submitted', 'approved', 'accepted')),
                actor TEXT NOT NULL CHECK (actor <> ''),
                level TEXT NOT NULL CHECK (level IN ('station', 'county', 'city')),
                at_ms BIGINT NOT NULL,
                reason TEXT CHECK (reason IS NULL OR reason <> ''),
                digest TEXT NOT NULL CHECK (length(digest) = 64),
                covers TEXT NOT NULL,
                PRIMARY KEY (workflow_id, period_key, station_id, position)
            )
            """,
        ]
    )

    /// The state columns.
    static let approvalColumns = """
        workflow_id, period_key, period_type, station_id, state, version, locks_services, locks_donations,
        locks_expenses, last_actor, last_step_at_ms, digest
        """
    /// The step columns.
    static let approvalStepColumns = """
        workflow_id, period_key, period_type, station_id, position, action, from_state, to_state, actor, level, at_ms,
        reason, digest, covers
        """

    /// Takes `step`: its state moves only from the step's `from` at version `position`, and the
    /// step goes into the history at its position; otherwise the change breaks.
    static func apply(_ step: ApprovalStep, on connection: PostgresConnection, logger: Logger) async throws {
        let days = step.period.days
        let after = step.resulting
        let services = step.covers.contains(.services)
        let donations = step.covers.contains(.donations)
        let expenses = step.covers.contains(.expenses)
        let moved: [PostgresRow]
        if step.position == 0 {
            // The first step of a period: its row is new; a row there already breaks the insert.
            moved = try await connection.query(
                """
                INSERT INTO approval (workflow_id, period_key, period_type, station_id, starts_on, ends_on, state,
                    version, locks_services, locks_donations, locks_expenses, last_actor, last_step_at_ms, digest)
                SELECT \(step.workflow), \(step.period.description), \(step.period.type.rawValue),
                       \(step.station.rawValue), \(days.start.description), \(days.end.description),
                       \(after.state.rawValue), \(after.version), \(services), \(donations), \(expenses),
                       \(step.actor.rawValue), \(step.at.millisecondsSince1970), \(step.digest)
                WHERE \(step.from.rawValue) = 'open'
                RETURNING version
                """,
                logger: logger
            ).collect()
        } else {
            moved = try await connection.query(
                """
                UPDATE approval SET state = \(after.state.rawValue), version = \(after.version),
                    locks_services = \(services), locks_donations = \(donations), locks_expenses = \(expenses),
                    last_actor = \(step.actor.rawValue), last_step_at_ms = \(step.at.millisecondsSince1970),
                    digest = \(step.digest)
                WHERE workflow_id = \(step.workflow) AND period_key = \(step.period.description)
                    AND station_id = \(step.station.rawValue) AND version = \(step.position)
                    AND state = \(step.from.rawValue)
                RETURNING version
                """,
                logger: logger
            ).collect()
        }
        guard moved.count == 1 else {
            throw StoreError(
                code: .constraintViolation,
                location: "approval",
                reason: "the period is no longer \(step.from.rawValue) at version \(step.position)"
            )
        }
        try await connection.query(
            """
            INSERT INTO approval_step (\(unescaped: approvalStepColumns))
            VALUES (\(step.workflow), \(step.period.description), \(step.period.type.rawValue), \(step.station.rawValue),
                    \(step.position), \(step.action.rawValue), \(step.from.rawValue), \(step.to.rawValue),
                    \(step.actor.rawValue), \(step.level.rawValue), \(step.at.millisecondsSince1970), \(step.reason),
                    \(step.digest), \(step.covers.sorted().map(\.rawValue).joined(separator: ",")))
            """,
            logger: logger
        )
    }

    /// Refuses rows of `data` dated in a submitted, approved or accepted period of their station
    /// (issue 25.3): `keys` are stations (or, for expenses, budget lines) with the days their rows
    /// carry, checked in one statement however many rows an import brings.
    ///
    /// - Throws: `PeriodLockedError` naming the first such period, its state and who holds it.
    static func checkUnlocked(
        _ data: ApprovedData,
        _ keys: [(key: String, day: CivilDate)],
        on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        guard !keys.isEmpty else { return }
        var seen = Set<String>()
        var owners: [String] = []
        var days: [String] = []
        for (key, day) in keys where seen.insert(key + "|" + day.description).inserted {
            owners.append(key)
            days.append(day.description)
        }
        let flag =
            switch data {
            case .services: "locks_services"
            case .donations: "locks_donations"
            case .expenses: "locks_expenses"
            }
        var sql = SQLBuilder()
        let ownerList = try sql.bind(owners)
        let dayList = try sql.bind(days)
        let pairs = "unnest(\(ownerList)::text[], \(dayList)::text[]) AS r(owner, day)"
        let source =
            data == .expenses
            ? "SELECT b.station_id, r.day FROM \(pairs) JOIN budget_line b ON b.id = r.owner"
            : "SELECT r.owner AS station_id, r.day FROM \(pairs)"
        sql.append(
            """
            SELECT \(qualified(approvalColumns, "a")), w.day FROM approval a
            JOIN (\(source)) AS w ON a.station_id = w.station_id COLLATE "C"
                AND w.day COLLATE "C" BETWEEN a.starts_on AND a.ends_on
            WHERE a.state <> 'open' AND a.\(flag) ORDER BY a.starts_on, a.station_id LIMIT 1
            """
        )
        let rows = sql.query
        guard let row = try await connection.query(rows, logger: logger).collect().first?.makeRandomAccess() else {
            return
        }
        throw PeriodLockedError(
            data: data,
            day: try civilDate(row, "day"),
            approval: try approval(row)
        )
    }

    /// The state of a workflow's period at a station.
    public func approval(workflow: String, period: ApprovalPeriod, station: StationID) async throws -> Approval? {
        var sql = SQLBuilder("SELECT \(Self.approvalColumns) FROM approval WHERE workflow_id = ")
        sql.append(try sql.bind(workflow))
        sql.append(" AND period_key = \(try sql.bind(period.description)) AND station_id = ")
        sql.append(try sql.bind(station.rawValue))
        return try await rows("approval", sql) { try Self.approval($0) }.first
    }

    /// The states of a workflow in `scope`.
    public func approvals(workflow: String, period: ApprovalPeriod?, in scope: Scope) async throws -> [Approval] {
        var sql = SQLBuilder(
            "SELECT \(Self.qualified(Self.approvalColumns, "a")) FROM approval a JOIN station s ON s.id = a.station_id WHERE "
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        sql.append(" AND a.workflow_id = \(try sql.bind(workflow))")
        if let period { sql.append(" AND a.period_key = \(try sql.bind(period.description))") }
        sql.append(" ORDER BY a.starts_on, a.station_id")
        return try await rows("approval", sql) { try Self.approval($0) }
    }

    /// The steps of a workflow's period at a station.
    public func approvalSteps(
        workflow: String,
        period: ApprovalPeriod,
        station: StationID
    ) async throws
        -> [ApprovalStep]
    {
        var sql = SQLBuilder("SELECT \(Self.approvalStepColumns) FROM approval_step WHERE workflow_id = ")
        sql.append(try sql.bind(workflow))
        sql.append(" AND period_key = \(try sql.bind(period.description)) AND station_id = ")
        sql.append(try sql.bind(station.rawValue))
        sql.append(" ORDER BY position")
        return try await rows("approval_step", sql) { try Self.approvalStep($0) }
    }

    static func approval(_ cells: PostgresRandomAccessRow) throws -> Approval {
        var covers: Set<ApprovedData> = []
        if try cells["locks_services"].decode(Bool.self) { covers.insert(.services) }
        if try cells["locks_donations"].decode(Bool.self) { covers.insert(.donations) }
        if try cells["locks_expenses"].decode(Bool.self) { covers.insert(.expenses) }
        return Approval(
            workflow: try cells["workflow_id"].decode(String.self),
            period: try period(cells),
            station: try id(cells, "station_id"),
            state: try enumValue(cells, "state"),
            version: try cells["version"].decode(Int.self),
            covers: covers,
            lastActor: Actor(rawValue: try cells["last_actor"].decode(String.self)),
            lastStepAt: Date(millisecondsSince1970: try cells["last_step_at_ms"].decode(Int64.self)),
            digest: try cells["digest"].decode(String.self)
        )
    }

    static func approvalStep(_ cells: PostgresRandomAccessRow) throws -> ApprovalStep {
        let covers = try cells["covers"].decode(String.self)
        return ApprovalStep(
            workflow: try cells["workflow_id"].decode(String.self),
            period: try period(cells),
            station: try id(cells, "station_id"),
            position: try cells["position"].decode(Int.self),
            action: try enumValue(cells, "action"),
            from: try enumValue(cells, "from_state"),
            to: try enumValue(cells, "to_state"),
            actor: Actor(rawValue: try cells["actor"].decode(String.self)),
            level: try enumValue(cells, "level"),
            at: Date(millisecondsSince1970: try cells["at_ms"].decode(Int64.self)),
            reason: try cells["reason"].decode(String?.self),
            digest: try cells["digest"].decode(String.self),
            covers: Set(
                try covers.split(separator: ",").map { try parse(ApprovedData(rawValue: String($0)), "covers") }
            )
        )
    }

    private static func period(_ cells: PostgresRandomAccessRow) throws -> ApprovalPeriod {
        let type: ApprovalPeriodType = try enumValue(cells, "period_type")
        let key = try cells["period_key"].decode(String.self)
        return try parse(try? ApprovalPeriod(parsing: key, type: type), "period_key")
    }
}
