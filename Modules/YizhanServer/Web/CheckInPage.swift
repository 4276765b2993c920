import Foundation
public import Hummingbird
import YizhanAccounts
import YizhanKernel
import YizhanRuntime

/// The page a volunteer opens from the QR code shown at an activity (issue 24.2): no account, just
/// their own check-in code and the times they came and left. `SelfCheckIn` finds them by the code
/// and throttles guessing; the form is guarded like the sign-in form (the Origin check and a nonce
/// cookie it must echo).
public struct CheckInPage: Sendable {
    let dependencies: ServerDependencies
    let pages: WebPages
    let cookies: SessionCookies
    let addresses: ClientAddress
    let checkIns: SelfCheckIn

    /// The page over `dependencies`.
    public init(dependencies: ServerDependencies, pages: WebPages, cookies: SessionCookies, addresses: ClientAddress) {
        self.dependencies = dependencies
        self.pages = pages
        self.cookies = cookies
        self.addresses = addresses
        self.checkIns = SelfCheckIn(store: dependencies.store, clock: dependencies.clock)
    }

    /// Adds `GET|POST /check-in/{activity}` to `group` (any visitor).
    public func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("check-in/:activity", use: form)
        group.post("check-in/:activity", use: checkIn)
    }

    /// The check-in link of `activity` on the host `request` came to (`https` when served over TLS).
    static func link(for activity: VolunteerActivity, request: Request, overTLS: Bool) -> String {
        let host = request.head.authority ?? "localhost"
        return "\(overTLS ? "https" : "http")://\(host)/check-in/\(activity.id.rawValue)"
    }

    /// What the form posts.
    struct CheckInForm: Decodable {
        let code: String
        let checkIn: String
        let checkOut: String
        let csrf: String
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        let activity = try await activity(context)
        return try await page(request, activity: activity, message: nil, typed: nil, status: .ok)
    }

    @Sendable func checkIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let activity = try await activity(context)
        let form = try await URLEncodedFormDecoder().decode(CheckInForm.self, from: request, context: context)
        guard let nonce = SessionCookies.value(cookies.signInForm, in: request), ConstantTime.equal(form.csrf, nonce)
        else { throw PageProblem.forgedRequest }
        let language = PageLanguage.of(request)
        let address = addresses.of(request, peer: context.remoteAddress)
        let outcome: SelfCheckIn.Outcome
        do {
            outcome = try await checkIns.checkIn(
                activity: activity.id.rawValue,
                code: form.code,
                checkIn: form.checkIn,
                checkOut: form.checkOut,
                addressDigest: dependencies.accounts.secrets.addressDigest(address)
            )
        } catch let error as InputError {
            let text = error.issues.map { RecordPages.message($0, language) }.joined(separator: ";")
            return try await page(
                request,
                activity: activity,
                message: text,
                typed: form,
                status: .unprocessableContent
            )
        }
        switch outcome {
        case .recorded(let hours, let booked):
            var values: [String: Any] = [
                "activity": ["name": activity.name, "heldOn": activity.heldOn.description],
                "in": VolunteerPages.clock(hours.checkIn), "out": VolunteerPages.clock(hours.checkOut),
                "minutes": hours.minutes,
            ]
            if case .booked(let balance) = booked { values["balance"] = balance }
            return try pages.page("check-in-done", values, for: request, status: .created)
        case .wrongCode:
            return try await page(
                request,
                activity: activity,
                message: pages.strings.text("check_in_wrong_code", language),
                typed: form,
                status: .unprocessableContent
            )
        case .throttled(let retryAfter):
            let seconds = max(1, Int(retryAfter.timeIntervalSince(dependencies.clock.now()).rounded(.up)))
            var response = try await page(
                request,
                activity: activity,
                message: pages.strings.text("check_in_throttled", language),
                typed: form,
                status: .tooManyRequests
            )
            response.headers[.retryAfter] = "\(seconds)"
            return response
        }
    }

    /// The activity the route names (an unknown one: not found).
    private func activity(_ context: AppRequestContext) async throws -> VolunteerActivity {
        do {
            return try await checkIns.activity(try context.parameters.require("activity"))
        } catch is InputError {
            throw HTTPError(.notFound)
        }
    }

    /// The form for `activity`, with the nonce its post must echo; the code typed is never shown again.
    private func page(
        _ request: Request,
        activity: VolunteerActivity,
        message: String?,
        typed: CheckInForm?,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let existing = SessionCookies.value(cookies.signInForm, in: request)
        let nonce = existing ?? dependencies.accounts.secrets.makeSecret().secret
        let today = dependencies.clock.today
        var values: [String: Any] = [
            "csrf": nonce,
            "activity": ["id": activity.id.rawValue, "name": activity.name, "heldOn": activity.heldOn.description],
            "checkIn": typed?.checkIn ?? "",
            "checkOut": typed?.checkOut
                ?? (activity.heldOn == today ? VolunteerPages.clock(dependencies.clock.now()) : ""),
        ]
        if let message { values["message"] = message }
        var response = try pages.page("check-in", values, for: request, status: status)
        if existing == nil { response.setCookie(cookies.signInForm(nonce)) }
        return response
    }
}
