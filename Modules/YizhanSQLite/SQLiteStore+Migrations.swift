import GRDB

extension SQLiteStore {
    /// The schema's migrations: append-only and never edited once landed (GRDB Migrations.md).
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 kernel: units, stations, staff, programs, people, services, events") { db in
            try db.execute(sql: v1Kernel)
        }
        migrator.registerMigration("v2 versioned programs: checksum, retired sub-projects") { db in
            try db.execute(sql: v2VersionedPrograms)
        }
        migrator.registerMigration("v3 sealed personal data of clients") { db in
            try db.execute(sql: v3SealedClients)
        }
        migrator.registerMigration("v4 notifier: subscription cursors and deliveries") { db in
            try db.execute(sql: v4Deliveries)
        }
        migrator.registerMigration("v5 ledger imports: the row key of imported records") { db in
            try db.execute(sql: v5LedgerKeys)
        }
        migrator.registerMigration("v6 cases: stage-day limits of stations, cases and their stages") { db in
            try db.execute(sql: v6Cases)
        }
        migrator.registerMigration("v7 clients: consent and risk level") { db in
            try db.execute(sql: v7Consent)
        }
        migrator.registerMigration("v8 referrals: receiving agency and outcome") { db in
            try db.execute(sql: v8Referrals)
        }
        migrator.registerMigration("v9 groups: groups, members, and the group of a session") { db in
            try db.execute(sql: v9Groups)
        }
        migrator.registerMigration("v10 volunteers: sealed real names, ID numbers and phones") { db in
            try db.execute(sql: v10Volunteers)
        }
        migrator.registerMigration("v11 stations: the template's extra client categories") { db in
            try db.execute(
                sql:
                    "ALTER TABLE station ADD COLUMN client_categories TEXT CHECK (client_categories IS NULL OR json_valid(client_categories))"
            )
        }
        migrator.registerMigration("v12 volunteering: activities, hours and the points passbook") { db in
            try db.execute(sql: v12Volunteering)
        }
        migrator.registerMigration("v13 funds: budget lines and expenses") { db in
            try db.execute(sql: v13Funds)
        }
        migrator.registerMigration("v14 charity: donations") { db in
            try db.execute(sql: v14Donations)
        }
        migrator.registerMigration("v15 volunteer teams") { db in
            try db.execute(sql: v15Teams)
        }
        migrator.registerMigration("v16 staff: certificates, training, work logs, village liaisons") { db in
            try db.execute(sql: v16Staff)
        }
        migrator.registerMigration("v17 community: organisations, wishes, charity funds, resources, indicators") { db in
            try db.execute(sql: v17Community)
        }
        migrator.registerMigration("v18 evaluations: compliance states, evaluations, scores, rectifications, notices") {
            db in
            try db.execute(sql: v18Evaluations)
        }
        migrator.registerMigration("v19 plugins: the brand plugins' extra fields of service records") { db in
            try db.execute(
                sql: """
                    ALTER TABLE service_record ADD COLUMN fields TEXT
                        CHECK (fields IS NULL OR (json_valid(fields) AND json_type(fields) = 'object'))
                    """
            )
        }
        migrator.registerMigration("v20 wish claims: the resource that claimed a wish, when the claim was entered") {
            db in
            try db.execute(sql: v20WishClaims)
        }
        migrator.registerMigration("v21 data key: the check value of the key personal data is sealed with") { db in
            try db.execute(sql: v21DataKey)
        }
        migrator.registerMigration("v22 revisions: versions of service records, corrected or voided") { db in
            try db.execute(sql: v22Revisions)
        }
        migrator.registerMigration("v23 consent: who gave a client's consent, the person or a guardian") { db in
            // A consent kept before v23 was the person's own: no guardian was recorded then.
            try db.execute(
                sql: """
                    ALTER TABLE client ADD COLUMN consent_by TEXT
                        CHECK (consent_by IS NULL OR consent_by IN ('person', 'guardian'))
                    """
            )
        }
        migrator.registerMigration("v24 photos: how many photos of its work a service record keeps") { db in
            try db.execute(
                sql: "ALTER TABLE service_record ADD COLUMN photos INTEGER NOT NULL DEFAULT 0 CHECK (photos >= 0)"
            )
        }
        migrator.registerMigration("v25 reseal: whether values sealed before binding are left") { db in
            try db.execute(sql: v25ResealPending)
        }
        migrator.registerMigration("v26 entry revisions: versions of expenses and gifts, corrected or voided") { db in
            try db.execute(sql: v26EntryRevisions)
        }
        migrator.registerMigration("v27 hours revisions: versions of volunteers' hours, and passbook adjustments") {
            db in
            try db.execute(sql: v27HoursRevisions)
        }
        migrator.registerMigration("v28 worker names: workers a ledger named who match no worker of the station") {
            db in
            try db.execute(
                sql: """
                    ALTER TABLE service_record ADD COLUMN worker_names TEXT
                        CHECK (worker_names IS NULL OR json_valid(worker_names))
                    """
            )
        }
        migrator.registerMigration("v29 accounts: users, grants, API tokens, sessions, failed sign-ins") { db in
            try db.execute(sql: v29Accounts)
        }
        migrator.registerMigration("v30 approvals: states per workflow, period and station, and their steps") { db in
            try db.execute(sql: v30Approvals)
        }
        migrator.registerMigration("v31 requests: residents' requests with their sealed content, and their steps") {
            db in
            try db.execute(sql: v31Requests)
        }
        migrator.registerMigration("v32 disputes: rounds of mediation and settlements among a request's steps") { db in
            try db.execute(sql: v32DisputeSteps)
        }
        migrator.registerMigration("v33 tracking codes: the digest of the code a resident follows a request by") { db in
            try db.execute(sql: v33TrackingCodes)
        }
        return migrator
    }

    /// Volunteer service teams and their members.
    private static let v15Teams = """
        CREATE TABLE volunteer_team (
            id TEXT PRIMARY KEY NOT NULL,
            station_id TEXT NOT NULL REFERENCES station(id),
            name TEXT NOT NULL CHECK (name <> '')
        );
        CREATE TABLE team_member (
            team_id TEXT NOT NULL REFERENCES volunteer_team(id),
            volunteer_id TEXT NOT NULL REFERENCES volunteer(id),
            PRIMARY KEY (team_id, volunteer_id)
        ) WITHOUT ROWID;
        """

    /// Gifts: money or valued goods in fen, by donor kind; individual donors have no name column
    /// to fill. Imported gifts keep their ledger row's key.
    private static let v14Donations = """
        CREATE TABLE donation (
            id TEXT PRIMARY KEY NOT NULL,
            station_id TEXT NOT NULL REFERENCES station(id),
            donor_kind TEXT NOT NULL CHECK (donor_kind IN ('foundation', 'enterprise', 'individual', 'fund')),
            donor_name TEXT CHECK (donor_name IS NULL OR donor_kind <> 'individual'),
            kind TEXT NOT NULL CHECK (kind IN ('money', 'goods')),
            amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
            goods TEXT,
            received_on TEXT NOT NULL CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            purpose TEXT,
            channel TEXT,
            is_matching INTEGER NOT NULL CHECK (is_matching IN (0, 1)),
            ledger_key INTEGER
        );
        CREATE INDEX donation_by_station ON donation(station_id, received_on);
        CREATE UNIQUE INDEX donation_by_ledger_key ON donation(ledger_key) WHERE ledger_key IS NOT NULL;
        """

    /// Budget lines and the expenses booked against them (amounts in fen).
    private static let v13Funds = """
        CREATE TABLE budget_line (
            id TEXT PRIMARY KEY NOT NULL,
            station_id TEXT NOT NULL REFERENCES station(id),
            year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
            category TEXT NOT NULL CHECK (category IN ('construction', 'operation', 'personnel', 'evaluation')),
            source TEXT NOT NULL
                CHECK (source IN ('countyFinance', 'townshipSelfRaised', 'lotteryWelfareFund', 'charity')),
            name TEXT NOT NULL CHECK (name <> ''),
            amount_fen INTEGER NOT NULL CHECK (amount_fen > 0)
        );
        CREATE INDEX budget_line_by_station ON budget_line(station_id, year);
        CREATE TABLE expense (
            id TEXT PRIMARY KEY NOT NULL,
            line_id TEXT NOT NULL REFERENCES budget_line(id),
            amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
            spent_on TEXT NOT NULL CHECK (spent_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            purpose TEXT NOT NULL CHECK (purpose <> ''),
            overspend_reason TEXT
        );
        CREATE INDEX expense_by_line ON expense(line_id);
        """

    /// Volunteer activities, attendances (one per volunteer and activity) and the append-only
    /// passbook, whose keys make every entry idempotent.
    private static let v12Volunteering = """
        ALTER TABLE station ADD COLUMN volunteering TEXT CHECK (volunteering IS NULL OR json_valid(volunteering));
        ALTER TABLE volunteer ADD COLUMN check_in_code TEXT;
        CREATE TABLE volunteer_activity (
            id TEXT PRIMARY KEY NOT NULL,
            station_id TEXT NOT NULL REFERENCES station(id),
            name TEXT NOT NULL CHECK (name <> ''),
            held_on TEXT NOT NULL CHECK (held_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            cap_minutes INTEGER CHECK (cap_minutes IS NULL OR cap_minutes BETWEEN 1 AND 1440)
        );
        CREATE TABLE volunteer_hours (
            id TEXT PRIMARY KEY NOT NULL,
            activity_id TEXT NOT NULL REFERENCES volunteer_activity(id),
            volunteer_id TEXT NOT NULL REFERENCES volunteer(id),
            check_in_ms INTEGER NOT NULL,
            check_out_ms INTEGER NOT NULL CHECK (check_out_ms > check_in_ms),
            method TEXT NOT NULL CHECK (method IN ('self', 'staff')),
            worker_id TEXT REFERENCES worker(id) CHECK ((method = 'staff') = (worker_id IS NOT NULL)),
            minutes INTEGER NOT NULL CHECK (minutes >= 0),
            UNIQUE (activity_id, volunteer_id)
        );
        CREATE INDEX volunteer_hours_by_volunteer ON volunteer_hours(volunteer_id);
        CREATE TABLE passbook_entry (
            sequence INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE CHECK (key <> ''),
            volunteer_id TEXT NOT NULL REFERENCES volunteer(id),
            station_id TEXT NOT NULL REFERENCES station(id),
            kind TEXT NOT NULL CHECK (kind IN ('earned', 'redeemed', 'expired')),
            points INTEGER NOT NULL CHECK ((kind = 'earned') = (points > 0) AND points <> 0),
            on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            reference TEXT
        );
        CREATE INDEX passbook_by_volunteer ON passbook_entry(volunteer_id, sequence);
        CREATE TRIGGER passbook_is_append_only_update BEFORE UPDATE ON passbook_entry
        BEGIN SELECT RAISE(ABORT, 'the passbook is append-only'); END;
        CREATE TRIGGER passbook_is_append_only_delete BEFORE DELETE ON passbook_entry
        BEGIN SELECT RAISE(ABORT, 'the passbook is append-only'); END;
        """

    /// A volunteer's personal data, sealed and digested as a client's is.
    private static let v10Volunteers = """
        ALTER TABLE volunteer ADD COLUMN name_sealed TEXT;
        ALTER TABLE volunteer ADD COLUMN id_number_sealed TEXT;
        ALTER TABLE volunteer ADD COLUMN id_number_digest TEXT;
        ALTER TABLE volunteer ADD COLUMN phone_sealed TEXT;
        ALTER TABLE volunteer ADD COLUMN phone_digest TEXT;
        CREATE INDEX volunteer_by_id_number_digest ON volunteer(id_number_digest) WHERE id_number_digest IS NOT NULL;
        """

    /// Groups and their members; a group session is a service record naming its group.
    private static let v9Groups = """
        CREATE TABLE service_group (
            id TEXT PRIMARY KEY NOT NULL,
            station_id TEXT NOT NULL REFERENCES station(id),
            name TEXT NOT NULL CHECK (name <> ''),
            formed_on TEXT NOT NULL CHECK (formed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            planned_sessions INTEGER CHECK (planned_sessions IS NULL OR planned_sessions >= 1),
            program_id TEXT REFERENCES program(id),
            sub_project_id TEXT REFERENCES sub_project(id)
        );
        CREATE INDEX service_group_by_station ON service_group(station_id);
        CREATE TABLE group_member (
            group_id TEXT NOT NULL REFERENCES service_group(id),
            client_id TEXT NOT NULL REFERENCES client(id),
            PRIMARY KEY (group_id, client_id)
        ) WITHOUT ROWID;
        ALTER TABLE service_record ADD COLUMN group_id TEXT REFERENCES service_group(id);
        CREATE INDEX service_record_by_group ON service_record(group_id) WHERE group_id IS NOT NULL;
        """

    /// The details of a `referral` service record: whom to, and what came of it.
    private static let v8Referrals = """
        CREATE TABLE referral (
            record_id TEXT PRIMARY KEY NOT NULL REFERENCES service_record(id),
            agency_name TEXT NOT NULL CHECK (agency_name <> ''),
            outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'accepted', 'declined', 'completed')),
            outcome_on TEXT CHECK (outcome_on IS NULL OR outcome_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
        ) WITHOUT ROWID;
        """

    /// Consent (its day and scopes, comma-separated codes) and the risk level of clients.
    private static let v7Consent = """
        ALTER TABLE client ADD COLUMN consent_on TEXT
            CHECK (consent_on IS NULL OR consent_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
        ALTER TABLE client ADD COLUMN consent_scope TEXT;
        ALTER TABLE client ADD COLUMN risk_level TEXT CHECK (risk_level IS NULL OR risk_level IN ('low', 'medium', 'high'));
        """

    /// A case's summary row and its append-only history; a stage is inserted once at its position,
    /// so two moves of one case at once cannot both succeed.
    private static let v6Cases = """
        ALTER TABLE station ADD COLUMN case_stage_days TEXT;
        CREATE TABLE case_file (
            id TEXT PRIMARY KEY NOT NULL,
            station_id TEXT NOT NULL REFERENCES station(id),
            client_id TEXT NOT NULL REFERENCES client(id),
            stage TEXT NOT NULL CHECK (stage IN
                ('intake', 'assessment', 'plan', 'intervention', 'evaluation', 'closed', 'referred', 'ended')),
            stage_since TEXT NOT NULL CHECK (stage_since GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            overdue_announced INTEGER CHECK (overdue_announced IS NULL OR overdue_announced >= 0)
        );
        CREATE INDEX case_file_by_station ON case_file(station_id);
        CREATE TABLE case_stage (
            case_id TEXT NOT NULL REFERENCES case_file(id),
            position INTEGER NOT NULL CHECK (position >= 0),
            stage TEXT NOT NULL,
            since TEXT NOT NULL CHECK (since GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            worker_id TEXT NOT NULL REFERENCES worker(id),
            PRIMARY KEY (case_id, position)
        ) WITHOUT ROWID;
        """

    /// A record imported from a ledger keeps its row's key, so that importing the file again writes
    /// nothing twice. Only imported records have one, so the unique index covers only them.
    private static let v5LedgerKeys = """
        ALTER TABLE service_record ADD COLUMN ledger_key INTEGER;
        CREATE UNIQUE INDEX service_record_by_ledger_key ON service_record(ledger_key) WHERE ledger_key IS NOT NULL;
        """

    /// The notifier's progress: one cursor per subscription and one row per event to deliver.
    /// Only pending rows are indexed; delivered ones are history.
    private static let v4Deliveries = """
        CREATE TABLE subscription_state (
            name TEXT PRIMARY KEY NOT NULL CHECK (name <> ''),
            cursor INTEGER NOT NULL CHECK (cursor >= 0),
            opened_at_ms INTEGER NOT NULL,
            disabled_at_ms INTEGER,
            disabled_reason TEXT
        );
        CREATE TABLE delivery (
            subscription TEXT NOT NULL REFERENCES subscription_state(name),
            event_sequence INTEGER NOT NULL REFERENCES event(sequence),
            status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            next_attempt_at_ms INTEGER NOT NULL,
            lease_owner TEXT,
            lease_until_ms INTEGER,
            last_http_status INTEGER,
            last_error TEXT,
            delivered_at_ms INTEGER,
            PRIMARY KEY (subscription, event_sequence)
        ) WITHOUT ROWID;
        CREATE INDEX delivery_pending ON delivery(subscription, event_sequence) WHERE status = 'pending';
        """

    /// Sealed (AES-GCM) name, ID number and phone, and keyed digests for look-ups: never plaintext.
    private static let v3SealedClients = """
        ALTER TABLE client ADD COLUMN name_sealed TEXT;
        ALTER TABLE client ADD COLUMN id_number_sealed TEXT;
        ALTER TABLE client ADD COLUMN id_number_digest TEXT;
        ALTER TABLE client ADD COLUMN phone_sealed TEXT;
        ALTER TABLE client ADD COLUMN phone_digest TEXT;
        CREATE INDEX client_by_id_number_digest ON client(id_number_digest) WHERE id_number_digest IS NOT NULL;
        """

    private static let v2VersionedPrograms = """
        ALTER TABLE program ADD COLUMN checksum TEXT;
        ALTER TABLE sub_project ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1));
        """

    private static let v1Kernel = """
        CREATE TABLE org_unit (
            code TEXT PRIMARY KEY NOT NULL CHECK (length(code) = 12 AND code NOT GLOB '*[^0-9]*'),
            name TEXT NOT NULL CHECK (name <> ''),
            level TEXT NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village'))
        );

        CREATE TABLE agency (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL CHECK (name <> '')
        );

        CREATE TABLE station (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL CHECK (name <> ''),
            kind TEXT NOT NULL CHECK (kind IN ('station', 'communityRoom', 'countyHub')),
            org_unit_code TEXT NOT NULL REFERENCES org_unit(code),
            area_m2 INTEGER NOT NULL CHECK (area_m2 >= 0),
            rooms TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(rooms)),
            agency_id TEXT REFERENCES agency(id),
            brand_name TEXT
        );
        CREATE INDEX station_by_org_unit ON station(org_unit_code);

        CREATE TABLE worker (
            id TEXT PRIMARY KEY NOT NULL,
            station_id TEXT NOT NULL REFERENCES station(id),
            name TEXT NOT NULL CHECK (name <> ''),
            role TEXT NOT NULL CHECK (role IN ('head', 'deputy', 'staff', 'assistant')),
            birth_date TEXT CHECK (birth_date IS NULL OR birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            qualification TEXT
                CHECK (qualification IS NULL OR qualification IN ('assistantSocialWorker', 'socialWorker', 'seniorSocialWorker')),
            is_party_member INTEGER NOT NULL CHECK (is_party_member IN (0, 1)),
            employer_agency_id TEXT REFERENCES agency(id)
        );
        CREATE INDEX worker_by_station ON worker(station_id);

        CREATE TABLE program (
            id TEXT PRIMARY KEY NOT NULL,
            station_id TEXT NOT NULL REFERENCES station(id),
            name TEXT NOT NULL CHECK (name <> ''),
            version INTEGER NOT NULL CHECK (version >= 1)
        );
        CREATE INDEX program_by_station ON program(station_id);

        CREATE TABLE sub_project (
            id TEXT PRIMARY KEY NOT NULL,
            program_id TEXT NOT NULL REFERENCES program(id),
            name TEXT NOT NULL CHECK (name <> ''),
            slot TEXT NOT NULL CHECK (slot <> '')
        );
        CREATE INDEX sub_project_by_program ON sub_project(program_id);

        CREATE TABLE household (
            id TEXT PRIMARY KEY NOT NULL,
            station_id TEXT NOT NULL REFERENCES station(id),
            village_code TEXT NOT NULL REFERENCES org_unit(code)
        );

        CREATE TABLE client (
            id TEXT PRIMARY KEY NOT NULL,
            station_id TEXT NOT NULL REFERENCES station(id),
            household_id TEXT REFERENCES household(id),
            village_code TEXT NOT NULL REFERENCES org_unit(code),
            categories TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(categories))
        );
        CREATE INDEX client_by_station ON client(station_id);

        CREATE TABLE volunteer (
            id TEXT PRIMARY KEY NOT NULL,
            station_id TEXT NOT NULL REFERENCES station(id),
            village_code TEXT REFERENCES org_unit(code),
            registered_on TEXT NOT NULL CHECK (registered_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
        );
        CREATE INDEX volunteer_by_station ON volunteer(station_id);

        -- person_times and is_training are stored, not derived at query time, so that the report
        -- aggregations read one row per record (ServiceRecord.personTimes documents the rule).
        -- WITHOUT ROWID: the UUIDv7 key is the table's order, so a record writes one B-tree, not two.
        -- Each index here is paid on every write (docs/benchmarks.md): add one only with its query.
        CREATE TABLE service_record (
            id TEXT PRIMARY KEY NOT NULL,
            station_id TEXT NOT NULL REFERENCES station(id),
            kind TEXT NOT NULL CHECK (kind <> ''),
            service_date TEXT NOT NULL CHECK (service_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 0 AND 1440),
            village_code TEXT REFERENCES org_unit(code),
            head_count INTEGER CHECK (head_count IS NULL OR head_count >= 0),
            person_times INTEGER NOT NULL CHECK (person_times >= 0),
            is_training INTEGER NOT NULL CHECK (is_training IN (0, 1)),
            program_id TEXT REFERENCES program(id),
            program_version INTEGER CHECK (program_version IS NULL OR program_version >= 1),
            sub_project_id TEXT REFERENCES sub_project(id)
        ) WITHOUT ROWID;
        -- Every report query reaches records through their stations, so this one index serves all of
        -- them (SQLiteStore.recordFilter); a second index on the date alone would slow every write.
        CREATE INDEX service_record_by_station_date ON service_record(station_id, service_date);

        CREATE TABLE service_worker (
            record_id TEXT NOT NULL REFERENCES service_record(id) ON DELETE CASCADE,
            worker_id TEXT NOT NULL REFERENCES worker(id),
            PRIMARY KEY (record_id, worker_id)
        ) WITHOUT ROWID;

        CREATE TABLE service_participant (
            record_id TEXT NOT NULL REFERENCES service_record(id) ON DELETE CASCADE,
            client_id TEXT NOT NULL REFERENCES client(id),
            PRIMARY KEY (record_id, client_id)
        ) WITHOUT ROWID;

        -- The log is append-only: the triggers refuse to change or remove an event. As no row is ever
        -- deleted, the rowid sequence is never reused and a subscriber's cursor never skips an event
        -- (without AUTOINCREMENT's extra write to sqlite_sequence on every commit).
        CREATE TABLE event (
            sequence INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL CHECK (type <> ''),
            occurred_at_ms INTEGER NOT NULL,
            org_unit_code TEXT NOT NULL CHECK (length(org_unit_code) = 12),
            station_id TEXT,
            actor TEXT NOT NULL,
            schema_version INTEGER NOT NULL CHECK (schema_version >= 1),
            payload TEXT NOT NULL CHECK (json_valid(payload))
        );
        CREATE TRIGGER event_is_append_only_update BEFORE UPDATE ON event
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
        CREATE TRIGGER event_is_append_only_delete BEFORE DELETE ON event
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
        """
}
