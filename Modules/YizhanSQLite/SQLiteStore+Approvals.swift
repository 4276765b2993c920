import Foundation
import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// Approval states per workflow, period and station, and their histories (issue 25).
    static let v30Approvals = """
        CREATE TABLE approval (
            workflow_id TEXT NOT NULL CHECK (workflow_id <> ''),
            period_key TEXT NOT NULL CHECK (period_key <> ''),
            period_type TEXT NOT NULL CHECK (period_type IN ('month', 'halfYear', 'year')),
            station_id TEXT NOT NULL REFERENCES station(id),
            starts_on TEXT NOT NULL CHECK (date(starts_on) IS starts_on),
            ends_on TEXT NOT NULL CHECK (date(ends_on) IS ends_on AND ends_on >= starts_on),
            state TEXT NOT NULL CHECK (state IN ('open', 'submitted', 'approved', 'accepted')),
            version INTEGER NOT NULL CHECK (version >= 1),
            locks_services INTEGER NOT NULL CHECK (locks_services IN (0, 1)),
            locks_donations INTEGER NOT NULL CHECK (locks_donations IN (0, 1)),
            locks_expenses INTEGER NOT NULL CHECK (locks_expenses IN (0, 1)),
            last_actor TEXT NOT NULL CHECK (last_actor <> ''),
            last_step_at_ms INTEGER NOT NULL,
            digest TEXT NOT NULL CHECK (length(digest) = 64),
            PRIMARY KEY (workflow_id, period_key, station_id)
        ) WITHOUT ROWID;
        CREATE INDEX approval_locks ON approval(station_id, starts_on, ends_on) WHERE state <> 'open';
        CREATE TABLE approval_step (
            workflow_id TEXT NOT NULL,
            period_key TEXT NOT NULL,
            period_type TEXT NOT NULL CHECK (period_type IN ('month', 'halfYear', 'year')),
            station_id TEXT NOT NULL REFERENCES station(id),
            position INTEGER NOT NULL CHECK (position >= 0),
            action TEXT NOT NULL CHECK (action IN ('submit', 'approve', 'return', 'unapprove', 'accept', 'reopen')),
            from_state TEXT NOT NULL CHECK (from_state IN ('open', 'submitted', 'approved', 'accepted')),
            to_state TEXT NOT NULL CHECK (to_state IN ('open', 'submitted', 'approved', 'accepted')),
            actor TEXT NOT NULL CHECK (actor <> ''),
            level TEXT NOT NULL CHECK (level IN ('station', 'county', 'city')),
            at_ms INTEGER NOT NULL,
            reason TEXT CHECK (reason IS NULL OR reason <> ''),
            digest TEXT NOT NULL CHECK (length(digest) = 64),
            covers TEXT NOT NULL,
            PRIMARY KEY (workflow_id, period_key, station_id, position)
        ) WITHOUT ROWID;
        """

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
    static func apply(_ step: ApprovalStep, in db: Database) throws {
        let days = step.period.days
        let after = step.resulting
        let locks: [(any DatabaseValueConvertible)?] = [
            step.covers.contains(.services), step.covers.contains(.donations), step.covers.contains(.expenses),
        ]
        if step.position == 0 {
            // The first step of a period: its row is new; a row there already breaks the insert.
            try run(
                db,
                "approval",
                """
                INSERT INTO approval (workflow_id, period_key, period_type, station_id, starts_on, ends_on, state,
                    version, locks_services, locks_donations, locks_expenses, last_actor, last_step_at_ms, digest)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE ? = 'open'
                """,
                [
                    step.workflow, step.period.description, step.period.type.rawValue, step.station.rawValue,
                    days.start.description, days.end.description, after.state.rawValue, after.version,
                ] + locks + [step.actor.rawValue, step.at.millisecondsSince1970, step.digest, step.from.rawValue]
            )
        } else {
            try run(
                db,
                "approval",
                """
                UPDATE approval SET state = ?, version = ?, locks_services = ?, locks_donations = ?, locks_expenses = ?,
                    last_actor = ?, last_step_at_ms = ?, digest = ?
                WHERE workflow_id = ? AND period_key = ? AND station_id = ? AND version = ? AND state = ?
                """,
                [after.state.rawValue, after.version] + locks + [
                    step.actor.rawValue, step.at.millisecondsSince1970, step.digest, step.workflow,
                    step.period.description, step.station.rawValue, step.position, step.from.rawValue,
                ]
            )
        }
        guard db.changesCount == 1 else {
            throw StoreError(
                code: .constraintViolation,
                location: "approval",
                reason: "the period is no longer \(step.from.rawValue) at version \(step.position)"
            )
        }
        try run(
            db,
            "approval_step",
            "INSERT INTO approval_step (\(approvalStepColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                step.workflow, step.period.description, step.period.type.rawValue, step.station.rawValue,
                step.position, step.action.rawValue, step.from.rawValue, step.to.rawValue, step.actor.rawValue,
                step.level.rawValue, step.at.millisecondsSince1970, step.reason, step.digest,
                step.covers.sorted().map(\.rawValue).joined(separator: ","),
            ]
        )
    }

    /// Refuses a row of `data` dated `day` at `station` (or at the station of budget line `line`)
    /// when a submitted, approved or accepted period covers it (issue 25.3).
    ///
    /// - Throws: `PeriodLockedError` naming the period, its state and who holds it.
    static func checkUnlocked(
        _ data: ApprovedData,
        station: StationID? = nil,
        line: BudgetLineID? = nil,
        day: CivilDate,
        in db: Database
    ) throws {
        let flag =
            switch data {
            case .services: "locks_services"
            case .donations: "locks_donations"
            case .expenses: "locks_expenses"
            }
        let stationTerm = line == nil ? "?" : "(SELECT station_id FROM budget_line WHERE id = ?)"
        let sql = """
            SELECT \(approvalColumns) FROM approval
            WHERE station_id = \(stationTerm) AND state <> 'open' AND \(flag) = 1 AND starts_on <= ? AND ends_on >= ?
            ORDER BY starts_on LIMIT 1
            """
        let key = line?.rawValue ?? station?.rawValue
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: sql),
                arguments: [key, day.description, day.description]
            )
        else { return }
        throw PeriodLockedError(data: data, day: day, approval: try approval(row))
    }

    /// The state of a workflow's period at a station.
    public func approval(workflow: String, period: ApprovalPeriod, station: StationID) async throws -> Approval? {
        let sql = """
            SELECT \(Self.approvalColumns) FROM approval WHERE workflow_id = ? AND period_key = ? AND station_id = ?
            """
        return try await read("approval") { db in
            try Self.rows(db, sql: sql, arguments: [workflow, period.description, station.rawValue]).first
                .map(Self.approval)
        }
    }

    /// The states of a workflow in `scope`.
    public func approvals(workflow: String, period: ApprovalPeriod?, in scope: Scope) async throws -> [Approval] {
        var (filter, arguments) = Self.stationFilter(scope, alias: "s")
        filter += " AND a.workflow_id = ?"
        arguments += [workflow]
        if let period {
            filter += " AND a.period_key = ?"
            arguments += [period.description]
        }
        let sql = """
            SELECT \(Self.qualified(Self.approvalColumns, "a")) FROM approval a JOIN station s ON s.id = a.station_id
            WHERE \(filter) ORDER BY a.starts_on, a.station_id
            """
        let bound = arguments
        return try await read("approval") { db in
            try Self.rows(db, sql: sql, arguments: bound).map(Self.approval)
        }
    }

    /// The steps of a workflow's period at a station.
    public func approvalSteps(
        workflow: String,
        period: ApprovalPeriod,
        station: StationID
    ) async throws
        -> [ApprovalStep]
    {
        let sql = """
            SELECT \(Self.approvalStepColumns) FROM approval_step
            WHERE workflow_id = ? AND period_key = ? AND station_id = ? ORDER BY position
            """
        return try await read("approval_step") { db in
            try Self.rows(db, sql: sql, arguments: [workflow, period.description, station.rawValue])
                .map(Self.approvalStep)
        }
    }

    static func approval(_ row: Row) throws -> Approval {
        var covers: Set<ApprovedData> = []
        if try row.decode(forColumn: "locks_services") as Bool { covers.insert(.services) }
        if try row.decode(forColumn: "locks_donations") as Bool { covers.insert(.donations) }
        if try row.decode(forColumn: "locks_expenses") as Bool { covers.insert(.expenses) }
        return Approval(
            workflow: try row.decode(forColumn: "workflow_id"),
            period: try period(row),
            station: try id(row, "station_id"),
            state: try enumValue(row, "state"),
            version: try row.decode(forColumn: "version"),
            covers: covers,
            lastActor: Actor(rawValue: try row.decode(forColumn: "last_actor")),
            lastStepAt: Date(millisecondsSince1970: try row.decode(forColumn: "last_step_at_ms")),
            digest: try row.decode(forColumn: "digest")
        )
    }

    static func approvalStep(_ row: Row) throws -> ApprovalStep {
        let covers: String = try row.decode(forColumn: "covers")
        return ApprovalStep(
            workflow: try row.decode(forColumn: "workflow_id"),
            period: try period(row),
            station: try id(row, "station_id"),
            position: try row.decode(forColumn: "position"),
            action: try enumValue(row, "action"),
            from: try enumValue(row, "from_state"),
            to: try enumValue(row, "to_state"),
            actor: Actor(rawValue: try row.decode(forColumn: "actor")),
            level: try enumValue(row, "level"),
            at: Date(millisecondsSince1970: try row.decode(forColumn: "at_ms")),
            reason: try row.decode(forColumn: "reason"),
            digest: try row.decode(forColumn: "digest"),
            covers: Set(
                try covers.split(separator: ",").map { try parse(ApprovedData(rawValue: String($0)), "covers") }
            )
        )
    }

    private static func period(_ row: Row) throws -> ApprovalPeriod {
        let type: ApprovalPeriodType = try enumValue(row, "period_type")
        let key: String = try row.decode(forColumn: "period_key")
        return try parse(try? ApprovalPeriod(parsing: key, type: type), "period_key")
    }
}
