import Foundation
public import Hummingbird
import YizhanKernel

/// A station's clients as pages (issue 24.2): the masked list with its search, the registration
/// form (the ID number checked as it is typed, and again by `RegisterClient`), a client's page
/// with their consent, cases and services, and a reveal that names its purpose before anything
/// is shown (recorded by `RevealClient`, answered `no-store`, never in a URL).
public struct ClientPages: Sendable {
    let dependencies: ServerDependencies
    let pages: WebPages
    let frame: PageFrame

    /// The most clients the list shows.
    static let listLimit = 200

    /// The pages over `dependencies`, rendered with `pages`.
    public init(dependencies: ServerDependencies, pages: WebPages) {
        self.dependencies = dependencies
        self.pages = pages
        self.frame = PageFrame(strings: pages.strings)
    }

    /// Adds the pages to `group`.
    public func addRoutes(to group: RouterGroup<WebContext>) {
        group.get("stations/:id/clients", use: list)
        group.get("stations/:id/clients/new", use: form)
        group.post("stations/:id/clients", use: register)
        group.get("clients/:id", use: show)
        group.post("clients/:id/reveal", use: reveal)
    }

    @Sendable func list(_ request: Request, context: WebContext) async throws -> Response {
        let station = try await station(request, context: context, .readRecords)
        let language = PageLanguage.of(request)
        let query = request.uri.queryParameters
        let search = query["q"].map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
        let category = query["category"].map(String.init) ?? ""
        let village = query["village"].map(String.init) ?? ""
        let names = try await StationNames(of: station, store: dependencies.store)
        let clients = try await dependencies.store.clients(in: .station(station.id), limit: 100_000)
        var shown: [[String: Any]] = []
        var matched = 0
        for client in clients {
            if !category.isEmpty, !client.categories.contains(where: { $0.rawValue == category }) { continue }
            if !village.isEmpty, client.village.rawValue != village { continue }
            let card = ClientCard.masked(client, opening: dependencies.vault)
            if !search.isEmpty, !card.name.contains(search), client.household?.rawValue.contains(search) != true {
                continue
            }
            matched += 1
            guard shown.count < Self.listLimit else { continue }
            shown.append([
                "id": client.id.rawValue, "name": card.name, "village": names.village(client.village),
                "categories": categoryNames(client.categories, at: station, language),
                "consentOn": card.consentOn ?? "—", "unreadable": card.unreadable == true,
            ])
        }
        var values = frame.values(request, context: context, place: .station(station), section: .clients)
        values["station"] = ["id": station.id.rawValue, "name": station.name]
        values["clients"] = shown
        values["count"] = matched
        values["truncated"] = matched > shown.count
        values["canRegister"] = context.principal.may(.writeRecords, at: station)
        values["filters"] = [
            "q": search,
            "categories": categoryChoices(at: station, language).map {
                ["code": $0.code, "label": $0.label, "selected": $0.code == category]
            },
            "villages": names.villageChoices.map {
                ["code": $0.code.rawValue, "name": $0.name, "selected": $0.code.rawValue == village]
            },
        ]
        return try pages.page("clients", values, for: request)
    }

    @Sendable func form(_ request: Request, context: WebContext) async throws -> Response {
        let station = try await station(request, context: context, .writeRecords)
        return try await formPage(request, context: context, station: station, body: nil, issues: [])
    }

    @Sendable func register(_ request: Request, context: WebContext) async throws -> Response {
        let station = try await station(request, context: context, .writeRecords)
        let body = try await FormBody.of(request, limit: context.maxUploadSize)
        let client = ClientRequest(
            station: station.id.rawValue,
            village: body.value("village") ?? "",
            name: body.value("name") ?? "",
            idNumber: body.value("idNumber"),
            phone: body.value("phone"),
            categories: body.values("categories"),
            consentDate: body.value("consentDate"),
            consentScope: body.values("consentScope"),
            consentBy: body.value("consentBy"),
            risk: body.value("risk"),
            household: body.value("household")
        )
        do {
            let stored = try await dependencies.registrar.register(client, actor: context.principal.actor)
            let payload = try stored.event.decodePayload(as: ClientRegistered.self)
            return Response(status: .seeOther, headers: [.location: "/clients/\(payload.client.rawValue)?saved=1"])
        } catch let error as InputError {
            return try await formPage(
                request,
                context: context,
                station: station,
                body: body,
                issues: error.issues,
                status: .unprocessableContent
            )
        }
    }

