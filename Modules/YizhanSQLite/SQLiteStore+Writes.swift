import Foundation
import GRDB
import YizhanKernel

extension SQLiteStore {
    /// Applies one write. The switch is exhaustive: a new kind of write does not compile until
    /// this adapter handles it.
    static func apply(_ write: Write, in db: Database) throws {
        switch write {
        case .orgUnit(let unit):
            try run(db, "org_unit", upsertOrgUnit, [unit.code.rawValue, unit.name, unit.level.rawValue])
        case .agency(let agency):
            try run(db, "agency", upsertAgency, [agency.id.rawValue, agency.name])
        case .station(let station):
            try run(
                db,
                "station",
                upsertStation,
                [
                    station.id.rawValue, station.name, station.kind.rawValue, station.orgUnit.rawValue,
                    station.areaSquareMeters, jsonArray(station.rooms.map(\.rawValue)), station.agency?.rawValue,
                    station.brandName, CaseStage.limitsText(station.caseStageDays),
                    Station.categoryNamesText(station.clientCategoryNames),
                    Station.volunteeringText(station.volunteering), Station.indicatorsText(station.indicators),
                ]
            )
        case .worker(let worker):
            let employer: String? = if case .agency(let id) = worker.employer { id.rawValue } else { nil }
            try run(
                db,
                "worker",
                upsertWorker,
                [
                    worker.id.rawValue, worker.station.rawValue, worker.name, worker.role.rawValue,
                    worker.birthDate?.description, worker.qualification?.rawValue, worker.certificateNumber,
                    worker.hasSocialWorkDegree, worker.isPartyMember, employer,
                ]
            )
        case .program(let program):
            try run(
                db,
                "program",
                upsertProgram,
                [program.id.rawValue, program.station.rawValue, program.name, program.version, program.checksum]
            )
        case .subProject(let subProject):
            try run(
                db,
                "sub_project",
                upsertSubProject,
                [
                    subProject.id.rawValue, subProject.program.rawValue, subProject.name, subProject.slot.rawValue,
                    subProject.isRetired,
                ]
            )
        case .household(let household):
            try run(
                db,
                "household",
                upsertHousehold,
                [household.id.rawValue, household.station.rawValue, household.village.rawValue]
            )
        case .client(let client):
            try run(
                db,
                "client",
                upsertClient,
                [
                    client.id.rawValue, client.station.rawValue, client.household?.rawValue, client.village.rawValue,
                    jsonArray(client.categories.map(\.rawValue)), client.personal?.name, client.personal?.idNumber,
                    client.personal?.idNumberDigest, client.personal?.phone, client.personal?.phoneDigest,
                    client.consent?.on.description,
                    client.consent.map { $0.scope.map(\.rawValue).joined(separator: ",") },
                    client.risk?.rawValue, client.consent?.givenBy.rawValue,
                ]
            )
        case .volunteer(let volunteer):
            try run(
                db,
                "volunteer",
                upsertVolunteer,
                [
                    volunteer.id.rawValue, volunteer.station.rawValue, volunteer.village?.rawValue,
                    volunteer.registeredOn.description, volunteer.personal?.name, volunteer.personal?.idNumber,
                    volunteer.personal?.idNumberDigest, volunteer.personal?.phone, volunteer.personal?.phoneDigest,
                    volunteer.checkInCode,
                ]
            )
        case .serviceRevision(let revision):
            try apply(revision, in: db)
        case .serviceRecord(let record):
            try insert(record, in: db)
        case .caseFile(let file):
            try run(
                db,
                "case_file",
                upsertCaseFile,
                [
                    file.id.rawValue, file.station.rawValue, file.client.rawValue, file.stage.rawValue,
                    file.current.since.description, file.overdueAnnounced,
                ]
            )
        case .donation(let donation):
            try insert(donation, in: db)
        case .donationRevision(let revision):
            try apply(revision, in: db)
        case .expenseRevision(let revision):
            try apply(revision, in: db)
        case .budgetLine(let line):
            try run(
                db,
                "budget_line",
                upsertBudgetLine,
                [
                    line.id.rawValue, line.station.rawValue, line.year, line.category.rawValue, line.source.rawValue,
                    line.name, line.amount.value,
                ]
            )
        case .expense(let expense):
            try checkUnlocked(.expenses, line: expense.line, day: expense.spentOn, in: db)
            try run(
                db,
                "expense",
                insertExpense,
                [
                    expense.id.rawValue, expense.line.rawValue, expense.amount.value, expense.spentOn.description,
                    expense.purpose, expense.overspendReason,
                ]
            )
        case .organisation, .microWish, .charityFund, .charityGrant, .resource:
            try applyCommunity(write, in: db)
        case .complianceState, .evaluation, .evaluationScore, .rectification, .notice:
            try applyEvaluation(write, in: db)
        case .training(let training):
            try insert(training, in: db)
        case .workLog(let log):
            try insert(log, in: db)
        case .liaison(let liaison):
            try upsert(liaison, in: db)
        case .account(let account):
            try upsert(account, in: db)
        case .apiToken(let token):
            try upsert(token, in: db)
        case .approvalStep(let step):
            try apply(step, in: db)
        case .requestStep(let step):
            try apply(step, in: db)
        case .requestResealed(let id, let content, let notes):
            try reseal(id, content: content, notes: notes, in: db)
        case .dataKeyRotation(let from, let to, let sealedRows):
            try rotateDataKey(from: from, to: to, sealedRows: sealedRows, in: db)
        case .volunteerTeam(let team):
            try run(db, "volunteer_team", upsertTeam, [team.id.rawValue, team.station.rawValue, team.name])
            try run(db, "team_member", deleteTeamMembers, [team.id.rawValue])
            for member in team.members {
                try run(db, "team_member", insertTeamMember, [team.id.rawValue, member.rawValue])
            }
        case .volunteerActivity(let activity):
            try run(
                db,
                "volunteer_activity",
                upsertVolunteerActivity,
                [
                    activity.id.rawValue, activity.station.rawValue, activity.name, activity.heldOn.description,
                    activity.capMinutes,
                ]
            )
        case .volunteerHours(let hours):
            let worker: String? = if case .staffEntry(let id) = hours.method { id.rawValue } else { nil }
            try run(
                db,
                "volunteer_hours",
                insertVolunteerHours,
                [
                    hours.id.rawValue, hours.activity.rawValue, hours.volunteer.rawValue,
                    hours.checkIn.millisecondsSince1970, hours.checkOut.millisecondsSince1970, hours.method.code,
                    worker,
                    hours.minutes,
                ]
            )
        case .hoursRevision(let revision):
            try apply(revision, in: db)
        case .passbookEntry(let entry):
            try run(
                db,
                "passbook_entry",
                insertPassbookEntry,
                [
                    entry.key, entry.volunteer.rawValue, entry.station.rawValue, entry.kind.rawValue, entry.points,
                    entry.on.description, entry.reference,
                ]
            )
        case .serviceGroup(let group):
            try run(
                db,
                "service_group",
                upsertGroup,
                [
                    group.id.rawValue, group.station.rawValue, group.name, group.formedOn.description,
                    group.plannedSessions, group.program?.rawValue, group.subProject?.rawValue,
                ]
            )
            try run(db, "group_member", deleteGroupMembers, [group.id.rawValue])
            for member in group.members {
                try run(db, "group_member", insertGroupMember, [group.id.rawValue, member.rawValue])
            }
        case .referral(let referral):
            try run(
                db,
                "referral",
                upsertReferral,
                [
                    referral.record.rawValue, referral.agency, referral.outcome.rawValue,
                    referral.outcomeOn?.description,
                ]
            )
        case .caseStage(let id, let position, let entry):
            try run(
                db,
                "case_stage",
                insertCaseStage,
                [id.rawValue, position, entry.stage.rawValue, entry.since.description, entry.worker.rawValue]
            )
        }
    }

