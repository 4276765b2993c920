import Hummingbird
import YizhanKernel

/// `GET|POST /api/v1/records` and `GET /api/v1/records/{id}`: service records, read within the
/// caller's grants and recorded through `RecordService` as the command line records them.
struct RecordsController {
    let dependencies: ServerDependencies

    /// The most records one page lists.
    static let maximumLimit = 500

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("records", use: list)
        group.post("records", use: create)
        group.get("records/:id", use: show)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> RecordList {
        let query = request.uri.queryParameters
        var check = QueryCheck()
        let limit = check.integer(query, "limit", in: 1...Self.maximumLimit) ?? 100
        let kind = check.kind(query)
        let period = check.period(query)
        try check.finish()
        let records = try await dependencies.listEach(
            request,
            context: context,
            limit: limit,
            in: { ($0.date, $0.id.rawValue) > ($1.date, $1.id.rawValue) },
            page: { scope in
                try await dependencies.store.serviceRecords(
                    ServiceRecordQuery(scope: scope, period: period, kind: kind, limit: limit)
                )
            }
        )
        return RecordList(records: records.map { RecordView($0) })
    }

    @Sendable func create(_ request: Request, context: APIContext) async throws -> EditedResponse<RecordCreated> {
        let input = try await request.decode(as: RecordInput.self, context: context)
        // The station is reached like any object: outside the grants it is 404, whatever else is wrong.
        _ = try await dependencies.access.station(
            input.station,
            .writeRecords,
            by: context.principal,
            route: context.route(of: request)
        )
        let stored = try await BodyField.renaming {
            try await dependencies.recorder.record(input.request, actor: context.principal.actor)
        }
        let payload = try stored.event.decodePayload(as: ServiceRecorded.self)
        guard let record = try await dependencies.store.serviceRecord(payload.record) else {
            throw APIError.internalFailure
        }
        return EditedResponse(
            status: .created,
            headers: [.location: "/api/v1/records/\(payload.record.rawValue)"],
            response: RecordCreated(record: RecordView(record.record), event: stored.sequence.rawValue)
        )
    }

    @Sendable func show(_ request: Request, context: APIContext) async throws -> RecordView {
        let stored = try await dependencies.access.serviceRecord(
            try context.parameters.require("id"),
            by: context.principal,
            route: context.route(of: request)
        )
        return RecordView(stored.record, version: stored.version, voided: stored.isVoided)
    }
}
