import Foundation
import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// One table of the snapshot: its rows after a key, in key order, and how a row becomes a write.
    private struct SnapshotTable: Sendable {
        let sql: String  // selects the key as `snapshot_key`; binds (after key, limit)
        let write: @Sendable (Row) throws -> Write
    }

    /// The tables in dependency order; each query pages by its primary key.
    private static let snapshotTables: [SnapshotTable] = [
        SnapshotTable(
            sql: "SELECT code AS snapshot_key, code, name FROM org_unit WHERE code > ? ORDER BY code LIMIT ?",
            write: { .orgUnit(try orgUnit($0)) }
        ),
        SnapshotTable(
            sql: "SELECT id AS snapshot_key, id, name FROM agency WHERE id > ? ORDER BY id LIMIT ?",
            write: { .agency(try agency($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT s.id AS snapshot_key, s.id, s.name, s.kind, s.org_unit_code, s.area_m2, s.agency_id, s.brand_name, s.case_stage_days, s.client_categories, s.volunteering, s.indicators,
                       (SELECT group_concat(value, ',') FROM (SELECT value FROM json_each(s.rooms) ORDER BY key)) AS rooms
                FROM station s WHERE s.id > ? ORDER BY s.id LIMIT ?
                """,
            write: { .station(try station($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, \(workerColumns) FROM worker WHERE id > ? ORDER BY id LIMIT ?
                """,
            write: { .worker(try worker($0)) }
        ),
        SnapshotTable(
            sql:
                "SELECT id AS snapshot_key, id, station_id, name, version, checksum FROM program WHERE id > ? ORDER BY id LIMIT ?",
            write: { .program(try program($0)) }
        ),
        SnapshotTable(
            sql:
                "SELECT id AS snapshot_key, id, program_id, name, slot, retired FROM sub_project WHERE id > ? ORDER BY id LIMIT ?",
            write: { .subProject(try subProject($0)) }
        ),
        SnapshotTable(
            sql:
                "SELECT id AS snapshot_key, id, station_id, village_code FROM household WHERE id > ? ORDER BY id LIMIT ?",
            write: { .household(try household($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, id, station_id, household_id, village_code, categories, name_sealed,
                       id_number_sealed, id_number_digest, phone_sealed, phone_digest, consent_on, consent_scope, risk_level,
                       consent_by
                FROM client WHERE id > ? ORDER BY id LIMIT ?
                """,
            write: { .client(try client($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, \(volunteerColumns) FROM volunteer WHERE id > ? ORDER BY id LIMIT ?
                """,
            write: { .volunteer(try volunteer($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, \(charityFundColumns) FROM charity_fund WHERE id > ? ORDER BY id LIMIT ?
                """,
            write: { .charityFund(try charityFund($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, \(charityGrantColumns) FROM charity_grant WHERE id > ? ORDER BY id LIMIT ?
                """,
            write: { .charityGrant(try charityGrant($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, \(organisationColumns) FROM community_organisation WHERE id > ? ORDER BY id LIMIT ?
                """,
            write: { .organisation(try organisation($0)) }
        ),
        // Resources before wishes: a wish may name the resource that claimed it.
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, \(resourceColumns) FROM community_resource WHERE id > ? ORDER BY id LIMIT ?
                """,
            write: { .resource(try resource($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, \(microWishColumns) FROM micro_wish WHERE id > ? ORDER BY id LIMIT ?
                """,
            write: { .microWish(try microWish($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT d.id AS snapshot_key, \(qualified(donationColumns, "d")),
                       (SELECT v.previous FROM entry_revision v
                        WHERE v.entry_kind = 'donation' AND v.entry_id = d.id AND v.version = 2) AS first
                FROM donation d WHERE d.id > ? ORDER BY d.id LIMIT ?
                """,
            // A revised gift goes out as it was first written; its revisions follow and replay.
            write: { row in
                let first: String? = try row.decode(forColumn: "first")
                return .donation(try first.map(Donation.init(historyJSON:)) ?? donation(row))
            }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, id, station_id, year, category, source, name, amount_fen
                FROM budget_line WHERE id > ? ORDER BY id LIMIT ?
                """,
            write: { .budgetLine(try budgetLine($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT e.id AS snapshot_key, \(qualified(expenseColumns, "e")),
                       (SELECT v.previous FROM entry_revision v
                        WHERE v.entry_kind = 'expense' AND v.entry_id = e.id AND v.version = 2) AS first
                FROM expense e WHERE e.id > ? ORDER BY e.id LIMIT ?
                """,
            write: { row in
                let first: String? = try row.decode(forColumn: "first")
                return .expense(try first.map(Expense.init(historyJSON:)) ?? expense(row))
            }
        ),
        SnapshotTable(
            sql: """
                SELECT entry_kind || '/' || entry_id || '/' || printf('%09d', version) AS snapshot_key, entry_kind,
                       \(entryRevisionColumns)
                FROM entry_revision WHERE entry_kind IN ('expense', 'donation')
                    AND entry_kind || '/' || entry_id || '/' || printf('%09d', version) > ?
                ORDER BY entry_kind, entry_id, version LIMIT ?
                """,
            write: { row in
                switch try enumValue(row, "entry_kind") as EntryKind {
                case .expense: .expenseRevision(try entryRevision(row))
                case .donation: .donationRevision(try entryRevision(row))
                case .hours: .hoursRevision(try entryRevision(row))
                }
            }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, id, worker_id, station_id, on_date, class_hours, title, is_external
                FROM training_record WHERE id > ? ORDER BY id LIMIT ?
                """,
            write: { .training(try training($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, id, worker_id, station_id, on_date, minutes, village_code
                FROM work_log WHERE id > ? ORDER BY id LIMIT ?
                """,
            write: { .workLog(try workLog($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT village_code || '|' || worker_id || '|' || since AS snapshot_key, village_code, worker_id,
                       station_id, since, until
                FROM village_liaison WHERE village_code || '|' || worker_id || '|' || since > ?
                ORDER BY snapshot_key LIMIT ?
                """,
            write: { .liaison(try liaison($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT t.id AS snapshot_key, \(teamColumns) FROM volunteer_team t WHERE t.id > ? ORDER BY t.id LIMIT ?
                """,
            write: { .volunteerTeam(try volunteerTeam($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, id, station_id, name, held_on, cap_minutes
                FROM volunteer_activity WHERE id > ? ORDER BY id LIMIT ?
                """,
            write: { .volunteerActivity(try volunteerActivity($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT h.id AS snapshot_key, h.id AS hours_id, h.activity_id, h.volunteer_id, h.check_in_ms,
                       h.check_out_ms, h.method, h.worker_id, h.minutes,
                       (SELECT v.previous FROM entry_revision v
                        WHERE v.entry_kind = 'hours' AND v.entry_id = h.id AND v.version = 2) AS first
                FROM volunteer_hours h WHERE h.id > ? ORDER BY h.id LIMIT ?
                """,
            // Revised hours go out as first recorded; their revisions follow the passbook and replay.
            write: { row in
                let first: String? = try row.decode(forColumn: "first")
                return .volunteerHours(try first.map(VolunteerHours.init(historyJSON:)) ?? volunteerHours(row))
            }
        ),
        SnapshotTable(
            sql: """
                SELECT printf('%015d', sequence) AS snapshot_key, key, volunteer_id, station_id, kind, points, on_date,
                       reference
                FROM passbook_entry WHERE printf('%015d', sequence) > ? ORDER BY sequence LIMIT ?
                """,
            write: { .passbookEntry(try passbookEntry($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT entry_id || '/' || printf('%09d', version) AS snapshot_key, \(entryRevisionColumns)
                FROM entry_revision WHERE entry_kind = 'hours' AND entry_id || '/' || printf('%09d', version) > ?
                ORDER BY entry_id, version LIMIT ?
                """,
            write: { .hoursRevision(try entryRevision($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT g.id AS snapshot_key, \(groupColumns) FROM service_group g WHERE g.id > ? ORDER BY g.id LIMIT ?
                """,
            write: { .serviceGroup(try serviceGroup($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT r.id AS snapshot_key, r.id, r.station_id, r.kind, r.service_date, r.duration_minutes,
                       r.village_code, r.head_count, r.program_id, r.program_version, r.sub_project_id, r.ledger_key, r.group_id,
                       r.fields, r.photos, r.worker_names,
                       (SELECT group_concat(worker_id, ',') FROM service_worker w WHERE w.record_id = r.id) AS workers,
                       (SELECT group_concat(client_id, ',') FROM service_participant p WHERE p.record_id = r.id)
                           AS clients,
                       (SELECT v.previous FROM service_revision v WHERE v.record_id = r.id AND v.version = 2) AS first
                FROM service_record r WHERE r.id > ? ORDER BY r.id LIMIT ?
                """,
            // A revised record goes out as it was first written; its revisions follow and replay.
            write: { row in
                let first: String? = try row.decode(forColumn: "first")
                return .serviceRecord(try first.map(ServiceRecord.init(historyJSON:)) ?? serviceRecord(row))
            }
        ),
        SnapshotTable(
            sql: """
                SELECT record_id || '/' || printf('%09d', version) AS snapshot_key, \(revisionColumns)
                FROM service_revision WHERE record_id || '/' || printf('%09d', version) > ?
                ORDER BY record_id, version LIMIT ?
                """,
            write: { .serviceRevision(try revision($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT record_id AS snapshot_key, record_id, agency_name, outcome, outcome_on
                FROM referral WHERE record_id > ? ORDER BY record_id LIMIT ?
                """,
            write: { .referral(try referral($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT c.id AS snapshot_key, \(caseColumns) FROM case_file c WHERE c.id > ? ORDER BY c.id LIMIT ?
                """,
            write: { .caseFile(try caseFile($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT case_id || ':' || printf('%010d', position) AS snapshot_key, case_id, position, stage, since,
                       worker_id
                FROM case_stage WHERE case_id || ':' || printf('%010d', position) > ?
                ORDER BY case_id, position LIMIT ?
                """,
            write: { row in
                .caseStage(
                    try id(row, "case_id"),
                    position: try row.decode(forColumn: "position"),
                    CaseStageEntry(
                        stage: try enumValue(row, "stage"),
                        since: try date(row, "since"),
                        worker: try id(row, "worker_id")
                    )
                )
            }
        ),
        SnapshotTable(
            sql: """
                SELECT standard_id || '|' || subject || '|' || rule_id AS snapshot_key, \(complianceStateColumns)
                FROM compliance_state WHERE standard_id || '|' || subject || '|' || rule_id > ?
                ORDER BY snapshot_key LIMIT ?
                """,
            write: { .complianceState(try complianceState($0)) }
        ),
        // Evaluations go in open, then their scores, then the submissions: a submitted evaluation
        // takes no scores.
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, id, station_id, year, period, scheme_id, opened_on, NULL AS submitted_on,
                       NULL AS self_total, NULL AS third_party_total
                FROM evaluation WHERE id > ? ORDER BY id LIMIT ?
                """,
            write: { .evaluation(try evaluation($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT evaluation_id || '|' || indicator_id || '|' || assessor AS snapshot_key, \(evaluationScoreColumns)
                FROM evaluation_score WHERE evaluation_id || '|' || indicator_id || '|' || assessor > ?
                ORDER BY snapshot_key LIMIT ?
                """,
            write: { .evaluationScore(try evaluationScore($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, \(evaluationColumns) FROM evaluation
                WHERE submitted_on IS NOT NULL AND id > ? ORDER BY id LIMIT ?
                """,
            write: { .evaluation(try evaluation($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, \(rectificationColumns) FROM rectification WHERE id > ? ORDER BY id LIMIT ?
                """,
            write: { .rectification(try rectification($0)) }
        ),
        SnapshotTable(
            sql: "SELECT key AS snapshot_key, key, raised_on FROM notice WHERE key > ? ORDER BY key LIMIT ?",
            write: { .notice(key: try $0.decode(forColumn: "key"), on: try date($0, "raised_on")) }
        ),
        // Accounts and tokens move with the workspace; sessions and failed sign-ins do not (a copy
        // signs everyone out and forgets the throttle).
        SnapshotTable(
            sql: "SELECT id AS snapshot_key, \(accountColumns) FROM user_account WHERE id > ? ORDER BY id LIMIT ?",
            write: { .account(try account($0)) }
        ),
        SnapshotTable(
            sql: "SELECT id AS snapshot_key, \(tokenColumns) FROM api_token WHERE id > ? ORDER BY id LIMIT ?",
            write: { .apiToken(try token($0)) }
        ),
        // Approval steps last, each period's in position order: they lock rows written before them.
        SnapshotTable(
            sql: """
                SELECT workflow_id || '|' || period_key || '|' || station_id || '|' || printf('%08d', position)
                       AS snapshot_key, \(approvalStepColumns)
                FROM approval_step
                WHERE workflow_id || '|' || period_key || '|' || station_id || '|' || printf('%08d', position) > ?
                ORDER BY snapshot_key LIMIT ?
                """,
            write: { .approvalStep(try approvalStep($0)) }
        ),
        // Requests by their steps, each request's in position order; the filing carries the sealed
        // content as it stands now, later steps their sealed notes.
        SnapshotTable(
            sql: """
                SELECT t.request_id || '|' || printf('%08d', t.position) AS snapshot_key,
                    \(qualified(requestStepColumns, "t")), r.description_sealed, r.name_sealed, r.id_number_sealed,
                    r.id_number_digest, r.phone_sealed, r.phone_digest, r.tracking_digest
                FROM request_step t JOIN resident_request r ON r.id = t.request_id
                WHERE t.request_id || '|' || printf('%08d', t.position) > ?
                ORDER BY snapshot_key LIMIT ?
                """,
            write: { row in
                let position: Int = try row.decode(forColumn: "position")
                return .requestStep(try requestStep(row, content: position == 0 ? try requestContent(row) : nil))
            }
        ),
    ]

    /// Visits every row by table and key, then every event by sequence.
    public func exportSnapshot(batchSize: Int, _ visit: (SnapshotBatch) async throws -> Void) async throws {
        let size = max(1, batchSize)
        for table in Self.snapshotTables {
            var after = ""
            while true {
                let key = after
                let (writes, last) = try await read("snapshot") { db in
                    let rows = try Self.rows(db, sql: table.sql, arguments: [key, size])
                    return (
                        try rows.map(table.write),
                        try rows.last.map { try $0.decode(String.self, forColumn: "snapshot_key") }
                    )
                }
                guard let last else { break }
                try await visit(.rows(writes))
                after = last
                if writes.count < size { break }
            }
        }
        var cursor = EventSequence.start
        while true {
            let events = try await events(after: cursor, limit: size)
            guard let last = events.last else { break }
            try await visit(.events(events))
            cursor = last.sequence
        }
    }

    /// Writes one exported batch in one transaction.
    public func importSnapshot(_ batch: SnapshotBatch) async throws {
        try await mapErrors("import") {
            try await pool.write { db in
                switch batch {
                case .rows(let writes):
                    for write in writes { try Self.apply(write, in: db) }
                case .events(let events):
                    for stored in events { try Self.append(stored.event, at: stored.sequence, in: db) }
                }
            }
        }
    }

    // MARK: Rows only the snapshot reads

    static func agency(_ row: Row) throws -> Agency {
        Agency(id: try id(row, "id"), name: try row.decode(forColumn: "name"))
    }

    static func household(_ row: Row) throws -> Household {
        Household(id: try id(row, "id"), station: try id(row, "station_id"), village: try code(row, "village_code"))
    }

    static func volunteer(_ row: Row) throws -> Volunteer {
        Volunteer(
            id: try id(row, "id"),
            station: try id(row, "station_id"),
            village: try optionalCode(row, "village_code"),
            registeredOn: try date(row, "registered_on"),
            personal: try sealed(row),
            checkInCode: try row.decode(forColumn: "check_in_code")
        )
    }
}
