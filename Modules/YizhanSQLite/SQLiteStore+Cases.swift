import Foundation
import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// The columns a case is read from: its row, and its history as a JSON array of
    /// `[stage, since, worker]` in position order.
    static let caseColumns = """
        c.id, c.station_id, c.client_id, c.overdue_announced,
        (SELECT json_group_array(json_array(stage, since, worker_id))
         FROM (SELECT stage, since, worker_id FROM case_stage s WHERE s.case_id = c.id ORDER BY position)) AS history
        """

    /// The case with `id` and its history.
    public func caseFile(_ id: CaseID) async throws -> CaseFile? {
        try await read("case_file") { db in
            try Self.rows(
                db,
                sql: "SELECT \(Self.caseColumns) FROM case_file c WHERE c.id = ?",
                arguments: [id.rawValue]
            )
            .first.map(Self.caseFile)
        }
    }

    /// Up to `limit` cases in `scope`, ordered by id; only open ones when `openOnly`.
    public func caseFiles(in scope: Scope, openOnly: Bool, limit: Int) async throws -> [CaseFile] {
        var (filter, arguments) = Self.stationFilter(scope, alias: "s")
        if openOnly { filter += " AND c.stage NOT IN ('closed', 'referred', 'ended')" }
        arguments += [max(0, limit)]
        let sql = """
            SELECT \(Self.caseColumns) FROM case_file c JOIN station s ON s.id = c.station_id
            WHERE \(filter) ORDER BY c.id LIMIT ?
            """
        let bound = arguments
        return try await read("case_file") { db in try Self.rows(db, sql: sql, arguments: bound).map(Self.caseFile) }
    }

    /// A case from a row of `caseColumns`.
    static func caseFile(_ row: Row) throws -> CaseFile {
        let text: String = try row.decode(forColumn: "history")
        let history = try CaseStageEntry.history(fromJSON: text)
        do {
            return try CaseFile(
                id: try id(row, "id"),
                station: try id(row, "station_id"),
                client: try id(row, "client_id"),
                history: history,
                overdueAnnounced: try row.decode(forColumn: "overdue_announced")
            )
        } catch let error as CaseTransitionError {
            throw StoreError(code: .backend, location: "case_stage", reason: error.message(in: .en))
        }
    }
}
