import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// Staff records: worker certificates, training, work logs and village liaisons.
    static let v16Staff = """
        ALTER TABLE worker ADD COLUMN certificate_number TEXT;
        ALTER TABLE worker ADD COLUMN social_work_degree INTEGER NOT NULL DEFAULT 0 CHECK (social_work_degree IN (0, 1));
        CREATE TABLE training_record (
            id TEXT PRIMARY KEY NOT NULL,
            worker_id TEXT NOT NULL REFERENCES worker(id),
            station_id TEXT NOT NULL REFERENCES station(id),
            on_date TEXT NOT NULL CHECK (date(on_date) IS on_date),
            class_hours INTEGER NOT NULL CHECK (class_hours BETWEEN 1 AND 200),
            title TEXT NOT NULL CHECK (title <> ''),
            is_external INTEGER NOT NULL CHECK (is_external IN (0, 1))
        );
        CREATE INDEX training_by_worker ON training_record(worker_id, on_date);
        CREATE TABLE work_log (
            id TEXT PRIMARY KEY NOT NULL,
            worker_id TEXT NOT NULL REFERENCES worker(id),
            station_id TEXT NOT NULL REFERENCES station(id),
            on_date TEXT NOT NULL CHECK (date(on_date) IS on_date),
            minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
            village_code TEXT REFERENCES org_unit(code)
        );
        CREATE INDEX work_log_by_worker ON work_log(worker_id, on_date);
        CREATE TABLE village_liaison (
            village_code TEXT NOT NULL REFERENCES org_unit(code),
            worker_id TEXT NOT NULL REFERENCES worker(id),
            station_id TEXT NOT NULL REFERENCES station(id),
            since TEXT NOT NULL CHECK (date(since) IS since),
            until TEXT CHECK (until IS NULL OR (date(until) IS until AND until >= since)),
            PRIMARY KEY (village_code, worker_id, since)
        ) WITHOUT ROWID;
        """

    /// Inserts a training record.
    static func insert(_ training: TrainingRecord, in db: Database) throws {
        try run(
            db,
            "training_record",
            """
            INSERT INTO training_record (id, worker_id, station_id, on_date, class_hours, title, is_external)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [
                training.id.rawValue, training.worker.rawValue, training.station.rawValue, training.on.description,
                training.classHours, training.title, training.isExternal,
            ]
        )
    }

    /// Inserts a work-log entry.
    static func insert(_ log: WorkLog, in db: Database) throws {
        try run(
            db,
            "work_log",
            "INSERT INTO work_log (id, worker_id, station_id, on_date, minutes, village_code) VALUES (?, ?, ?, ?, ?, ?)",
            [
                log.id.rawValue, log.worker.rawValue, log.station.rawValue, log.on.description, log.minutes,
                log.place.village?.rawValue,
            ]
        )
    }

    /// Upserts a liaison assignment.
    static func upsert(_ liaison: VillageLiaison, in db: Database) throws {
        try run(
            db,
            "village_liaison",
            """
            INSERT INTO village_liaison (village_code, worker_id, station_id, since, until) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (village_code, worker_id, since) DO UPDATE SET until = excluded.until
            """,
            [
                liaison.village.rawValue, liaison.worker.rawValue, liaison.station.rawValue,
                liaison.since.description, liaison.until?.description,
            ]
        )
    }

    /// The training records of the workers in `scope` (of `year` when given).
    public func trainings(in scope: Scope, year: Int?) async throws -> [TrainingRecord] {
        var (filter, arguments) = Self.stationFilter(scope, alias: "s")
        if let year {
            filter += " AND t.on_date BETWEEN ? AND ?"
            arguments += ["\(year)-01-01", "\(year)-12-31"]
        }
        let sql = """
            SELECT t.id, t.worker_id, t.station_id, t.on_date, t.class_hours, t.title, t.is_external
            FROM training_record t JOIN station s ON s.id = t.station_id WHERE \(filter)
            ORDER BY t.worker_id, t.on_date, t.id
            """
        let bound = arguments
        return try await read("training_record") { db in
            try Self.rows(db, sql: sql, arguments: bound).map(Self.training)
        }
    }

    /// Per worker in `scope`: training hours and logged minutes in `period`.
    public func staffTotals(in scope: Scope, period: CivilPeriod) async throws -> [StaffTotal] {
        let (filter, arguments) = Self.stationFilter(scope, alias: "s")
        let start = period.start.description
        let end = period.end.description
        let sql = """
            SELECT w.id AS worker_id, w.station_id,
                   COALESCE(t.hours, 0) AS class_hours, COALESCE(l.at_station, 0) AS station_minutes,
                   COALESCE(l.in_villages, 0) AS village_minutes
            FROM worker w JOIN station s ON s.id = w.station_id
            LEFT JOIN (SELECT worker_id, SUM(class_hours) AS hours FROM training_record
                       WHERE on_date BETWEEN ? AND ? GROUP BY worker_id) t ON t.worker_id = w.id
            LEFT JOIN (SELECT worker_id, SUM(CASE WHEN village_code IS NULL THEN minutes ELSE 0 END) AS at_station,
                              SUM(CASE WHEN village_code IS NULL THEN 0 ELSE minutes END) AS in_villages
                       FROM work_log WHERE on_date BETWEEN ? AND ? GROUP BY worker_id) l ON l.worker_id = w.id
            WHERE \(filter) ORDER BY s.org_unit_code, s.id, w.id
            """
        let bound: StatementArguments = [start, end, start, end] + arguments
        return try await read("work_log") { db in
            try Self.rows(db, sql: sql, arguments: bound).map { row in
                StaffTotal(
                    worker: try Self.id(row, "worker_id"),
                    station: try Self.id(row, "station_id"),
                    classHours: try row.decode(forColumn: "class_hours"),
                    stationMinutes: try row.decode(forColumn: "station_minutes"),
                    villageMinutes: try row.decode(forColumn: "village_minutes")
                )
            }
        }
    }

    /// The liaison assignments in `scope`.
    public func liaisons(in scope: Scope) async throws -> [VillageLiaison] {
        let (filter, arguments) = Self.stationFilter(scope, alias: "s")
        let sql = """
            SELECT l.village_code, l.worker_id, l.station_id, l.since, l.until
            FROM village_liaison l JOIN station s ON s.id = l.station_id WHERE \(filter)
            ORDER BY l.village_code, l.worker_id, l.since
            """
        return try await read("village_liaison") { db in
            try Self.rows(db, sql: sql, arguments: arguments).map(Self.liaison)
        }
    }

    static func training(_ row: Row) throws -> TrainingRecord {
        TrainingRecord(
            id: try id(row, "id"),
            worker: try id(row, "worker_id"),
            station: try id(row, "station_id"),
            on: try date(row, "on_date"),
            classHours: try row.decode(forColumn: "class_hours"),
            title: try row.decode(forColumn: "title"),
            isExternal: try row.decode(forColumn: "is_external")
        )
    }

    static func workLog(_ row: Row) throws -> WorkLog {
        let village: String? = try row.decode(forColumn: "village_code")
        return WorkLog(
            id: try id(row, "id"),
            worker: try id(row, "worker_id"),
            station: try id(row, "station_id"),
            on: try date(row, "on_date"),
            minutes: try row.decode(forColumn: "minutes"),
            place: try village.map { .village(try parse(try? DivisionCode($0), "village_code")) } ?? .station
        )
    }

    static func liaison(_ row: Row) throws -> VillageLiaison {
        VillageLiaison(
            village: try parse(try? DivisionCode(try row.decode(forColumn: "village_code")), "village_code"),
            worker: try id(row, "worker_id"),
            station: try id(row, "station_id"),
            since: try date(row, "since"),
            until: try optionalDate(row, "until")
        )
    }
}
