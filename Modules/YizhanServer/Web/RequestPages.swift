import Foundation
public import Hummingbird
import YizhanKernel

/// A station's residents' requests as a page (issue 26.3, 督办): the open ones with the next
/// deadline of each, those past a limit marked and counted first, `?overdue=1` for only those.
/// Nothing a resident wrote and nobody's name is on it: codes, states, tiers and times.
public struct RequestPages: Sendable {
    let dependencies: ServerDependencies
    let pages: WebPages
    let frame: PageFrame

    /// The page over `dependencies`, rendered with `pages`.
    public init(dependencies: ServerDependencies, pages: WebPages) {
        self.dependencies = dependencies
        self.pages = pages
        self.frame = PageFrame(strings: pages.strings)
    }

    /// Adds `GET /stations/{id}/requests` to `group`.
    public func addRoutes(to group: RouterGroup<WebContext>) {
        group.get("stations/:id/requests", use: list)
    }

    @Sendable func list(_ request: Request, context: WebContext) async throws -> Response {
        let station = try await dependencies.access.station(
            try context.parameters.require("id"),
            .readRecords,
            by: context.principal,
            route: context.route(of: request)
        )
        let language = PageLanguage.of(request)
        let overdueOnly = request.uri.queryParameters["overdue"] == "1"
        let policy = dependencies.reportConfig.requestPolicy
        let workflow = RequestWorkflow(policy: policy)
        let now = dependencies.clock.now()
        let open = try await dependencies.store.residentRequests(
            in: .station(station.id),
            states: [.registered, .accepted, .inProgress, .answered]
        )
        let rows = open.map { filed -> Row in
            let deadlines = workflow.openDeadlines(of: filed)
            let tier = policy.tier(filed.holder.tier)?.name ?? filed.holder.tier
            return Row(
                request: filed,
                category: policy.category(filed.category)?.name ?? filed.category,
                holder: filed.holder.assignee.map { "\(tier) \($0)" } ?? tier,
                nextDue: deadlines.filter { $0.due >= now }.map(\.due).min(),
                late: deadlines.filter { $0.due < now }.map { $0.limit.label(in: language) }
            )
        }
        .sorted { ($0.late.isEmpty ? 1 : 0, $0.request.filedAt) < ($1.late.isEmpty ? 1 : 0, $1.request.filedAt) }
        let shown = overdueOnly ? rows.filter { !$0.late.isEmpty } : rows
        var values = frame.values(request, context: context, place: .station(station), section: .requests)
        values["station"] = ["id": station.id.rawValue, "name": station.name]
        values["openCount"] = rows.count
        values["overdueCount"] = rows.filter { !$0.late.isEmpty }.count
        values["overdueOnly"] = overdueOnly
        values["hasRequests"] = !shown.isEmpty
        values["requests"] = shown.map { row -> [String: Any] in
            [
                "id": row.request.id.rawValue, "village": row.request.village.rawValue, "category": row.category,
                "state": row.request.state.label(in: language), "holder": row.holder,
                "filed": row.request.filedAt.shanghaiText, "nextDue": row.nextDue?.shanghaiText ?? "—",
                "late": row.late.joined(separator: language == .zhHans ? "、" : ", "), "overdue": !row.late.isEmpty,
            ]
        }
        return try pages.page("requests", values, for: request)
    }

    /// One request as the page lists it.
    struct Row {
        let request: ResidentRequest
        let category: String
        let holder: String
        let nextDue: Date?
        let late: [String]
    }
}
