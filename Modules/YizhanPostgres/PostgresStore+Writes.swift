import Logging
import PostgresNIO
import YizhanKernel

extension PostgresStore {
    /// Writes `change` on `connection`, inside its open transaction; returns the last event's sequence.
    ///
    /// Runs of service records are inserted with one statement per table (`unnest` over arrays), and
    /// so are the events, so a batch of 500 records is a handful of round trips, not 1,500.
    static func commit(
        _ change: ChangeSet,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws
        -> EventSequence?
    {
        guard !change.isEmpty else { return nil }
        guard !change.events.isEmpty else {
            throw StoreError(code: .invalidChange, location: "commit", reason: "\(change.writes.count) rows, no event")
        }
        try await write(change.writes, on: connection, logger: logger)
        return try await append(change.events, on: connection, logger: logger)
    }

    /// Writes `writes` in order; runs of service records go in as multi-row inserts of up to 5,000.
    static func write(_ writes: [Write], on connection: PostgresConnection, logger: Logger) async throws {
        var records: [ServiceRecord] = []
        for write in writes {
            if case .serviceRecord(let record) = write {
                records.append(record)
                if records.count == 5_000 {
                    try await insert(records, on: connection, logger: logger)
                    records = []
                }
                continue
            }
            try await insert(records, on: connection, logger: logger)
            records = []
            try await apply(write, on: connection, logger: logger)
        }
        try await insert(records, on: connection, logger: logger)
    }

    /// Upserts one reference row. The switch is exhaustive: a new kind of write does not compile
    /// until this adapter handles it.
    private static func apply(_ write: Write, on connection: PostgresConnection, logger: Logger) async throws {
        switch write {
        case .orgUnit(let unit):
            try await connection.query(
                """
                INSERT INTO org_unit (code, name, level) VALUES (\(unit.code.rawValue), \(unit.name), \(unit.level.rawValue))
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level
                """,
                logger: logger
            )
        case .agency(let agency):
            try await connection.query(
                """
                INSERT INTO agency (id, name) VALUES (\(agency.id.rawValue), \(agency.name))
                ON CONFLICT (id) DO UPDATE SET name = excluded.name
                """,
                logger: logger
            )
        case .station(let station):
            try await connection.query(
                """
                INSERT INTO station (id, name, kind, org_unit_code, area_m2, rooms, agency_id, brand_name, case_stage_days,
                    client_categories, volunteering, indicators)
                VALUES (\(station.id.rawValue), \(station.name), \(station.kind.rawValue), \(station.orgUnit.rawValue),
                        \(station.areaSquareMeters), \(station.rooms.map(\.rawValue)), \(station.agency?.rawValue),
                        \(station.brandName), \(CaseStage.limitsText(station.caseStageDays)),
                        \(Station.categoryNamesText(station.clientCategoryNames)),
                        \(Station.volunteeringText(station.volunteering)), \(Station.indicatorsText(station.indicators)))
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                    org_unit_code = excluded.org_unit_code, area_m2 = excluded.area_m2, rooms = excluded.rooms,
                    agency_id = excluded.agency_id, brand_name = excluded.brand_name,
                    case_stage_days = excluded.case_stage_days, client_categories = excluded.client_categories,
                    volunteering = excluded.volunteering, indicators = excluded.indicators
                """,
                logger: logger
            )
        case .worker(let worker):
            let employer: String? = if case .agency(let id) = worker.employer { id.rawValue } else { nil }
            try await connection.query(
                """
                INSERT INTO worker (id, station_id, name, role, birth_date, qualification, certificate_number,
                    social_work_degree, is_party_member, employer_agency_id)
                VALUES (\(worker.id.rawValue), \(worker.station.rawValue), \(worker.name), \(worker.role.rawValue),
                        \(worker.birthDate?.description)::date, \(worker.qualification?.rawValue),
                        \(worker.certificateNumber), \(worker.hasSocialWorkDegree), \(worker.isPartyMember), \(employer))
                ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, name = excluded.name,
                    role = excluded.role, birth_date = excluded.birth_date, qualification = excluded.qualification,
                    certificate_number = excluded.certificate_number, social_work_degree = excluded.social_work_degree,
                    is_party_member = excluded.is_party_member, employer_agency_id = excluded.employer_agency_id
                """,
                logger: logger
            )
        case .program(let program):
            try await connection.query(
                """
                INSERT INTO program (id, station_id, name, version, checksum)
                VALUES (\(program.id.rawValue), \(program.station.rawValue), \(program.name), \(program.version),
                        \(program.checksum))
                ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, name = excluded.name,
                    version = excluded.version, checksum = excluded.checksum
                """,
                logger: logger
            )
        case .subProject(let subProject):
            try await connection.query(
                """
                INSERT INTO sub_project (id, program_id, name, slot, retired)
                VALUES (\(subProject.id.rawValue), \(subProject.program.rawValue), \(subProject.name),
                        \(subProject.slot.rawValue), \(subProject.isRetired))
                ON CONFLICT (id) DO UPDATE SET program_id = excluded.program_id, name = excluded.name,
                    slot = excluded.slot, retired = excluded.retired
                """,
                logger: logger
            )
        case .household(let household):
            try await connection.query(
                """
                INSERT INTO household (id, station_id, village_code)
                VALUES (\(household.id.rawValue), \(household.station.rawValue), \(household.village.rawValue))
                ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, village_code = excluded.village_code
                """,
                logger: logger
            )
        case .client(let client):
            let sealed = client.personal
            try await connection.query(
                """
                INSERT INTO client (id, station_id, household_id, village_code, categories, name_sealed, id_number_sealed,
                    id_number_digest, phone_sealed, phone_digest, consent_on, consent_scope, risk_level,
                    consent_by)
                VALUES (\(client.id.rawValue), \(client.station.rawValue), \(client.household?.rawValue),
                        \(client.village.rawValue), \(client.categories.map(\.rawValue)), \(sealed?.name), \(sealed?.idNumber),
                        \(sealed?.idNumberDigest), \(sealed?.phone), \(sealed?.phoneDigest),
                        \(client.consent?.on.description),
                        \(client.consent.map { $0.scope.map(\.rawValue).joined(separator: ",") }), \(client.risk?.rawValue),
                        \(client.consent?.givenBy.rawValue))
                ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, household_id = excluded.household_id,
                    village_code = excluded.village_code, categories = excluded.categories,
                    name_sealed = excluded.name_sealed, id_number_sealed = excluded.id_number_sealed,
                    id_number_digest = excluded.id_number_digest, phone_sealed = excluded.phone_sealed,
                    phone_digest = excluded.phone_digest, consent_on = excluded.consent_on,
                    consent_scope = excluded.consent_scope, risk_level = excluded.risk_level,
                    consent_by = excluded.consent_by
                """,
                logger: logger
            )
        case .volunteer(let volunteer):
            try await connection.query(
                """
                INSERT INTO volunteer (id, station_id, village_code, registered_on, name_sealed, id_number_sealed,
                    id_number_digest, phone_sealed, phone_digest, check_in_code)
                VALUES (\(volunteer.id.rawValue), \(volunteer.station.rawValue), \(volunteer.village?.rawValue),
                        \(volunteer.registeredOn.description)::date, \(volunteer.personal?.name),
                        \(volunteer.personal?.idNumber), \(volunteer.personal?.idNumberDigest), \(volunteer.personal?.phone),
                        \(volunteer.personal?.phoneDigest), \(volunteer.checkInCode))
                ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, village_code = excluded.village_code,
                    registered_on = excluded.registered_on, name_sealed = excluded.name_sealed,
                    id_number_sealed = excluded.id_number_sealed, id_number_digest = excluded.id_number_digest,
                    phone_sealed = excluded.phone_sealed, phone_digest = excluded.phone_digest,
                    check_in_code = excluded.check_in_code
                """,
                logger: logger
            )
        case .serviceRecord(let record):
            try await insert([record], on: connection, logger: logger)
        case .serviceRevision(let revision):
            let days = [revision.previous.date] + [revision.current?.date].compactMap { $0 }
            try await checkUnlocked(
                .services,
                days.map { (revision.previous.station.rawValue, $0) },
                on: connection,
                logger: logger
            )
            try await apply(revision, on: connection, logger: logger)
        case .expenseRevision(let revision):
            let days = [revision.previous.spentOn] + [revision.current?.spentOn].compactMap { $0 }
            try await checkUnlocked(
                .expenses,
                days.map { (revision.previous.line.rawValue, $0) },
                on: connection,
                logger: logger
            )
            try await apply(revision, on: connection, logger: logger)
        case .donationRevision(let revision):
            let days = [revision.previous.receivedOn] + [revision.current?.receivedOn].compactMap { $0 }
            try await checkUnlocked(
                .donations,
                days.map { (revision.previous.station.rawValue, $0) },
                on: connection,
                logger: logger
            )
            try await apply(revision, on: connection, logger: logger)
        case .caseFile(let file):
            try await connection.query(
                """
                INSERT INTO case_file (id, station_id, client_id, stage, stage_since, overdue_announced)
                VALUES (\(file.id.rawValue), \(file.station.rawValue), \(file.client.rawValue), \(file.stage.rawValue),
                        \(file.current.since.description)::date, \(file.overdueAnnounced))
                ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, client_id = excluded.client_id,
                    stage = excluded.stage, stage_since = excluded.stage_since,
                    overdue_announced = excluded.overdue_announced
                """,
                logger: logger
            )
        case .donation(let donation):
            try await checkUnlocked(
                .donations,
                [(donation.station.rawValue, donation.receivedOn)],
                on: connection,
                logger: logger
            )
            try await connection.query(
                """
                INSERT INTO donation (id, station_id, donor_kind, donor_name, kind, amount_fen, goods, received_on, purpose,
                    channel, is_matching, charity_fund_id, ledger_key)
                VALUES (\(donation.id.rawValue), \(donation.station.rawValue), \(donation.donorKind.rawValue),
                        \(donation.donorName), \(donation.kind.rawValue), \(donation.amount.value), \(donation.goods),
                        \(donation.receivedOn.description), \(donation.purpose), \(donation.channel), \(donation.isMatching),
                        \(donation.charityFund?.rawValue), \(donation.ledgerKey?.rawValue))
                """,
                logger: logger
            )
        case .budgetLine(let line):
            try await connection.query(
                """
                INSERT INTO budget_line (id, station_id, year, category, source, name, amount_fen)
                VALUES (\(line.id.rawValue), \(line.station.rawValue), \(line.year), \(line.category.rawValue),
                        \(line.source.rawValue), \(line.name), \(line.amount.value))
                ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, year = excluded.year,
                    category = excluded.category, source = excluded.source, name = excluded.name,
                    amount_fen = excluded.amount_fen
                """,
                logger: logger
            )
        case .expense(let expense):
            try await checkUnlocked(
                .expenses,
                [(expense.line.rawValue, expense.spentOn)],
                on: connection,
                logger: logger
            )
            try await connection.query(
                """
                INSERT INTO expense (id, line_id, amount_fen, spent_on, purpose, overspend_reason)
                VALUES (\(expense.id.rawValue), \(expense.line.rawValue), \(expense.amount.value),
                        \(expense.spentOn.description), \(expense.purpose), \(expense.overspendReason))
                """,
                logger: logger
            )
        case .organisation, .microWish, .charityFund, .charityGrant, .resource:
            try await applyCommunity(write, on: connection, logger: logger)
        case .complianceState, .evaluation, .evaluationScore, .rectification, .notice:
            try await applyEvaluation(write, on: connection, logger: logger)
        case .training(let training):
            try await insert(training, on: connection, logger: logger)
        case .workLog(let log):
            try await insert(log, on: connection, logger: logger)
        case .liaison(let liaison):
            try await upsert(liaison, on: connection, logger: logger)
        case .account(let account):
            try await upsert(account, on: connection, logger: logger)
        case .apiToken(let token):
            try await upsert(token, on: connection, logger: logger)
        case .approvalStep(let step):
            try await apply(step, on: connection, logger: logger)
        case .requestStep(let step):
            try await apply(step, on: connection, logger: logger)
        case .requestResealed(let id, let content, let notes):
            try await reseal(id, content: content, notes: notes, on: connection, logger: logger)
        case .dataKeyRotation(let from, let to, let sealedRows):
            try await rotateDataKey(from: from, to: to, sealedRows: sealedRows, on: connection, logger: logger)
        case .volunteerTeam(let team):
            try await connection.query(
                """
                INSERT INTO volunteer_team (id, station_id, name) VALUES (\(team.id.rawValue), \(team.station.rawValue), \(team.name))
                ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, name = excluded.name
                """,
                logger: logger
            )
            try await connection.query("DELETE FROM team_member WHERE team_id = \(team.id.rawValue)", logger: logger)
            try await connection.query(
                """
                INSERT INTO team_member (team_id, volunteer_id)
                SELECT \(team.id.rawValue), volunteer_id FROM unnest(\(team.members.map(\.rawValue))::text[]) AS m(volunteer_id)
                """,
                logger: logger
            )
        case .volunteerActivity(let activity):
            try await connection.query(
                """
                INSERT INTO volunteer_activity (id, station_id, name, held_on, cap_minutes)
                VALUES (\(activity.id.rawValue), \(activity.station.rawValue), \(activity.name),
                        \(activity.heldOn.description), \(activity.capMinutes))
                ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, name = excluded.name,
                    held_on = excluded.held_on, cap_minutes = excluded.cap_minutes
                """,
                logger: logger
            )
        case .volunteerHours(let hours):
            let worker: String? = if case .staffEntry(let id) = hours.method { id.rawValue } else { nil }
            try await connection.query(
                """
                INSERT INTO volunteer_hours (id, activity_id, volunteer_id, check_in_ms, check_out_ms, method, worker_id,
                    minutes)
                VALUES (\(hours.id.rawValue), \(hours.activity.rawValue), \(hours.volunteer.rawValue),
                        \(hours.checkIn.millisecondsSince1970), \(hours.checkOut.millisecondsSince1970), \(hours.method.code),
                        \(worker), \(hours.minutes))
                """,
                logger: logger
            )
        case .hoursRevision(let revision):
            try await apply(revision, on: connection, logger: logger)
        case .passbookEntry(let entry):
            try await connection.query(
                """
                INSERT INTO passbook_entry (key, volunteer_id, station_id, kind, points, on_date, reference)
                VALUES (\(entry.key), \(entry.volunteer.rawValue), \(entry.station.rawValue), \(entry.kind.rawValue),
                        \(entry.points), \(entry.on.description), \(entry.reference))
                """,
                logger: logger
            )
        case .serviceGroup(let group):
            try await connection.query(
                """
                INSERT INTO service_group (id, station_id, name, formed_on, planned_sessions, program_id, sub_project_id)
                VALUES (\(group.id.rawValue), \(group.station.rawValue), \(group.name), \(group.formedOn.description),
                        \(group.plannedSessions), \(group.program?.rawValue), \(group.subProject?.rawValue))
                ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, name = excluded.name,
                    formed_on = excluded.formed_on, planned_sessions = excluded.planned_sessions,
                    program_id = excluded.program_id, sub_project_id = excluded.sub_project_id
                """,
                logger: logger
            )
            try await connection.query("DELETE FROM group_member WHERE group_id = \(group.id.rawValue)", logger: logger)
            try await connection.query(
                """
                INSERT INTO group_member (group_id, client_id)
                SELECT \(group.id.rawValue), client_id FROM unnest(\(group.members.map(\.rawValue))::text[]) AS m(client_id)
                """,
                logger: logger
            )
        case .referral(let referral):
            try await connection.query(
                """
                INSERT INTO referral (record_id, agency_name, outcome, outcome_on)
                VALUES (\(referral.record.rawValue), \(referral.agency), \(referral.outcome.rawValue),
                        \(referral.outcomeOn?.description))
                ON CONFLICT (record_id) DO UPDATE SET agency_name = excluded.agency_name, outcome = excluded.outcome,
                    outcome_on = excluded.outcome_on
                """,
                logger: logger
            )
        case .caseStage(let id, let position, let entry):
            try await connection.query(
                """
                INSERT INTO case_stage (case_id, position, stage, since, worker_id)
                VALUES (\(id.rawValue), \(position), \(entry.stage.rawValue), \(entry.since.description)::date,
                        \(entry.worker.rawValue))
                """,
                logger: logger
            )
        }
    }

    /// Inserts `records` and their worker and participant rows, three statements in all.
    /// Optional columns travel as '' (text) or -1 (integers) and are turned back into NULL.
    private static func insert(
        _ records: [ServiceRecord],
        on connection: PostgresConnection,
        logger: Logger
    )
        async throws
    {
        guard !records.isEmpty else { return }
        try await checkUnlocked(
            .services,
            records.map { ($0.station.rawValue, $0.date) },
            on: connection,
            logger: logger
        )
        let headCounts = records.map { record -> Int in
            if case .headCount(let count) = record.participants { count } else { -1 }
        }
        try await connection.query(
            """
            INSERT INTO service_record (id, station_id, kind, service_date, duration_minutes, village_code, head_count,
                person_times, is_training, program_id, program_version, sub_project_id, ledger_key, group_id, fields,
                photos, worker_names)
            SELECT id, station_id, kind, service_date::date, duration_minutes, NULLIF(village_code, ''),
                   NULLIF(head_count, -1), person_times, is_training, NULLIF(program_id, ''),
                   NULLIF(program_version, -1), NULLIF(sub_project_id, ''),
                   CASE WHEN has_ledger_key THEN ledger_key END, NULLIF(group_id, ''), NULLIF(fields, '')::jsonb,
                   photos, NULLIF(worker_names, '')::jsonb
            FROM unnest(\(records.map(\.id.rawValue))::text[], \(records.map(\.station.rawValue))::text[],
                        \(records.map(\.kind.rawValue))::text[], \(records.map(\.date.description))::text[],
                        \(records.map(\.durationMinutes))::int[], \(records.map { $0.village?.rawValue ?? "" })::text[],
                        \(headCounts)::int[], \(records.map(\.personTimes))::int[], \(records.map(\.isTraining))::bool[],
                        \(records.map { $0.program?.rawValue ?? "" })::text[], \(records.map { $0.programVersion ?? -1 })::int[],
                        \(records.map { $0.subProject?.rawValue ?? "" })::text[],
                        \(records.map { $0.ledgerKey != nil })::bool[], \(records.map { $0.ledgerKey?.rawValue ?? 0 })::bigint[],
                        \(records.map { $0.group?.rawValue ?? "" })::text[],
                        \(records.map { $0.encodedFields ?? "" })::text[], \(records.map(\.photos))::int[],
                        \(records.map { $0.encodedWorkerNames ?? "" })::text[])
                AS r(id, station_id, kind, service_date, duration_minutes, village_code, head_count, person_times,
                     is_training, program_id, program_version, sub_project_id, has_ledger_key, ledger_key, group_id,
                     fields, photos, worker_names)
            """,
            logger: logger
        )
        let workers = records.flatMap { record in record.workers.map { (record.id.rawValue, $0.rawValue) } }
        if !workers.isEmpty {
            try await connection.query(
                """
                INSERT INTO service_worker (record_id, worker_id)
                SELECT * FROM unnest(\(workers.map(\.0))::text[], \(workers.map(\.1))::text[])
                """,
                logger: logger
            )
        }
        let clients = records.flatMap { record in record.participants.clients.map { (record.id.rawValue, $0.rawValue) }
        }
        if !clients.isEmpty {
            try await connection.query(
                """
                INSERT INTO service_participant (record_id, client_id)
                SELECT * FROM unnest(\(clients.map(\.0))::text[], \(clients.map(\.1))::text[])
                """,
                logger: logger
            )
        }
    }

    /// Numbers `events` from the counter row (locking it until commit) and inserts them.
    static func append(
        _ events: [DomainEvent],
        on connection: PostgresConnection,
        logger: Logger
    )
        async throws -> EventSequence
    {
        let rows = try await connection.query(
            "UPDATE event_counter SET last_sequence = last_sequence + \(events.count) RETURNING last_sequence",
            logger: logger
        ).collect()
        guard let last = try rows.first?.decode(Int64.self) else {
            throw StoreError(code: .backend, location: "event_counter", reason: "the counter row is missing")
        }
        let first = last - Int64(events.count) + 1
        try await insert(events, numbered: Array(first...last), on: connection, logger: logger)
        return EventSequence(rawValue: last)
    }

    /// Inserts `events` with the given sequences, in one statement.
    private static func insert(
        _ events: [DomainEvent],
        numbered sequences: [Int64],
        on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO event (sequence, id, type, occurred_at_ms, org_unit_code, station_id, actor, schema_version,
                payload)
            SELECT sequence, id, type, occurred_at_ms, org_unit_code, NULLIF(station_id, ''), actor, schema_version,
                   payload::json
            FROM unnest(\(sequences)::bigint[], \(events.map(\.id.rawValue))::text[],
                        \(events.map(\.type.rawValue))::text[], \(events.map(\.occurredAt.millisecondsSince1970))::bigint[],
                        \(events.map(\.orgUnit.rawValue))::text[], \(events.map { $0.station?.rawValue ?? "" })::text[],
                        \(events.map(\.actor.rawValue))::text[], \(events.map(\.schemaVersion))::int[],
                        \(events.map(\.payload))::text[])
                AS e(sequence, id, type, occurred_at_ms, org_unit_code, station_id, actor, schema_version, payload)
            """,
            logger: logger
        )
    }
}
