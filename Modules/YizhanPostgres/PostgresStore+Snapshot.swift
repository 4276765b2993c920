import Logging
import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// One table of the snapshot: its rows after a key, in key order, and how a row becomes a write.
    private struct SnapshotTable: Sendable {
        let sql: String  // selects the key as `snapshot_key`; $1 is the key to start after, $2 the limit
        let write: @Sendable (PostgresRow) throws -> Write
    }

    /// The tables in dependency order, each paged by its primary key in "C" (byte) order — the same
    /// order as SQLite's, so both backends export identical batches.
    private static let snapshotTables: [SnapshotTable] = [
        SnapshotTable(
            sql: "SELECT code AS snapshot_key, code, name FROM org_unit WHERE code > $1 ORDER BY code LIMIT $2",
            write: { .orgUnit(try orgUnit($0)) }
        ),
        SnapshotTable(
            sql: "SELECT id AS snapshot_key, id, name FROM agency WHERE id > $1 ORDER BY id LIMIT $2",
            write: { .agency(try agency($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, id, name, kind, org_unit_code, area_m2, rooms, agency_id, brand_name,
                       case_stage_days, client_categories, volunteering, indicators
                FROM station WHERE id > $1 ORDER BY id LIMIT $2
                """,
            write: { .station(try station($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, \(workerColumns) FROM worker WHERE id > $1 ORDER BY id LIMIT $2
                """,
            write: { .worker(try worker($0)) }
        ),
        SnapshotTable(
            sql:
                "SELECT id AS snapshot_key, id, station_id, name, version, checksum FROM program WHERE id > $1 ORDER BY id LIMIT $2",
            write: { .program(try program($0)) }
        ),
        SnapshotTable(
            sql:
                "SELECT id AS snapshot_key, id, program_id, name, slot, retired FROM sub_project WHERE id > $1 ORDER BY id LIMIT $2",
            write: { .subProject(try subProject($0)) }
        ),
        SnapshotTable(
            sql:
                "SELECT id AS snapshot_key, id, station_id, village_code FROM household WHERE id > $1 ORDER BY id LIMIT $2",
            write: { .household(try household($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, id, station_id, household_id, village_code, categories, name_sealed,
                       id_number_sealed, id_number_digest, phone_sealed, phone_digest, consent_on, consent_scope, risk_level,
                       consent_by
                FROM client WHERE id > $1 ORDER BY id LIMIT $2
                """,
            write: { .client(try client($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, \(volunteerColumns) FROM volunteer WHERE id > $1 ORDER BY id LIMIT $2
                """,
            write: { .volunteer(try volunteer($0)) }
        ),
        SnapshotTable(
            sql:
                "SELECT id AS snapshot_key, \(charityFundColumns) FROM charity_fund WHERE id > $1 ORDER BY id LIMIT $2",
            write: { .charityFund(try charityFund($0.makeRandomAccess())) }
        ),
        SnapshotTable(
            sql:
                "SELECT id AS snapshot_key, \(charityGrantColumns) FROM charity_grant WHERE id > $1 ORDER BY id LIMIT $2",
            write: { .charityGrant(try charityGrant($0.makeRandomAccess())) }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, \(organisationColumns) FROM community_organisation WHERE id > $1 ORDER BY id LIMIT $2
                """,
            write: { .organisation(try organisation($0.makeRandomAccess())) }
        ),
        // Resources before wishes: a wish may name the resource that claimed it.
        SnapshotTable(
            sql:
                "SELECT id AS snapshot_key, \(resourceColumns) FROM community_resource WHERE id > $1 ORDER BY id LIMIT $2",
            write: { .resource(try resource($0.makeRandomAccess())) }
        ),
        SnapshotTable(
            sql: "SELECT id AS snapshot_key, \(microWishColumns) FROM micro_wish WHERE id > $1 ORDER BY id LIMIT $2",
            write: { .microWish(try microWish($0.makeRandomAccess())) }
        ),
        SnapshotTable(
            sql: """
                SELECT d.id AS snapshot_key, \(qualified(donationColumns, "d")),
                       (SELECT v.previous::text FROM entry_revision v
                        WHERE v.entry_kind = 'donation' AND v.entry_id = d.id AND v.version = 2) AS first
                FROM donation d WHERE d.id > $1 ORDER BY d.id LIMIT $2
                """,
            // A revised gift goes out as it was first written; its revisions follow and replay.
            write: { row in
                let cells = row.makeRandomAccess()
                let first = try cells["first"].decode(String?.self)
                return .donation(try first.map(Donation.init(historyJSON:)) ?? donation(cells))
            }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, id, station_id, year, category, source, name, amount_fen
                FROM budget_line WHERE id > $1 ORDER BY id LIMIT $2
                """,
            write: { .budgetLine(try budgetLine($0.makeRandomAccess())) }
        ),
        SnapshotTable(
            sql: """
                SELECT e.id AS snapshot_key, \(qualified(expenseColumns, "e")),
                       (SELECT v.previous::text FROM entry_revision v
                        WHERE v.entry_kind = 'expense' AND v.entry_id = e.id AND v.version = 2) AS first
                FROM expense e WHERE e.id > $1 ORDER BY e.id LIMIT $2
                """,
            write: { row in
                let cells = row.makeRandomAccess()
                let first = try cells["first"].decode(String?.self)
                return .expense(try first.map(Expense.init(historyJSON:)) ?? expense(cells))
            }
        ),
        SnapshotTable(
            sql: """
                SELECT (entry_kind || '/' || entry_id || '/' || lpad(version::text, 9, '0')) COLLATE "C" AS snapshot_key,
                       entry_kind,
                       \(entryRevisionColumns)
                FROM entry_revision
                WHERE entry_kind IN ('expense', 'donation')
                    AND (entry_kind || '/' || entry_id || '/' || lpad(version::text, 9, '0')) COLLATE "C" > $1
                ORDER BY entry_kind, entry_id, version LIMIT $2
                """,
            write: { row in
                let cells = row.makeRandomAccess()
                switch try enumValue(cells, "entry_kind") as EntryKind {
                case .expense: return .expenseRevision(try entryRevision(cells))
                case .donation: return .donationRevision(try entryRevision(cells))
                case .hours: return .hoursRevision(try entryRevision(cells))
                }
            }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, id, worker_id, station_id, on_date, class_hours, title, is_external
                FROM training_record WHERE id > $1 ORDER BY id LIMIT $2
                """,
            write: { .training(try training($0.makeRandomAccess())) }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, id, worker_id, station_id, on_date, minutes, village_code
                FROM work_log WHERE id > $1 ORDER BY id LIMIT $2
                """,
            write: { .workLog(try workLog($0.makeRandomAccess())) }
        ),
        SnapshotTable(
            sql: """
                SELECT village_code || '|' || worker_id || '|' || since AS snapshot_key, village_code, worker_id,
                       station_id, since, until
                FROM village_liaison WHERE village_code || '|' || worker_id || '|' || since > $1
                ORDER BY 1 LIMIT $2
                """,
            write: { .liaison(try liaison($0.makeRandomAccess())) }
        ),
        SnapshotTable(
            sql: """
                SELECT t.id AS snapshot_key, \(teamColumns) FROM volunteer_team t WHERE t.id > $1 ORDER BY t.id LIMIT $2
                """,
            write: { .volunteerTeam(try volunteerTeam($0.makeRandomAccess())) }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, id, station_id, name, held_on, cap_minutes
                FROM volunteer_activity WHERE id > $1 ORDER BY id LIMIT $2
                """,
            write: { .volunteerActivity(try volunteerActivity($0.makeRandomAccess())) }
        ),
        SnapshotTable(
            sql: """
                SELECT h.id AS snapshot_key, h.id AS hours_id, h.activity_id, h.volunteer_id, h.check_in_ms,
                       h.check_out_ms, h.method, h.worker_id, h.minutes,
                       (SELECT v.previous::text FROM entry_revision v
                        WHERE v.entry_kind = 'hours' AND v.entry_id = h.id AND v.version = 2) AS first
                FROM volunteer_hours h WHERE h.id > $1 ORDER BY h.id LIMIT $2
                """,
            // Revised hours go out as first recorded; their revisions follow the passbook and replay.
            write: { row in
                let cells = row.makeRandomAccess()
                let first = try cells["first"].decode(String?.self)
                return .volunteerHours(try first.map(VolunteerHours.init(historyJSON:)) ?? volunteerHours(cells))
            }
        ),
        SnapshotTable(
            sql: """
                SELECT lpad(sequence::text, 15, '0') AS snapshot_key, key, volunteer_id, station_id, kind, points, on_date,
                       reference
                FROM passbook_entry WHERE lpad(sequence::text, 15, '0') > $1 ORDER BY sequence LIMIT $2
                """,
            write: { .passbookEntry(try passbookEntry($0.makeRandomAccess())) }
        ),
        SnapshotTable(
            sql: """
                SELECT (entry_id || '/' || lpad(version::text, 9, '0')) COLLATE "C" AS snapshot_key,
                       \(entryRevisionColumns)
                FROM entry_revision
                WHERE entry_kind = 'hours' AND (entry_id || '/' || lpad(version::text, 9, '0')) COLLATE "C" > $1
                ORDER BY entry_id, version LIMIT $2
                """,
            write: { .hoursRevision(try entryRevision($0.makeRandomAccess())) }
        ),
        SnapshotTable(
            sql: """
                SELECT g.id AS snapshot_key, \(groupColumns) FROM service_group g WHERE g.id > $1 ORDER BY g.id LIMIT $2
                """,
            write: { .serviceGroup(try serviceGroup($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT r.id AS snapshot_key, r.id, r.station_id, r.kind, r.service_date::text AS service_date,
                       r.duration_minutes, r.village_code, r.head_count, r.program_id, r.program_version, r.sub_project_id, r.ledger_key, r.group_id,
                       r.fields::text AS fields, r.photos, r.worker_names::text AS worker_names,
                       (SELECT string_agg(worker_id, ',' ORDER BY worker_id) FROM service_worker w
                        WHERE w.record_id = r.id) AS workers,
                       (SELECT string_agg(client_id, ',' ORDER BY client_id) FROM service_participant p
                        WHERE p.record_id = r.id) AS clients,
                       (SELECT v.previous::text FROM service_revision v WHERE v.record_id = r.id AND v.version = 2)
                           AS first
                FROM service_record r WHERE r.id > $1 ORDER BY r.id LIMIT $2
                """,
            // A revised record goes out as it was first written; its revisions follow and replay.
            write: { row in
                let first = try row.makeRandomAccess()["first"].decode(String?.self)
                return .serviceRecord(try first.map(ServiceRecord.init(historyJSON:)) ?? serviceRecord(row))
            }
        ),
        SnapshotTable(
            sql: """
                SELECT record_id || '/' || lpad(version::text, 9, '0') AS snapshot_key, \(revisionColumns)
                FROM service_revision WHERE record_id || '/' || lpad(version::text, 9, '0') > $1
                ORDER BY record_id, version LIMIT $2
                """,
            write: { .serviceRevision(try revision($0.makeRandomAccess())) }
        ),
        SnapshotTable(
            sql: """
                SELECT record_id AS snapshot_key, record_id, agency_name, outcome, outcome_on
                FROM referral WHERE record_id > $1 ORDER BY record_id LIMIT $2
                """,
            write: { .referral(try referral($0.makeRandomAccess())) }
        ),
        SnapshotTable(
            sql: """
                SELECT c.id AS snapshot_key, \(caseColumns) FROM case_file c WHERE c.id > $1 ORDER BY c.id LIMIT $2
                """,
            write: { .caseFile(try caseFile($0)) }
        ),
        SnapshotTable(
            sql: """
                SELECT case_id || ':' || lpad(position::text, 10, '0') AS snapshot_key, case_id, position, stage,
                       since::text AS since, worker_id
                FROM case_stage WHERE case_id || ':' || lpad(position::text, 10, '0') > $1
                ORDER BY case_id, position LIMIT $2
                """,
            write: { row in
                let cells = row.makeRandomAccess()
                return .caseStage(
                    try id(cells, "case_id"),
                    position: try cells["position"].decode(Int.self),
                    CaseStageEntry(
                        stage: try enumValue(cells, "stage"),
                        since: try parse(try? CivilDate(parsing: try cells["since"].decode(String.self)), "since"),
                        worker: try id(cells, "worker_id")
                    )
                )
            }
        ),
        SnapshotTable(
            sql: """
                SELECT standard_id || '|' || subject || '|' || rule_id AS snapshot_key, \(complianceStateColumns)
                FROM compliance_state WHERE standard_id || '|' || subject || '|' || rule_id > $1
                ORDER BY 1 LIMIT $2
                """,
            write: { .complianceState(try complianceState($0.makeRandomAccess())) }
        ),
        // Evaluations go in open, then their scores, then the submissions: a submitted evaluation
        // takes no scores.
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, id, station_id, year, period, scheme_id, opened_on,
                       NULL::text AS submitted_on, NULL::integer AS self_total, NULL::integer AS third_party_total
                FROM evaluation WHERE id > $1 ORDER BY id LIMIT $2
                """,
            write: { .evaluation(try evaluation($0.makeRandomAccess())) }
        ),
        SnapshotTable(
            sql: """
                SELECT evaluation_id || '|' || indicator_id || '|' || assessor AS snapshot_key, \(evaluationScoreColumns)
                FROM evaluation_score WHERE evaluation_id || '|' || indicator_id || '|' || assessor > $1
                ORDER BY 1 LIMIT $2
                """,
            write: { .evaluationScore(try evaluationScore($0.makeRandomAccess())) }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, \(evaluationColumns) FROM evaluation
                WHERE submitted_on IS NOT NULL AND id > $1 ORDER BY id LIMIT $2
                """,
            write: { .evaluation(try evaluation($0.makeRandomAccess())) }
        ),
        SnapshotTable(
            sql: """
                SELECT id AS snapshot_key, \(rectificationColumns) FROM rectification WHERE id > $1 ORDER BY id LIMIT $2
                """,
            write: { .rectification(try rectification($0.makeRandomAccess())) }
        ),
        SnapshotTable(
            sql: "SELECT key AS snapshot_key, key, raised_on FROM notice WHERE key > $1 ORDER BY key LIMIT $2",
            write: { row in
                let cells = row.makeRandomAccess()
                return .notice(key: try cells["key"].decode(String.self), on: try civilDate(cells, "raised_on"))
            }
        ),
        // Accounts and tokens move with the workspace; sessions and failed sign-ins do not.
        SnapshotTable(
            sql: "SELECT id AS snapshot_key, \(accountColumns) FROM user_account WHERE id > $1 ORDER BY id LIMIT $2",
            write: { .account(try account($0)) }
        ),
        SnapshotTable(
            sql: "SELECT id AS snapshot_key, \(tokenColumns) FROM api_token WHERE id > $1 ORDER BY id LIMIT $2",
            write: { .apiToken(try token($0)) }
        ),
        // Approval steps last, each period's in position order: they lock rows written before them.
        SnapshotTable(
            sql: """
                SELECT workflow_id || '|' || period_key || '|' || station_id || '|' || lpad(position::text, 8, '0')
                       COLLATE "C" AS snapshot_key, \(approvalStepColumns)
                FROM approval_step
                WHERE (workflow_id || '|' || period_key || '|' || station_id || '|' || lpad(position::text, 8, '0'))
                      COLLATE "C" > $1
                ORDER BY snapshot_key LIMIT $2
                """,
            write: { .approvalStep(try approvalStep($0.makeRandomAccess())) }
        ),
        // Requests by their steps, each request's in position order; the filing carries the sealed
        // content as it stands now, later steps their sealed notes.
        SnapshotTable(
            sql: """
                SELECT (t.request_id || '|' || lpad(t.position::text, 8, '0')) COLLATE "C" AS snapshot_key,
                    \(qualified(requestStepColumns, "t")), \(qualified(requestContentColumns, "r"))
                FROM request_step t JOIN resident_request r ON r.id = t.request_id
                WHERE (t.request_id || '|' || lpad(t.position::text, 8, '0')) COLLATE "C" > $1
                ORDER BY snapshot_key LIMIT $2
                """,
            write: { row in
                let cells = row.makeRandomAccess()
                let position = try cells["position"].decode(Int.self)
                return .requestStep(try requestStep(cells, content: position == 0 ? try requestContent(cells) : nil))
            }
        ),
    ]

    /// Visits every row by table and key, then every event by sequence.
    public func exportSnapshot(batchSize: Int, _ visit: (SnapshotBatch) async throws -> Void) async throws {
        let size = max(1, batchSize)
        for table in Self.snapshotTables {
            var after = ""
            while true {
                var binds = PostgresBindings()
                binds.append(after)
                binds.append(size)
                let query = PostgresQuery(unsafeSQL: table.sql, binds: binds)
                let rows = try await read("snapshot") { connection, logger in
                    try await connection.query(query, logger: logger).collect()
                }
                guard let last = rows.last else { break }
                try await visit(.rows(try rows.map(table.write)))
                after = try last.makeRandomAccess()["snapshot_key"].decode(String.self)
                if rows.count < size { break }
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
            try await client.withTransaction(logger: logger) { connection in
                try await Self.importBatch(batch, on: connection, logger: logger)
            }
        }
    }

    // MARK: Rows only the snapshot reads

    static func agency(_ row: PostgresRow) throws -> Agency {
        let cells = row.makeRandomAccess()
        return Agency(id: try id(cells, "id"), name: try cells["name"].decode(String.self))
    }

    static func household(_ row: PostgresRow) throws -> Household {
        let cells = row.makeRandomAccess()
        return Household(
            id: try id(cells, "id"),
            station: try id(cells, "station_id"),
            village: try code(cells, "village_code")
        )
    }

    static func volunteer(_ row: PostgresRow) throws -> Volunteer {
        let cells = row.makeRandomAccess()
        return Volunteer(
            id: try id(cells, "id"),
            station: try id(cells, "station_id"),
            village: try cells["village_code"].decode(String?.self).map {
                try parse(try? DivisionCode($0), "village_code")
            },
            registeredOn: try parse(
                try? CivilDate(parsing: try cells["registered_on"].decode(String.self)),
                "registered_on"
            ),
            personal: try sealed(cells),
            checkInCode: try cells["check_in_code"].decode(String?.self)
        )
    }
}