    /// Inserts `record` with its workers and participants. A record with a ledger key that is stored
    /// already is left out.
    ///
    /// - Returns: whether the record was inserted.
    @discardableResult
    static func insert(_ record: ServiceRecord, in db: Database) throws -> Bool {
        let headCount: Int? = if case .headCount(let count) = record.participants { count } else { nil }
        try run(
            db,
            "service_record",
            insertServiceRecord,
            [
                record.id.rawValue, record.station.rawValue, record.kind.rawValue, record.date.description,
                record.durationMinutes, record.village?.rawValue, headCount, record.personTimes, record.isTraining,
                record.program?.rawValue, record.programVersion, record.subProject?.rawValue,
                record.ledgerKey?.rawValue, record.group?.rawValue, record.encodedFields, record.photos,
                record.encodedWorkerNames,
            ]
        )
        guard db.changesCount > 0 else { return false }
        try checkUnlocked(.services, station: record.station, day: record.date, in: db)
        for worker in record.workers {
            try run(db, "service_worker", insertServiceWorker, [record.id.rawValue, worker.rawValue])
        }
        for client in record.participants.clients {
            try run(db, "service_participant", insertServiceParticipant, [record.id.rawValue, client.rawValue])
        }
        return true
    }

    /// Appends `event` to the log and returns its sequence (the next one, or `sequence` when given,
    /// as a snapshot import does).
    @discardableResult
    static func append(_ event: DomainEvent, at sequence: EventSequence? = nil, in db: Database) throws -> EventSequence
    {
        try run(
            db,
            "event",
            insertEvent,
            [
                sequence?.rawValue, event.id.rawValue, event.type.rawValue, event.occurredAt.millisecondsSince1970,
                event.orgUnit.rawValue, event.station?.rawValue, event.actor.rawValue, event.schemaVersion,
                event.payload,
            ]
        )
        return EventSequence(rawValue: db.lastInsertedRowID)
    }

