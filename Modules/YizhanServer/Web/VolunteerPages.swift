import Foundation
public import Hummingbird
import YizhanKernel

/// Volunteers as pages (issue 24.2): the station's volunteers (masked) and activities, an
/// activity's sign-in sheet with the QR code to show there and the staff entry of hours, through
/// `VolunteerWork` as `yizhan volunteer hours` records them.
public struct VolunteerPages: Sendable {
    let dependencies: ServerDependencies
    let pages: WebPages
    let frame: PageFrame
    let overTLS: Bool

    /// The pages over `dependencies`, rendered with `pages`; check-in links are `https` `overTLS`.
    public init(dependencies: ServerDependencies, pages: WebPages, overTLS: Bool) {
        self.dependencies = dependencies
        self.pages = pages
        self.frame = PageFrame(strings: pages.strings)
        self.overTLS = overTLS
    }

    /// Adds the pages to `group`.
    public func addRoutes(to group: RouterGroup<WebContext>) {
        group.get("stations/:id/volunteers", use: list)
        group.get("activities/:id", use: activity)
        group.post("activities/:id/hours", use: enter)
    }

    @Sendable func list(_ request: Request, context: WebContext) async throws -> Response {
        let station = try await dependencies.access.station(
            try context.parameters.require("id"),
            .readRecords,
            by: context.principal,
            route: context.route(of: request)
        )
        let names = try await StationNames(of: station, store: dependencies.store)
        let volunteers = try await dependencies.store.volunteers(in: .station(station.id), limit: 1_000)
        let activities = try await dependencies.store.volunteerActivities(of: station.id, limit: 50)
        var values = frame.values(request, context: context, place: .station(station), section: .volunteers)
        values["station"] = ["id": station.id.rawValue, "name": station.name]
        values["volunteers"] = volunteers.map { volunteer -> [String: Any] in
            let card = VolunteerCard(masking: volunteer, opening: dependencies.vault)
            return [
                "name": card.name, "village": volunteer.village.map { names.village($0) } ?? "—",
                "registeredOn": card.registeredOn,
            ]
        }
        values["volunteerCount"] = volunteers.count
        values["activities"] = activities.map { activity -> [String: Any] in
            ["id": activity.id.rawValue, "name": activity.name, "heldOn": activity.heldOn.description]
        }
        return try pages.page("volunteers", values, for: request)
    }

    @Sendable func activity(_ request: Request, context: WebContext) async throws -> Response {
        let activity = try await dependencies.access.volunteerActivity(
            try context.parameters.require("id"),
            .readRecords,
            by: context.principal,
            route: context.route(of: request)
        )
        return try await sheet(request, context: context, activity: activity, issues: [], entered: false)
    }

    @Sendable func enter(_ request: Request, context: WebContext) async throws -> Response {
        let activity = try await dependencies.access.volunteerActivity(
            try context.parameters.require("id"),
            .writeRecords,
            by: context.principal,
            route: context.route(of: request)
        )
        let body = try await FormBody.of(request, limit: context.maxUploadSize)
        let day = activity.heldOn.description
        do {
            try await dependencies.volunteering.recordHours(
                activity: activity.id.rawValue,
                volunteer: body.value("volunteer") ?? "",
                checkIn: "\(day) \(body.value("checkIn") ?? "")",
                checkOut: "\(day) \(body.value("checkOut") ?? "")",
                code: nil,
                worker: body.value("worker") ?? "",
                actor: context.principal.actor
            )
            return Response(status: .seeOther, headers: [.location: "/activities/\(activity.id.rawValue)?entered=1"])
        } catch let error as InputError {
            return try await sheet(request, context: context, activity: activity, issues: error.issues, entered: false)
        }
    }

    /// The sign-in sheet of `activity`: who came when, the check-in link and its QR code, the entry form.
    private func sheet(
        _ request: Request,
        context: WebContext,
        activity: VolunteerActivity,
        issues: [InputIssue],
        entered: Bool
    ) async throws -> Response {
        guard let station = try await dependencies.store.station(activity.station) else { throw HTTPError(.notFound) }
        let language = PageLanguage.of(request)
        let store = dependencies.store
        let names = try await StationNames(of: station, store: store)
        let volunteers = try await store.volunteers(in: .station(station.id), limit: 1_000)
        let masked = Dictionary(
            volunteers.map { ($0.id, VolunteerCard(masking: $0, opening: dependencies.vault).name) },
            uniquingKeysWith: { first, _ in first }
        )
        let attendances = try await store.attendances(at: activity.id)
        var values = frame.values(request, context: context, place: .station(station), section: .volunteers)
        values["station"] = ["id": station.id.rawValue, "name": station.name]
        let link = CheckInPage.link(for: activity, request: request, overTLS: overTLS)
        values["activity"] = [
            "id": activity.id.rawValue, "name": activity.name, "heldOn": activity.heldOn.description,
            "cap": activity.capMinutes.map(String.init) ?? "—", "link": link,
            "qr": (try? QRCode(text: link).svg(moduleSize: 6, label: pages.strings.text("check_in_qr", language)))
                ?? "",
        ]
        values["attendances"] = attendances.map { hours -> [String: Any] in
            [
                "name": masked[hours.volunteer] ?? "—", "in": Self.clock(hours.checkIn),
                "out": Self.clock(hours.checkOut), "minutes": hours.minutes, "method": hours.method.label(in: language),
            ]
        }
        values["totalMinutes"] = attendances.reduce(0) { $0 + $1.minutes }
        if context.principal.may(.writeRecords, at: station) {
            values["entry"] = [
                "volunteers": volunteers.map { ["id": $0.id.rawValue, "name": masked[$0.id] ?? "—"] },
                "workers": names.workerChoices.map { ["id": $0.id.rawValue, "name": $0.name] },
                "errors": issues.map { RecordPages.message($0, language) }, "hasErrors": !issues.isEmpty,
            ]
        }
        values["entered"] = entered || request.uri.queryParameters["entered"] == "1"
        return try pages.page(
            "activity",
            values,
            for: request,
            status: issues.isEmpty ? .ok : .unprocessableContent
        )
    }

    /// `instant`'s time of day in Asia/Shanghai, `HH:MM`.
    static func clock(_ instant: Date) -> String {
        let seconds = (Int(instant.timeIntervalSince1970) + 8 * 3_600) % 86_400
        return String(format: "%02d:%02d", seconds / 3_600, seconds % 3_600 / 60)
    }
}
