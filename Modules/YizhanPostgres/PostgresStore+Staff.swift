import Logging
import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// Staff records: worker certificates, training, work logs and village liaisons.
    static let v16Staff = Migration(
        name: "v16 staff: certificates, training, work logs, village liaisons",
        statements: [
            "ALTER TABLE worker ADD COLUMN certificate_number TEXT",
            "ALTER TABLE worker ADD COLUMN social_work_degree BOOLEAN NOT NULL DEFAULT FALSE",
            """
            CREATE TABLE training_record (
                id TEXT COLLATE "C" PRIMARY KEY,
                worker_id TEXT COLLATE "C" NOT NULL REFERENCES worker(id),
                station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                on_date TEXT NOT NULL CHECK (on_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
                class_hours INTEGER NOT NULL CHECK (class_hours BETWEEN 1 AND 200),
                title TEXT NOT NULL CHECK (title <> ''),
                is_external BOOLEAN NOT NULL
            )
            """,
            "CREATE INDEX training_by_worker ON training_record(worker_id, on_date)",
            """
            CREATE TABLE work_log (
                id TEXT COLLATE "C" PRIMARY KEY,
                worker_id TEXT COLLATE "C" NOT NULL REFERENCES worker(id),
                station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                on_date TEXT NOT NULL CHECK (on_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
                minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
                village_code TEXT COLLATE "C" REFERENCES org_unit(code)
            )
            """,
            "CREATE INDEX work_log_by_worker ON work_log(worker_id, on_date)",
            """
            CREATE TABLE village_liaison (
                village_code TEXT COLLATE "C" NOT NULL REFERENCES org_unit(code),
                worker_id TEXT COLLATE "C" NOT NULL REFERENCES worker(id),
                station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                since TEXT NOT NULL CHECK (since ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
                until TEXT CHECK (until IS NULL OR (until ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND until >= since)),
                PRIMARY KEY (village_code, worker_id, since)
            )
            """,
        ]
    )

    /// Inserts a training record.
    static func insert(_ training: TrainingRecord, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO training_record (id, worker_id, station_id, on_date, class_hours, title, is_external)
            VALUES (\(training.id.rawValue), \(training.worker.rawValue), \(training.station.rawValue),
                    \(training.on.description), \(training.classHours), \(training.title), \(training.isExternal))
            """,
            logger: logger
        )
    }

    /// Inserts a work-log entry.
    static func insert(_ log: WorkLog, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO work_log (id, worker_id, station_id, on_date, minutes, village_code)
            VALUES (\(log.id.rawValue), \(log.worker.rawValue), \(log.station.rawValue), \(log.on.description),
                    \(log.minutes), \(log.place.village?.rawValue))
            """,
            logger: logger
        )
    }

    /// Upserts a liaison assignment.
    static func upsert(_ liaison: VillageLiaison, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO village_liaison (village_code, worker_id, station_id, since, until)
            VALUES (\(liaison.village.rawValue), \(liaison.worker.rawValue), \(liaison.station.rawValue),
                    \(liaison.since.description), \(liaison.until?.description))
            ON CONFLICT (village_code, worker_id, since) DO UPDATE SET until = excluded.until
            """,
            logger: logger
        )
    }

    /// The training records of the workers in `scope` (of `year` when given).
    public func trainings(in scope: Scope, year: Int?) async throws -> [TrainingRecord] {
        var sql = SQLBuilder(
            """
            SELECT t.id, t.worker_id, t.station_id, t.on_date, t.class_hours, t.title, t.is_external
            FROM training_record t JOIN station s ON s.id = t.station_id WHERE 
            """
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        if let year {
            sql.append(" AND t.on_date BETWEEN \(try sql.bind("\(year)-01-01")) AND \(try sql.bind("\(year)-12-31"))")
        }
        sql.append(" ORDER BY t.worker_id, t.on_date, t.id")
        let built = sql
        return try await read("training_record") { connection, logger in
            try await connection.query(built.query, logger: logger).collect().map {
                try Self.training($0.makeRandomAccess())
            }
        }
    }

    /// Per worker in `scope`: training hours and logged minutes in `period`.
    public func staffTotals(in scope: Scope, period: CivilPeriod) async throws -> [StaffTotal] {
        var sql = SQLBuilder("")
        let start = try sql.bind(period.start.description)
        let end = try sql.bind(period.end.description)
        sql.append(
            """
            SELECT w.id AS worker_id, w.station_id,
                   COALESCE(t.hours, 0)::bigint AS class_hours, COALESCE(l.at_station, 0)::bigint AS station_minutes,
                   COALESCE(l.in_villages, 0)::bigint AS village_minutes
            FROM worker w JOIN station s ON s.id = w.station_id
            LEFT JOIN (SELECT worker_id, SUM(class_hours) AS hours FROM training_record
                       WHERE on_date BETWEEN \(start) AND \(end) GROUP BY worker_id) t ON t.worker_id = w.id
            LEFT JOIN (SELECT worker_id, SUM(CASE WHEN village_code IS NULL THEN minutes ELSE 0 END) AS at_station,
                              SUM(CASE WHEN village_code IS NULL THEN 0 ELSE minutes END) AS in_villages
                       FROM work_log WHERE on_date BETWEEN \(start) AND \(end) GROUP BY worker_id) l ON l.worker_id = w.id
            WHERE 
            """
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        sql.append(" ORDER BY s.org_unit_code, s.id, w.id")
        let built = sql
        return try await read("work_log") { connection, logger in
            try await connection.query(built.query, logger: logger).collect().map { row in
                let cells = row.makeRandomAccess()
                return StaffTotal(
                    worker: try Self.id(cells, "worker_id"),
                    station: try Self.id(cells, "station_id"),
                    classHours: Int(try cells["class_hours"].decode(Int64.self)),
                    stationMinutes: Int(try cells["station_minutes"].decode(Int64.self)),
                    villageMinutes: Int(try cells["village_minutes"].decode(Int64.self))
                )
            }
        }
    }

    /// The liaison assignments in `scope`.
    public func liaisons(in scope: Scope) async throws -> [VillageLiaison] {
        var sql = SQLBuilder(
            """
            SELECT l.village_code, l.worker_id, l.station_id, l.since, l.until
            FROM village_liaison l JOIN station s ON s.id = l.station_id WHERE 
            """
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        sql.append(" ORDER BY l.village_code, l.worker_id, l.since")
        let built = sql
        return try await read("village_liaison") { connection, logger in
            try await connection.query(built.query, logger: logger).collect().map {
                try Self.liaison($0.makeRandomAccess())
            }
        }
    }

    static func training(_ cells: PostgresRandomAccessRow) throws -> TrainingRecord {
        TrainingRecord(
            id: try id(cells, "id"),
            worker: try id(cells, "worker_id"),
            station: try id(cells, "station_id"),
            on: try civilDate(cells, "on_date"),
            classHours: try cells["class_hours"].decode(Int.self),
            title: try cells["title"].decode(String.self),
            isExternal: try cells["is_external"].decode(Bool.self)
        )
    }

    static func workLog(_ cells: PostgresRandomAccessRow) throws -> WorkLog {
        let village = try cells["village_code"].decode(String?.self)
        return WorkLog(
            id: try id(cells, "id"),
            worker: try id(cells, "worker_id"),
            station: try id(cells, "station_id"),
            on: try civilDate(cells, "on_date"),
            minutes: try cells["minutes"].decode(Int.self),
            place: try village.map { .village(try parse(try? DivisionCode($0), "village_code")) } ?? .station
        )
    }

    static func liaison(_ cells: PostgresRandomAccessRow) throws -> VillageLiaison {
        VillageLiaison(
            village: try parse(try? DivisionCode(try cells["village_code"].decode(String.self)), "village_code"),
            worker: try id(cells, "worker_id"),
            station: try id(cells, "station_id"),
            since: try civilDate(cells, "since"),
            until: try cells["until"].decode(String?.self).map { try parse(try? CivilDate(parsing: $0), "until") }
        )
    }

    /// The civil date in text column `column`.
    static func civilDate(_ cells: PostgresRandomAccessRow, _ column: String) throws -> CivilDate {
        try parse(try? CivilDate(parsing: try cells[column].decode(String.self)), column)
    }
}