    /// Executes a cached statement, tagging a constraint failure with its table.
    static func run(
        _ db: Database,
        _ table: String,
        _ sql: String,
        _ arguments: [(any DatabaseValueConvertible)?]
    ) throws {
        do {
            let statement = try db.cachedStatement(sql: sql)
            try statement.execute(arguments: StatementArguments(arguments))
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw WriteFailure(table: table, underlying: error)
        }
    }

    static func jsonArray(_ values: [String]) -> String {
        guard let data = try? JSONEncoder().encode(values) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    private static let upsertOrgUnit = """
        INSERT INTO org_unit (code, name, level) VALUES (?, ?, ?)
        ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level
        """
    private static let upsertAgency = """
        INSERT INTO agency (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name
        """
    private static let upsertStation = """
        INSERT INTO station (id, name, kind, org_unit_code, area_m2, rooms, agency_id, brand_name, case_stage_days,
            client_categories, volunteering, indicators)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
            org_unit_code = excluded.org_unit_code, area_m2 = excluded.area_m2, rooms = excluded.rooms,
            agency_id = excluded.agency_id, brand_name = excluded.brand_name,
            case_stage_days = excluded.case_stage_days, client_categories = excluded.client_categories,
            volunteering = excluded.volunteering, indicators = excluded.indicators
        """
    private static let upsertWorker = """
        INSERT INTO worker (id, station_id, name, role, birth_date, qualification, certificate_number,
            social_work_degree, is_party_member, employer_agency_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, name = excluded.name, role = excluded.role,
            birth_date = excluded.birth_date, qualification = excluded.qualification,
            certificate_number = excluded.certificate_number, social_work_degree = excluded.social_work_degree,
            is_party_member = excluded.is_party_member, employer_agency_id = excluded.employer_agency_id
        """
    private static let upsertProgram = """
        INSERT INTO program (id, station_id, name, version, checksum) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, name = excluded.name,
            version = excluded.version, checksum = excluded.checksum
        """
    private static let upsertSubProject = """
        INSERT INTO sub_project (id, program_id, name, slot, retired) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET program_id = excluded.program_id, name = excluded.name, slot = excluded.slot,
            retired = excluded.retired
        """
    private static let upsertHousehold = """
        INSERT INTO household (id, station_id, village_code) VALUES (?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, village_code = excluded.village_code
        """
    private static let upsertClient = """
        INSERT INTO client (id, station_id, household_id, village_code, categories, name_sealed, id_number_sealed,
            id_number_digest, phone_sealed, phone_digest, consent_on, consent_scope, risk_level,
            consent_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, household_id = excluded.household_id,
            village_code = excluded.village_code, categories = excluded.categories, name_sealed = excluded.name_sealed,
            id_number_sealed = excluded.id_number_sealed, id_number_digest = excluded.id_number_digest,
            phone_sealed = excluded.phone_sealed, phone_digest = excluded.phone_digest, consent_on = excluded.consent_on,
            consent_scope = excluded.consent_scope, risk_level = excluded.risk_level, consent_by = excluded.consent_by
        """
    private static let upsertVolunteer = """
        INSERT INTO volunteer (id, station_id, village_code, registered_on, name_sealed, id_number_sealed,
            id_number_digest, phone_sealed, phone_digest, check_in_code)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, village_code = excluded.village_code,
            registered_on = excluded.registered_on, name_sealed = excluded.name_sealed,
            id_number_sealed = excluded.id_number_sealed, id_number_digest = excluded.id_number_digest,
            phone_sealed = excluded.phone_sealed, phone_digest = excluded.phone_digest,
            check_in_code = excluded.check_in_code
        """
    /// Only a ledger key conflict is passed over; any other broken rule still fails the change.
    private static let insertServiceRecord = """
        INSERT INTO service_record (id, station_id, kind, service_date, duration_minutes, village_code, head_count,
            person_times, is_training, program_id, program_version, sub_project_id, ledger_key, group_id, fields,
            photos, worker_names)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (ledger_key) WHERE ledger_key IS NOT NULL DO NOTHING
        """
    private static let upsertCaseFile = """
        INSERT INTO case_file (id, station_id, client_id, stage, stage_since, overdue_announced) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, client_id = excluded.client_id,
            stage = excluded.stage, stage_since = excluded.stage_since, overdue_announced = excluded.overdue_announced
        """
    /// Inserts `donation`; one whose ledger key is stored already is left out.
    ///
    /// - Returns: whether it was inserted.
    @discardableResult
    static func insert(_ donation: Donation, in db: Database) throws -> Bool {
        try run(
            db,
            "donation",
            insertDonation,
            [
                donation.id.rawValue, donation.station.rawValue, donation.donorKind.rawValue, donation.donorName,
                donation.kind.rawValue, donation.amount.value, donation.goods, donation.receivedOn.description,
                donation.purpose, donation.channel, donation.isMatching, donation.charityFund?.rawValue,
                donation.ledgerKey?.rawValue,
            ]
        )
        guard db.changesCount > 0 else { return false }
        try checkUnlocked(.donations, station: donation.station, day: donation.receivedOn, in: db)
        return true
    }

    private static let insertDonation = """
        INSERT INTO donation (id, station_id, donor_kind, donor_name, kind, amount_fen, goods, received_on, purpose, channel,
            is_matching, charity_fund_id, ledger_key)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (ledger_key) WHERE ledger_key IS NOT NULL DO NOTHING
        """
    private static let upsertBudgetLine = """
        INSERT INTO budget_line (id, station_id, year, category, source, name, amount_fen) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, year = excluded.year,
            category = excluded.category, source = excluded.source, name = excluded.name,
            amount_fen = excluded.amount_fen
        """
    private static let insertExpense = """
        INSERT INTO expense (id, line_id, amount_fen, spent_on, purpose, overspend_reason) VALUES (?, ?, ?, ?, ?, ?)
        """
    private static let upsertTeam = """
        INSERT INTO volunteer_team (id, station_id, name) VALUES (?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, name = excluded.name
        """
    private static let deleteTeamMembers = "DELETE FROM team_member WHERE team_id = ?"
    private static let insertTeamMember = "INSERT INTO team_member (team_id, volunteer_id) VALUES (?, ?)"
    private static let upsertVolunteerActivity = """
        INSERT INTO volunteer_activity (id, station_id, name, held_on, cap_minutes) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, name = excluded.name,
            held_on = excluded.held_on, cap_minutes = excluded.cap_minutes
        """
    private static let insertVolunteerHours = """
        INSERT INTO volunteer_hours (id, activity_id, volunteer_id, check_in_ms, check_out_ms, method, worker_id, minutes)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """
    private static let insertPassbookEntry = """
        INSERT INTO passbook_entry (key, volunteer_id, station_id, kind, points, on_date, reference)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """
    private static let upsertGroup = """
        INSERT INTO service_group (id, station_id, name, formed_on, planned_sessions, program_id, sub_project_id)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, name = excluded.name,
            formed_on = excluded.formed_on, planned_sessions = excluded.planned_sessions,
            program_id = excluded.program_id, sub_project_id = excluded.sub_project_id
        """
    private static let deleteGroupMembers = "DELETE FROM group_member WHERE group_id = ?"
    private static let insertGroupMember = "INSERT INTO group_member (group_id, client_id) VALUES (?, ?)"
    private static let upsertReferral = """
        INSERT INTO referral (record_id, agency_name, outcome, outcome_on) VALUES (?, ?, ?, ?)
        ON CONFLICT (record_id) DO UPDATE SET agency_name = excluded.agency_name, outcome = excluded.outcome,
            outcome_on = excluded.outcome_on
        """
    private static let insertCaseStage =
        "INSERT INTO case_stage (case_id, position, stage, since, worker_id) VALUES (?, ?, ?, ?, ?)"
    private static let insertServiceWorker = "INSERT INTO service_worker (record_id, worker_id) VALUES (?, ?)"
    private static let insertServiceParticipant =
        "INSERT INTO service_participant (record_id, client_id) VALUES (?, ?)"
    /// A NULL sequence takes the next rowid.
    private static let insertEvent = """
        INSERT INTO event (sequence, id, type, occurred_at_ms, org_unit_code, station_id, actor, schema_version, payload)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
}
