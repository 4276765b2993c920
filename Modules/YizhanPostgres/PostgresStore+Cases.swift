import Foundation
import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// The columns a case is read from: its row, and its history as a JSON array of
    /// `[stage, since, worker]` in position order.
    static let caseColumns = """
        c.id, c.station_id, c.client_id, c.overdue_announced,
        (SELECT coalesce(json_agg(json_build_array(stage, since::text, worker_id) ORDER BY position), '[]'::json)::text
         FROM case_stage s WHERE s.case_id = c.id) AS history
        """

    /// The case with `id` and its history.
    public func caseFile(_ id: CaseID) async throws -> CaseFile? {
        var sql = SQLBuilder("SELECT \(Self.caseColumns) FROM case_file c WHERE c.id = ")
        sql.append(try sql.bind(id.rawValue))
        let built = sql
        return try await read("case_file") { connection, logger in
            try await connection.query(built.query, logger: logger).collect().first.map(Self.caseFile)
        }
    }

    /// Up to `limit` cases in `scope`, ordered by id; only open ones when `openOnly`.
    public func caseFiles(in scope: Scope, openOnly: Bool, limit: Int) async throws -> [CaseFile] {
        var sql = SQLBuilder("SELECT \(Self.caseColumns) FROM case_file c JOIN station s ON s.id = c.station_id WHERE ")
        sql.append(try Self.stationFilter(scope, into: &sql))
        if openOnly { sql.append(" AND c.stage NOT IN ('closed', 'referred', 'ended')") }
        let limit = try sql.bind(max(0, min(limit, Int(Int32.max))))
        sql.append(" ORDER BY c.id LIMIT \(limit)")
        let built = sql
        return try await read("case_file") { connection, logger in
            try await connection.query(built.query, logger: logger).collect().map(Self.caseFile)
        }
    }

    /// A case from a row of `caseColumns`.
    static func caseFile(_ row: PostgresRow) throws -> CaseFile {
        let cells = row.makeRandomAccess()
        let text = try cells["history"].decode(String.self)
        let history = try CaseStageEntry.history(fromJSON: text)
        do {
            return try CaseFile(
                id: try id(cells, "id"),
                station: try id(cells, "station_id"),
                client: try id(cells, "client_id"),
                history: history,
                overdueAnnounced: try cells["overdue_announced"].decode(Int?.self)
            )
        } catch let error as CaseTransitionError {
            throw StoreError(code: .backend, location: "case_stage", reason: error.message(in: .en))
        }
    }
}
