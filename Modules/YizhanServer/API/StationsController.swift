import Hummingbird
import YizhanKernel

/// `GET /api/v1/stations` and `GET /api/v1/stations/{id}`: the stations whose figures the caller
/// may read.
struct StationsController {
    let dependencies: ServerDependencies

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("stations", use: list)
        group.get("stations/:id", use: show)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> StationList {
        let stations = try await dependencies.access.stations(.readFigures, by: context.principal)
        return StationList(stations: stations.map(StationView.init))
    }

    @Sendable func show(_ request: Request, context: APIContext) async throws -> StationView {
        let id = try context.parameters.require("id")
        let station = try await dependencies.access.station(
            id,
            .readFigures,
            by: context.principal,
            route: context.route(of: request)
        )
        return StationView(station)
    }
}
