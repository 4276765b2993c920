import Hummingbird
import YizhanKernel

/// `/api/v1/volunteers` and `/api/v1/activities`: volunteers registered under their real names
/// (sealed, shown masked), activities scheduled, and attendances recorded — by the volunteer's own
/// check-in code or by a worker — through `RegisterVolunteer` and `VolunteerWork`, as the command line does.
struct VolunteersController {
    let dependencies: ServerDependencies

    /// The most volunteers one page lists.
    static let maximumLimit = 500

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("volunteers", use: list)
        group.post("volunteers", use: register)
        group.get("volunteers/:id", use: show)
        group.post("activities", use: schedule)
        group.get("activities/:id", use: activity)
        group.post("activities/:id/hours", use: recordHours)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> VolunteerList {
        var check = QueryCheck()
        let limit = check.integer(request.uri.queryParameters, "limit", in: 1...Self.maximumLimit) ?? 100
        try check.finish()
        let volunteers = try await dependencies.listEach(
            request,
            context: context,
            limit: limit,
            in: { $0.id.rawValue < $1.id.rawValue },
            page: { scope in try await dependencies.store.volunteers(in: scope, limit: limit) }
        )
        return VolunteerList(volunteers: volunteers.map { VolunteerCard(masking: $0, opening: dependencies.vault) })
    }

    @Sendable func register(_ request: Request, context: APIContext) async throws -> EditedResponse<VolunteerCard> {
        let input = try await request.decode(as: VolunteerInput.self, context: context)
        _ = try await dependencies.access.station(
            input.station,
            .writeRecords,
            by: context.principal,
            route: context.route(of: request)
        )
        let volunteer = try await BodyField.renaming {
            try await dependencies.volunteerRegistrar.register(input.request, actor: context.principal.actor)
        }
        return EditedResponse(
            status: .created,
            headers: [.location: "/api/v1/volunteers/\(volunteer.id.rawValue)"],
            response: VolunteerCard(masking: volunteer, opening: dependencies.vault).withCheckInCode(of: volunteer)
        )
    }

    @Sendable func show(_ request: Request, context: APIContext) async throws -> VolunteerCard {
        let volunteer = try await dependencies.access.volunteer(
            try context.parameters.require("id"),
            .readRecords,
            by: context.principal,
            route: context.route(of: request)
        )
        return VolunteerCard(masking: volunteer, opening: dependencies.vault)
    }

    @Sendable func schedule(_ request: Request, context: APIContext) async throws -> EditedResponse<ActivityView> {
        let input = try await request.decode(as: ActivityInput.self, context: context)
        _ = try await dependencies.access.station(
            input.station,
            .writeRecords,
            by: context.principal,
            route: context.route(of: request)
        )
        let activity = try await BodyField.renaming {
            try await dependencies.volunteering.schedule(
                station: input.station,
                name: input.name,
                date: input.date,
                capMinutes: input.capMinutes,
                actor: context.principal.actor
            )
        }
        return EditedResponse(
            status: .created,
            headers: [.location: "/api/v1/activities/\(activity.id.rawValue)"],
            response: ActivityView(activity)
        )
    }

    @Sendable func activity(_ request: Request, context: APIContext) async throws -> ActivityView {
        ActivityView(
            try await dependencies.access.volunteerActivity(
                try context.parameters.require("id"),
                .readRecords,
                by: context.principal,
                route: context.route(of: request)
            )
        )
    }

    @Sendable func recordHours(_ request: Request, context: APIContext) async throws -> EditedResponse<HoursAnswer> {
        let activity = try await dependencies.access.volunteerActivity(
            try context.parameters.require("id"),
            .writeRecords,
            by: context.principal,
            route: context.route(of: request)
        )
        let input = try await request.decode(as: HoursInput.self, context: context)
        let (hours, booked) = try await BodyField.renaming {
            try await dependencies.volunteering.recordHours(
                activity: activity.id.rawValue,
                volunteer: input.volunteer,
                checkIn: input.checkIn,
                checkOut: input.checkOut,
                code: input.code,
                worker: input.worker,
                actor: context.principal.actor
            )
        }
        return EditedResponse(status: .created, response: HoursAnswer(hours, booked))
    }
}
