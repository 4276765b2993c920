import Hummingbird
import YizhanKernel

/// `GET /api/v1/events?after=N`: the event log, only the events of the caller's stations and
/// divisions; `next` moves on even past a page with none of them.
struct EventsController {
    let dependencies: ServerDependencies

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("events", use: list)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> EventPage {
        let query = request.uri.queryParameters
        var check = QueryCheck()
        let after = check.integer(query, "after", in: 0...Int.max) ?? 0
        let limit = check.integer(query, "limit", in: 1...1_000) ?? 100
        try check.finish()
        let page = try await dependencies.access.events(
            after: EventSequence(rawValue: Int64(after)),
            limit: limit,
            by: context.principal
        )
        return EventPage(events: page.events.map(EventView.init), next: page.next.rawValue)
    }
}
