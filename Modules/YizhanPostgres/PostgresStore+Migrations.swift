extension PostgresStore {
    /// A named migration: statements run in order in one transaction.
    struct Migration: Sendable {
        let name: String
        let statements: [String]
    }

    /// The schema's migrations: append-only, never edited once landed. The same invariants as the
    /// SQLite schema; text keys use the "C" collation so that ordering is byte order on every server.
    static let migrations = [
        Migration(
            name: "v1 kernel: units, stations, staff, programs, people, services, events",
            statements: [
                """
                CREATE TABLE org_unit (
                    code TEXT COLLATE "C" PRIMARY KEY CHECK (code ~ '^[0-9]{12}$'),
                    name TEXT NOT NULL CHECK (name <> ''),
                    level TEXT NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village'))
                )
                """,
                """
                CREATE TABLE agency (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    name TEXT NOT NULL CHECK (name <> '')
                )
                """,
                """
                CREATE TABLE station (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    name TEXT NOT NULL CHECK (name <> ''),
                    kind TEXT NOT NULL CHECK (kind IN ('station', 'communityRoom', 'countyHub')),
                    org_unit_code TEXT COLLATE "C" NOT NULL REFERENCES org_unit(code),
                    area_m2 INTEGER NOT NULL CHECK (area_m2 >= 0),
                    rooms TEXT[] NOT NULL DEFAULT '{}',
                    agency_id TEXT COLLATE "C" REFERENCES agency(id),
                    brand_name TEXT
                )
                """,
                "CREATE INDEX station_by_org_unit ON station(org_unit_code)",
                """
                CREATE TABLE worker (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                    name TEXT NOT NULL CHECK (name <> ''),
                    role TEXT NOT NULL CHECK (role IN ('head', 'deputy', 'staff', 'assistant')),
                    birth_date DATE,
                    qualification TEXT
                        CHECK (qualification IN ('assistantSocialWorker', 'socialWorker', 'seniorSocialWorker')),
                    is_party_member BOOLEAN NOT NULL,
                    employer_agency_id TEXT COLLATE "C" REFERENCES agency(id)
                )
                """,
                "CREATE INDEX worker_by_station ON worker(station_id)",
                """
                CREATE TABLE program (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                    name TEXT NOT NULL CHECK (name <> ''),
                    version INTEGER NOT NULL CHECK (version >= 1)
                )
                """,
                "CREATE INDEX program_by_station ON program(station_id)",
                """
                CREATE TABLE sub_project (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    program_id TEXT COLLATE "C" NOT NULL REFERENCES program(id),
                    name TEXT NOT NULL CHECK (name <> ''),
                    slot TEXT COLLATE "C" NOT NULL CHECK (slot <> '')
                )
                """,
                "CREATE INDEX sub_project_by_program ON sub_project(program_id)",
                """
                CREATE TABLE household (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                    village_code TEXT COLLATE "C" NOT NULL REFERENCES org_unit(code)
                )
                """,
                """
                CREATE TABLE client (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                    household_id TEXT COLLATE "C" REFERENCES household(id),
                    village_code TEXT COLLATE "C" NOT NULL REFERENCES org_unit(code),
                    categories TEXT[] NOT NULL DEFAULT '{}'
                )
                """,
                "CREATE INDEX client_by_station ON client(station_id)",
                """
                CREATE TABLE volunteer (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                    village_code TEXT COLLATE "C" REFERENCES org_unit(code),
                    registered_on DATE NOT NULL
                )
                """,
                "CREATE INDEX volunteer_by_station ON volunteer(station_id)",
                """
                CREATE TABLE service_record (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                    kind TEXT COLLATE "C" NOT NULL CHECK (kind <> ''),
                    service_date DATE NOT NULL,
                    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 0 AND 1440),
                    village_code TEXT COLLATE "C" REFERENCES org_unit(code),
                    head_count INTEGER CHECK (head_count >= 0),
                    person_times INTEGER NOT NULL CHECK (person_times >= 0),
                    is_training BOOLEAN NOT NULL,
                    program_id TEXT COLLATE "C" REFERENCES program(id),
                    program_version INTEGER CHECK (program_version >= 1),
                    sub_project_id TEXT COLLATE "C" REFERENCES sub_project(id)
                )
                """,
                "CREATE INDEX service_record_by_station_date ON service_record(station_id, service_date)",
                """
                CREATE TABLE service_worker (
                    record_id TEXT COLLATE "C" NOT NULL REFERENCES service_record(id) ON DELETE CASCADE,
                    worker_id TEXT COLLATE "C" NOT NULL REFERENCES worker(id),
                    PRIMARY KEY (record_id, worker_id)
                )
                """,
                """
                CREATE TABLE service_participant (
                    record_id TEXT COLLATE "C" NOT NULL REFERENCES service_record(id) ON DELETE CASCADE,
                    client_id TEXT COLLATE "C" NOT NULL REFERENCES client(id),
                    PRIMARY KEY (record_id, client_id)
                )
                """,
                // Events are numbered from this row, updated inside each committing transaction: its
                // row lock orders the numbers by commit, with no gaps (a sequence would not).
                """
                CREATE TABLE event_counter (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    last_sequence BIGINT NOT NULL CHECK (last_sequence >= 0)
                )
                """,
                "INSERT INTO event_counter (id, last_sequence) VALUES (1, 0)",
                """
                CREATE TABLE event (
                    sequence BIGINT PRIMARY KEY CHECK (sequence >= 1),
                    id TEXT COLLATE "C" NOT NULL UNIQUE,
                    type TEXT COLLATE "C" NOT NULL CHECK (type <> ''),
                    occurred_at_ms BIGINT NOT NULL,
                    org_unit_code TEXT COLLATE "C" NOT NULL CHECK (length(org_unit_code) = 12),
                    station_id TEXT COLLATE "C",
                    actor TEXT NOT NULL,
                    schema_version INTEGER NOT NULL CHECK (schema_version >= 1),
                    payload JSON NOT NULL
                )
                """,
                """
                CREATE FUNCTION event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'the event log is append-only'; END $$
                """,
                """
                CREATE TRIGGER event_is_append_only BEFORE UPDATE OR DELETE ON event
                FOR EACH ROW EXECUTE FUNCTION event_is_append_only()
                """,
            ]
        ),
        Migration(
            name: "v2 versioned programs: checksum, retired sub-projects",
            statements: [
                "ALTER TABLE program ADD COLUMN checksum TEXT",
                "ALTER TABLE sub_project ADD COLUMN retired BOOLEAN NOT NULL DEFAULT FALSE",
            ]
        ),
        Migration(
            name: "v3 sealed personal data of clients",
            statements: [
                "ALTER TABLE client ADD COLUMN name_sealed TEXT",
                "ALTER TABLE client ADD COLUMN id_number_sealed TEXT",
                "ALTER TABLE client ADD COLUMN id_number_digest TEXT COLLATE \"C\"",
                "ALTER TABLE client ADD COLUMN phone_sealed TEXT",
                "ALTER TABLE client ADD COLUMN phone_digest TEXT COLLATE \"C\"",
                "CREATE INDEX client_by_id_number_digest ON client(id_number_digest) WHERE id_number_digest IS NOT NULL",
            ]
        ),
        Migration(
            name: "v4 notifier: subscription cursors and deliveries",
            statements: [
                """
                CREATE TABLE subscription_state (
                    name TEXT COLLATE "C" PRIMARY KEY CHECK (name <> ''),
                    cursor BIGINT NOT NULL CHECK (cursor >= 0),
                    opened_at_ms BIGINT NOT NULL,
                    disabled_at_ms BIGINT,
                    disabled_reason TEXT
                )
                """,
                """
                CREATE TABLE delivery (
                    subscription TEXT COLLATE "C" NOT NULL REFERENCES subscription_state(name),
                    event_sequence BIGINT NOT NULL REFERENCES event(sequence),
                    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
                    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                    next_attempt_at_ms BIGINT NOT NULL,
                    lease_owner TEXT,
                    lease_until_ms BIGINT,
                    last_http_status INTEGER,
                    last_error TEXT,
                    delivered_at_ms BIGINT,
                    PRIMARY KEY (subscription, event_sequence)
                )
                """,
                "CREATE INDEX delivery_pending ON delivery(subscription, event_sequence) WHERE status = 'pending'",
            ]
        ),
        Migration(
            name: "v5 ledger imports: the row key of imported records",
            statements: [
                "ALTER TABLE service_record ADD COLUMN ledger_key BIGINT",
                "CREATE UNIQUE INDEX service_record_by_ledger_key ON service_record(ledger_key) WHERE ledger_key IS NOT NULL",
            ]
        ),
        Migration(
            name: "v6 cases: stage-day limits of stations, cases and their stages",
            statements: [
                "ALTER TABLE station ADD COLUMN case_stage_days TEXT",
                """
                CREATE TABLE case_file (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                    client_id TEXT COLLATE "C" NOT NULL REFERENCES client(id),
                    stage TEXT NOT NULL CHECK (stage IN
                        ('intake', 'assessment', 'plan', 'intervention', 'evaluation', 'closed', 'referred', 'ended')),
                    stage_since DATE NOT NULL,
                    overdue_announced INTEGER CHECK (overdue_announced IS NULL OR overdue_announced >= 0)
                )
                """,
                "CREATE INDEX case_file_by_station ON case_file(station_id)",
                """
                CREATE TABLE case_stage (
                    case_id TEXT COLLATE "C" NOT NULL REFERENCES case_file(id),
                    position INTEGER NOT NULL CHECK (position >= 0),
                    stage TEXT NOT NULL,
                    since DATE NOT NULL,
                    worker_id TEXT COLLATE "C" NOT NULL REFERENCES worker(id),
                    PRIMARY KEY (case_id, position)
                )
                """,
            ]
        ),
        Migration(
            name: "v7 clients: consent and risk level",
            statements: [
                // Text like the other civil dates the client columns are read with, checked for shape.
                "ALTER TABLE client ADD COLUMN consent_on TEXT CHECK (consent_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')",
                "ALTER TABLE client ADD COLUMN consent_scope TEXT",
                "ALTER TABLE client ADD COLUMN risk_level TEXT CHECK (risk_level IS NULL OR risk_level IN ('low', 'medium', 'high'))",
            ]
        ),
        Migration(
            name: "v8 referrals: receiving agency and outcome",
            statements: [
                """
                CREATE TABLE referral (
                    record_id TEXT COLLATE "C" PRIMARY KEY REFERENCES service_record(id),
                    agency_name TEXT NOT NULL CHECK (agency_name <> ''),
                    outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'accepted', 'declined', 'completed')),
                    outcome_on TEXT CHECK (outcome_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')
                )
                """
            ]
        ),
        Migration(
            name: "v9 groups: groups, members, and the group of a session",
            statements: [
                """
                CREATE TABLE service_group (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                    name TEXT NOT NULL CHECK (name <> ''),
                    formed_on TEXT NOT NULL CHECK (formed_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
                    planned_sessions INTEGER CHECK (planned_sessions >= 1),
                    program_id TEXT COLLATE "C" REFERENCES program(id),
                    sub_project_id TEXT COLLATE "C" REFERENCES sub_project(id)
                )
                """,
                "CREATE INDEX service_group_by_station ON service_group(station_id)",
                """
                CREATE TABLE group_member (
                    group_id TEXT COLLATE "C" NOT NULL REFERENCES service_group(id),
                    client_id TEXT COLLATE "C" NOT NULL REFERENCES client(id),
                    PRIMARY KEY (group_id, client_id)
                )
                """,
                "ALTER TABLE service_record ADD COLUMN group_id TEXT COLLATE \"C\" REFERENCES service_group(id)",
                "CREATE INDEX service_record_by_group ON service_record(group_id) WHERE group_id IS NOT NULL",
            ]
        ),
        Migration(
            name: "v10 volunteers: sealed real names, ID numbers and phones",
            statements: [
                "ALTER TABLE volunteer ADD COLUMN name_sealed TEXT",
                "ALTER TABLE volunteer ADD COLUMN id_number_sealed TEXT",
                "ALTER TABLE volunteer ADD COLUMN id_number_digest TEXT COLLATE \"C\"",
                "ALTER TABLE volunteer ADD COLUMN phone_sealed TEXT",
                "ALTER TABLE volunteer ADD COLUMN phone_digest TEXT COLLATE \"C\"",
                "CREATE INDEX volunteer_by_id_number_digest ON volunteer(id_number_digest) WHERE id_number_digest IS NOT NULL",
            ]
        ),
        Migration(
            name: "v11 stations: the template's extra client categories",
            statements: ["ALTER TABLE station ADD COLUMN client_categories TEXT"]
        ),
        Migration(
            name: "v12 volunteering: activities, hours and the points passbook",
            statements: [
                "ALTER TABLE station ADD COLUMN volunteering TEXT",
                "ALTER TABLE volunteer ADD COLUMN check_in_code TEXT",
                """
                CREATE TABLE volunteer_activity (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                    name TEXT NOT NULL CHECK (name <> ''),
                    held_on TEXT NOT NULL CHECK (held_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
                    cap_minutes INTEGER CHECK (cap_minutes BETWEEN 1 AND 1440)
                )
                """,
                """
                CREATE TABLE volunteer_hours (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    activity_id TEXT COLLATE "C" NOT NULL REFERENCES volunteer_activity(id),
                    volunteer_id TEXT COLLATE "C" NOT NULL REFERENCES volunteer(id),
                    check_in_ms BIGINT NOT NULL,
                    check_out_ms BIGINT NOT NULL CHECK (check_out_ms > check_in_ms),
                    method TEXT NOT NULL CHECK (method IN ('self', 'staff')),
                    worker_id TEXT COLLATE "C" REFERENCES worker(id) CHECK ((method = 'staff') = (worker_id IS NOT NULL)),
                    minutes INTEGER NOT NULL CHECK (minutes >= 0),
                    UNIQUE (activity_id, volunteer_id)
                )
                """,
                "CREATE INDEX volunteer_hours_by_volunteer ON volunteer_hours(volunteer_id)",
                """
                CREATE TABLE passbook_entry (
                    sequence BIGSERIAL PRIMARY KEY,
                    key TEXT COLLATE "C" NOT NULL UNIQUE CHECK (key <> ''),
                    volunteer_id TEXT COLLATE "C" NOT NULL REFERENCES volunteer(id),
                    station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                    kind TEXT NOT NULL CHECK (kind IN ('earned', 'redeemed', 'expired')),
                    points INTEGER NOT NULL CHECK ((kind = 'earned') = (points > 0) AND points <> 0),
                    on_date TEXT NOT NULL CHECK (on_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
                    reference TEXT
                )
                """,
                "CREATE INDEX passbook_by_volunteer ON passbook_entry(volunteer_id, sequence)",
                """
                CREATE FUNCTION passbook_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'the passbook is append-only'; END $$
                """,
                """
                CREATE TRIGGER passbook_is_append_only BEFORE UPDATE OR DELETE ON passbook_entry
                FOR EACH ROW EXECUTE FUNCTION passbook_is_append_only()
                """,
            ]
        ),
        Migration(
            name: "v13 funds: budget lines and expenses",
            statements: [
                """
                CREATE TABLE budget_line (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
                    category TEXT NOT NULL CHECK (category IN ('construction', 'operation', 'personnel', 'evaluation')),
                    source TEXT NOT NULL
                        CHECK (source IN ('countyFinance', 'townshipSelfRaised', 'lotteryWelfareFund', 'charity')),
                    name TEXT NOT NULL CHECK (name <> ''),
                    amount_fen BIGINT NOT NULL CHECK (amount_fen > 0)
                )
                """,
                "CREATE INDEX budget_line_by_station ON budget_line(station_id, year)",
                """
                CREATE TABLE expense (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    line_id TEXT COLLATE "C" NOT NULL REFERENCES budget_line(id),
                    amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
                    spent_on TEXT NOT NULL CHECK (spent_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
                    purpose TEXT NOT NULL CHECK (purpose <> ''),
                    overspend_reason TEXT
                )
                """,
                "CREATE INDEX expense_by_line ON expense(line_id)",
            ]
        ),
        Migration(
            name: "v14 charity: donations",
            statements: [
                """
                CREATE TABLE donation (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                    donor_kind TEXT NOT NULL CHECK (donor_kind IN ('foundation', 'enterprise', 'individual', 'fund')),
                    donor_name TEXT CHECK (donor_name IS NULL OR donor_kind <> 'individual'),
                    kind TEXT NOT NULL CHECK (kind IN ('money', 'goods')),
                    amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
                    goods TEXT,
                    received_on TEXT NOT NULL CHECK (received_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
                    purpose TEXT,
                    channel TEXT,
                    is_matching BOOLEAN NOT NULL,
                    ledger_key BIGINT
                )
                """,
                "CREATE INDEX donation_by_station ON donation(station_id, received_on)",
                "CREATE UNIQUE INDEX donation_by_ledger_key ON donation(ledger_key) WHERE ledger_key IS NOT NULL",
            ]
        ),
        Migration(
            name: "v15 volunteer teams",
            statements: [
                """
                CREATE TABLE volunteer_team (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                    name TEXT NOT NULL CHECK (name <> '')
                )
                """,
                """
                CREATE TABLE team_member (
                    team_id TEXT COLLATE "C" NOT NULL REFERENCES volunteer_team(id),
                    volunteer_id TEXT COLLATE "C" NOT NULL REFERENCES volunteer(id),
                    PRIMARY KEY (team_id, volunteer_id)
                )
                """,
            ]
        ),
        v16Staff,
        v17Community,
        v18Evaluations,
        Migration(
            name: "v19 plugins: the brand plugins' extra fields of service records",
            statements: [
                """
                ALTER TABLE service_record ADD COLUMN fields JSONB
                    CHECK (fields IS NULL OR jsonb_typeof(fields) = 'object')
                """
            ]
        ),
        v20WishClaims,
        v21DataKey,
        v22Revisions,
        Migration(
            name: "v23 consent: who gave a client's consent, the person or a guardian",
            statements: [
                // A consent kept before v23 was the person's own: no guardian was recorded then.
                """
                ALTER TABLE client ADD COLUMN consent_by TEXT
                    CHECK (consent_by IS NULL OR consent_by IN ('person', 'guardian'))
                """
            ]
        ),
        Migration(
            name: "v24 photos: how many photos of its work a service record keeps",
            statements: [
                "ALTER TABLE service_record ADD COLUMN photos INTEGER NOT NULL DEFAULT 0 CHECK (photos >= 0)"
            ]
        ),
        v25ResealPending,
        v26EntryRevisions,
        v27HoursRevisions,
        Migration(
            name: "v28 worker names: workers a ledger named who match no worker of the station",
            statements: [
                """
                ALTER TABLE service_record ADD COLUMN worker_names JSONB
                    CHECK (worker_names IS NULL OR jsonb_typeof(worker_names) = 'array')
                """
            ]
        ),
        v29Accounts,
        v30Approvals,
        v31Requests,
        v32DisputeSteps,
        v33TrackingCodes,
    ]
}