    @Sendable func show(_ request: Request, context: WebContext) async throws -> Response {
        let client = try await dependencies.access.client(
            try context.parameters.require("id"),
            .readRecords,
            by: context.principal,
            route: context.route(of: request)
        )
        return try await clientPage(request, context: context, client: client, revealed: nil)
    }

    @Sendable func reveal(_ request: Request, context: WebContext) async throws -> Response {
        let client = try await dependencies.access.client(
            try context.parameters.require("id"),
            .revealPersonalData,
            by: context.principal,
            route: context.route(of: request)
        )
        let body = try await FormBody.of(request, limit: context.maxUploadSize)
        let purpose: RevealPurpose
        do {
            purpose = try RevealPurpose.parsing(body.value("reason"))
        } catch let error as InputError {
            return try await clientPage(request, context: context, client: client, revealed: nil, issues: error.issues)
        }
        let (opened, data) = try await dependencies.revealer.reveal(
            client.id,
            in: .station(client.station),
            purpose: purpose,
            actor: context.principal.actor
        )
        return try await clientPage(request, context: context, client: opened, revealed: data)
    }

    /// A client's page: masked, or with `revealed` opened (then never kept by the browser).
    private func clientPage(
        _ request: Request,
        context: WebContext,
        client: Client,
        revealed: PersonalData?,
        issues: [InputIssue] = []
    ) async throws -> Response {
        guard let station = try await dependencies.store.station(client.station) else { throw HTTPError(.notFound) }
        let language = PageLanguage.of(request)
        let store = dependencies.store
        let names = try await StationNames(of: station, store: store)
        let card =
            revealed.map { ClientCard(client, $0, revealed: true) }
            ?? ClientCard.masked(client, opening: dependencies.vault)
        let today = dependencies.clock.today
        let cases = try await store.caseFiles(in: .station(station.id), openOnly: false, limit: 10_000)
            .filter { $0.client == client.id }
            .map { CaseCard($0, station: station, on: today) }
        let services = try await store.serviceRecords(
            ServiceRecordQuery(scope: .station(station.id), client: client.id, limit: 50)
        )
        var values = frame.values(request, context: context, place: .station(station), section: .clients)
        values["station"] = ["id": station.id.rawValue, "name": station.name]
        values["client"] = [
            "id": client.id.rawValue, "name": card.name, "idNumber": card.idNumber ?? "—", "phone": card.phone ?? "—",
            "village": names.village(client.village),
            "categories": categoryNames(client.categories, at: station, language),
            "risk": client.risk?.label(in: language) ?? "—", "unreadable": card.unreadable == true,
            "household": client.household?.rawValue ?? "—",
        ]
        if let consent = client.consent {
            values["consent"] = [
                "on": consent.on.description, "by": consent.givenBy.label(in: language),
                "scope": consent.scope.map { $0.label(in: language) }.joined(separator: "、"),
            ]
        }
        values["cases"] = cases.map { card -> [String: Any] in
            [
                "id": card.id, "stage": CaseStage(rawValue: card.stage)?.label(in: language) ?? card.stage,
                "since": card.since, "overdue": card.overdue,
            ]
        }
        values["services"] = services.map { record -> [String: Any] in
            ["id": record.id.rawValue, "date": record.date.description, "kind": record.kind.label(in: language)]
        }
        values["revealed"] = revealed != nil
        values["saved"] = request.uri.queryParameters["saved"] == "1"
        values["canReveal"] =
            revealed == nil && client.personal != nil
            && context.principal.may(.revealPersonalData, at: station)
        values["purposes"] = RevealPurpose.allCases.map { ["code": $0.rawValue, "label": $0.label(in: language)] }
        values["revealErrors"] = issues.map { RecordPages.message($0, language) }
        values["hasRevealErrors"] = !issues.isEmpty
        var headers: HTTPFields = [:]
        if revealed != nil { headers[.cacheControl] = "no-store" }
        return try pages.page(
            "client",
            values,
            for: request,
            status: issues.isEmpty ? .ok : .unprocessableContent,
            headers: headers
        )
    }

    /// The registration form at `station`, with what `body` posted and each of `issues` by its field.
    private func formPage(
        _ request: Request,
        context: WebContext,
        station: Station,
        body: FormBody?,
        issues: [InputIssue],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = PageLanguage.of(request)
        let names = try await StationNames(of: station, store: dependencies.store)
        var errors: [String: String] = [:]
        var general: [String] = []
        for issue in issues {
            let input = Self.input(for: issue.field)
            let text = RecordPages.message(issue, language)
            if input == "station" {
                general.append(text)
            } else {
                errors[input] = errors[input].map { $0 + ";" + text } ?? text
            }
        }
        let categories = body?.values("categories") ?? []
        let scope = body?.values("consentScope") ?? ConsentScope.known.prefix(2).map(\.rawValue)
        var values = frame.values(request, context: context, place: .station(station), section: .clients)
        values["station"] = ["id": station.id.rawValue, "name": station.name]
        values["form"] = [
            "name": body?.value("name") ?? "", "idNumber": body?.value("idNumber") ?? "",
            "phone": body?.value("phone") ?? "", "household": body?.value("household") ?? "",
            "consentDate": body?.value("consentDate") ?? dependencies.clock.today.description,
            "today": dependencies.clock.today.description,
        ]
        values["villages"] = names.villageChoices.map {
            ["code": $0.code.rawValue, "name": $0.name, "selected": $0.code.rawValue == body?.value("village")]
        }
        values["categories"] = categoryChoices(at: station, language).map {
            ["code": $0.code, "label": $0.label, "checked": categories.contains($0.code)]
        }
        values["scopes"] = ConsentScope.known.map {
            ["code": $0.rawValue, "label": $0.label(in: language), "checked": scope.contains($0.rawValue)]
        }
        values["givers"] = ConsentGiver.allCases.map {
            ["code": $0.rawValue, "label": $0.label(in: language), "selected": $0.rawValue == body?.value("consentBy")]
        }
        values["risks"] = RiskLevel.allCases.map {
            ["code": $0.rawValue, "label": $0.label(in: language), "selected": $0.rawValue == body?.value("risk")]
        }
        values["errors"] = errors
        values["general"] = general
        values["hasErrors"] = !issues.isEmpty
        return try pages.page("client-form", values, for: request, status: status)
    }

    /// The form's input a kernel field names (`id-number` → `idNumber`).
    static func input(for field: String) -> String {
        switch field {
        case "id-number": "idNumber"
        case "category": "categories"
        case "consent-date": "consentDate"
        case "consent-scope": "consentScope"
        case "consent-by": "consentBy"
        default: field
        }
    }

    /// The categories a client at `station` may have: the template's, then the station's own.
    private func categoryChoices(at station: Station, _ language: Language) -> [(code: String, label: String)] {
        ClientCategory.known.map { ($0.rawValue, $0.label(in: language)) }
            + station.clientCategoryNames.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// `categories` by name.
    private func categoryNames(_ categories: [ClientCategory], at station: Station, _ language: Language) -> String {
        categories.map { station.clientCategoryNames[$0.rawValue] ?? $0.label(in: language) }.joined(separator: "、")
    }

    /// The station the route names, if the account may use `permission` there.
    private func station(_ request: Request, context: WebContext, _ permission: Permission) async throws -> Station {
        try await dependencies.access.station(
            try context.parameters.require("id"),
            permission,
            by: context.principal,
            route: context.route(of: request)
        )
    }
}
