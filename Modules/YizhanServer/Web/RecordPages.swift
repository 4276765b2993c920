import Foundation
public import Hummingbird
import YizhanKernel
import YizhanLedger
import YizhanReports

/// A station's service records as pages (issue 24.2): the record-a-service form, its post, the
/// saved record, and the month's records with filters and the ledger export. Recording goes
/// through `RecordService` and reading through `ObjectAccess`, as the API's routes do.
public struct RecordPages: Sendable {
    let dependencies: ServerDependencies
    let pages: WebPages
    let frame: PageFrame

    /// The most clients a search lists on the form.
    static let searchLimit = 20

    /// The pages over `dependencies`, rendered with `pages`.
    public init(dependencies: ServerDependencies, pages: WebPages) {
        self.dependencies = dependencies
        self.pages = pages
        self.frame = PageFrame(strings: pages.strings)
    }

    /// Adds the pages to `group`.
    public func addRoutes(to group: RouterGroup<WebContext>) {
        group.get("stations/:id/records/new", use: form)
        group.post("stations/:id/records", use: create)
        group.get("stations/:id/records", use: list)
        group.get("records/:id", use: show)
    }

    @Sendable func form(_ request: Request, context: WebContext) async throws -> Response {
        let station = try await station(request, context: context, .writeRecords)
        return try await formPage(
            request,
            context: context,
            station: station,
            form: RecordForm(today: dependencies.clock.today),
            issues: []
        )
    }

    @Sendable func create(_ request: Request, context: WebContext) async throws -> Response {
        let station = try await station(request, context: context, .writeRecords)
        let body = try await FormBody.of(request, limit: context.maxUploadSize)
        let extra = dependencies.plugins.fields(for: station).map(\.id)
        let form = RecordForm(body, fields: extra)
        if body.value("action") == "search" {
            return try await formPage(request, context: context, station: station, form: form, issues: [], search: true)
        }
        let programs = try await dependencies.store.programs(of: station.id)
        let (recordRequest, numberIssues) = form.request(station: station.id, programs: programs)
        do {
            if !numberIssues.isEmpty {
                // The kernel still checks every other field, so that all refusals show at once.
                var issues = numberIssues
                do { _ = try await dependencies.recorder.validate(recordRequest) } catch let error as InputError {
                    let typed = Set(numberIssues.map(\.field))
                    issues += error.issues.filter { !typed.contains($0.field) }
                }
                throw InputError(issues: issues)
            }
            let stored = try await dependencies.recorder.record(recordRequest, actor: context.principal.actor)
            let payload = try stored.event.decodePayload(as: ServiceRecorded.self)
            return Response(status: .seeOther, headers: [.location: "/records/\(payload.record.rawValue)?saved=1"])
        } catch let error as InputError {
            return try await formPage(
                request,
                context: context,
                station: station,
                form: form,
                issues: error.issues,
                status: .unprocessableContent
            )
        }
    }

    @Sendable func show(_ request: Request, context: WebContext) async throws -> Response {
        let stored = try await dependencies.access.serviceRecord(
            try context.parameters.require("id"),
            by: context.principal,
            route: context.route(of: request)
        )
        let record = stored.record
        guard let station = try await dependencies.store.station(record.station) else { throw HTTPError(.notFound) }
        let language = PageLanguage.of(request)
        let names = try await StationNames(of: station, store: dependencies.store)
        var values = frame.values(request, context: context, place: .station(station), section: .records)
        var participants: [String] = []
        if case .headCount(let count) = record.participants {
            participants = ["\(count) " + pages.strings.text("people", language)]
        } else {
            let clients = try await dependencies.store.clients(record.participants.clients)
            participants = clients.map { ClientCard.masked($0, opening: dependencies.vault).name }
        }
        let plugin = dependencies.plugins.fields(for: station)
        let elements = elementNames(at: station)
        values["record"] = [
            "id": record.id.rawValue, "kind": record.kind.label(in: language), "date": record.date.description,
            "duration": record.durationMinutes, "village": record.village.map { names.village($0) } ?? "—",
            "workers": (record.workers.map { names.worker($0) } + record.workerNames).joined(separator: "、"),
            "participants": participants.joined(separator: "、"), "personTimes": record.participants.count,
            "subProject": record.subProject.map { names.subProject($0) } ?? "—",
            "fields": record.fields.sorted { $0.key < $1.key }.map { id, value in
                [
                    "name": plugin.first { $0.id == id }.map { language == .en ? $0.name.en : $0.name.zhHans } ?? id,
                    "value": elements[value] ?? value,
                ]
            },
            "photos": record.photos, "version": stored.version, "voided": stored.isVoided,
        ]
        values["station"] = ["id": station.id.rawValue, "name": station.name]
        values["saved"] = request.uri.queryParameters["saved"] == "1"
        return try pages.page("record", values, for: request)
    }

    @Sendable func list(_ request: Request, context: WebContext) async throws -> Response {
        let station = try await station(request, context: context, .readRecords)
        let query = request.uri.queryParameters
        let today = dependencies.clock.today
        let names = try await StationNames(of: station, store: dependencies.store)
        var check = QueryCheck()
        let month = query["month"].map(String.init).flatMap { $0.isEmpty ? nil : $0 } ?? today.monthKey
        let period = month.wholeMatch(of: /\d{4}-\d{2}/) == nil ? nil : (try? ReportPeriod(parsing: month))?.range
        if period == nil {
            check.refuse("month", month, LocalizedText("YYYY-MM 月份,如 2021-12", en: "a YYYY-MM month, e.g. 2021-12"))
        }
        let kind = check.kind(query)
        let subProject = query["subProject"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        if let subProject, !names.subProjects.keys.contains(where: { $0.rawValue == subProject }) {
            check.refuse("subProject", subProject, LocalizedText("本站的子项目", en: "a sub-project of this station"))
        }
        let worker = query["worker"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        if let worker, !names.workers.keys.contains(where: { $0.rawValue == worker }) {
            check.refuse("worker", worker, LocalizedText("本站的社工", en: "a worker of this station"))
        }
        let format = check.choice(query, "format", ["csv", "xlsx"])
        try check.finish()
        let recordQuery = ServiceRecordQuery(
            scope: .station(station.id),
            period: period,
            kind: kind,
            subProject: try subProject.map { try SubProjectID($0) },
            worker: try worker.map { try WorkerID($0) },
            limit: format == nil ? 1_000 : Int.max
        )
        let records = try await dependencies.store.serviceRecords(recordQuery)
        if let format { return try await export(records, station: station, month: month, format: format) }
        let language = PageLanguage.of(request)
        var values = frame.values(request, context: context, place: .station(station), section: .records)
        values["station"] = ["id": station.id.rawValue, "name": station.name]
        values["filters"] = [
            "month": month,
            "kinds": ServiceKind.known.map {
                ["code": $0.rawValue, "label": $0.label(in: language), "selected": $0 == kind]
            },
            "subProjects": names.subProjectChoices.map {
                ["id": $0.id.rawValue, "name": $0.name, "selected": $0.id.rawValue == subProject]
            },
            "workers": names.workerChoices.map {
                ["id": $0.id.rawValue, "name": $0.name, "selected": $0.id.rawValue == worker]
            },
        ]
        values["exportQuery"] = [
            "month": WebPages.queryValue(month), "kind": kind?.rawValue ?? "",
            "subProject": WebPages.queryValue(subProject ?? ""), "worker": WebPages.queryValue(worker ?? ""),
        ]
        values["records"] = records.map { record -> [String: Any] in
            [
                "id": record.id.rawValue, "date": record.date.description, "kind": record.kind.label(in: language),
                "duration": record.durationMinutes, "personTimes": record.participants.count,
                "workers": (record.workers.map { names.worker($0) } + record.workerNames).joined(separator: "、"),
                "subProject": record.subProject.map { names.subProject($0) } ?? "",
            ]
        }
        values["count"] = records.count
        values["truncated"] = records.count == recordQuery.limit
        return try pages.page("records", values, for: request)
    }

    /// The filtered records as the service ledger `yizhan export services` writes.
    private func export(
        _ records: [ServiceRecord],
        station: Station,
        month: String,
        format: String
    ) async throws
        -> Response
    {
        guard let headers = dependencies.ledgerHeaders else { throw HTTPError(.notFound) }
        let store = dependencies.store
        let ledger = LedgerExport.services(
            records,
            station: station,
            workers: try await store.workers(of: station.id),
            programs: try await store.programs(of: station.id),
            villages: try await store.orgUnits(within: station.orgUnit),
            vocabulary: try LedgerVocabulary.load(from: headers, ledger: "services").adding(
                plugins: dependencies.plugins,
                for: station
            )
        )
        let chosen: LedgerFormat = format == "xlsx" ? .xlsx : .csv
        let data = try ledger.data(chosen)
        let name = "services-\(station.id.rawValue)-\(month).\(format)"
        return Response(
            status: .ok,
            headers: [
                .contentType: format == "xlsx"
                    ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
                .contentDisposition: #"attachment; filename="\#(name)""#,
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    /// The names of the plugins' elements serving `station` (`bridge1` → 第一色桥), by id.
    private func elementNames(at station: Station) -> [String: String] {
        var names: [String: String] = [:]
        for manifest in dependencies.plugins.plugins(serving: station) {
            names.merge(dependencies.plugins.elementNames[manifest.id] ?? [:]) { first, _ in first }
        }
        return names
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

    /// The form at `station` as `form` holds it, each of `issues` beside its field; with `search`,
    /// the station's clients whose masked name, village or household matches the search.
    private func formPage(
        _ request: Request,
        context: WebContext,
        station: Station,
        form: RecordForm,
        issues: [InputIssue],
        search: Bool = false,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = PageLanguage.of(request)
        let store = dependencies.store
        let names = try await StationNames(of: station, store: store)
        var errors: [String: String] = [:]
        var general: [String] = []
        for issue in issues {
            let input = RecordForm.input(for: issue.field)
            let text = Self.message(issue, language)
            if ["station"].contains(input) {
                general.append(text)
            } else {
                errors[input] = errors[input].map { $0 + ";" + text } ?? text
            }
        }
        // Clients ticked stay on the form; a search adds its matches below them.
        let chosen = try await store.clients(form.clients.compactMap { try? ClientID($0) })
            .filter { $0.station == station.id }
        var clients = chosen.map { client -> [String: Any] in
            [
                "id": client.id.rawValue, "name": ClientCard.masked(client, opening: dependencies.vault).name,
                "checked": true, "village": names.village(client.village),
            ]
        }
        var searched = false
        if search, !form.clientSearch.isEmpty {
            searched = true
            let wanted = form.clientSearch
            let matches = try await store.clients(in: .station(station.id), limit: 5_000).filter { client in
                !form.clients.contains(client.id.rawValue)
            }
            .lazy.compactMap { client -> [String: Any]? in
                let card = ClientCard.masked(client, opening: dependencies.vault)
                let village = names.village(client.village)
                guard
                    card.name.contains(wanted) || village.contains(wanted)
                        || client.household?.rawValue.contains(wanted) == true
                else { return nil }
                return ["id": client.id.rawValue, "name": card.name, "checked": false, "village": village]
            }
            .prefix(Self.searchLimit)
            clients += matches
        }
        var values = frame.values(request, context: context, place: .station(station), section: .record)
        values["station"] = ["id": station.id.rawValue, "name": station.name]
        values["form"] = [
            "date": form.date, "duration": form.duration, "headCount": form.headCount, "photos": form.photos,
            "clientSearch": form.clientSearch, "today": dependencies.clock.today.description,
        ]
        values["kinds"] = ServiceKind.known.map {
            ["code": $0.rawValue, "label": $0.label(in: language), "selected": $0.rawValue == form.kind]
        }
        values["villages"] = names.villageChoices.map {
            ["code": $0.code.rawValue, "name": $0.name, "selected": $0.code.rawValue == form.village]
        }
        values["workers"] = names.workerChoices.map {
            ["id": $0.id.rawValue, "name": $0.name, "checked": form.workers.contains($0.id.rawValue)]
        }
        values["programs"] = names.programs.map { entry -> [String: Any] in
            [
                "name": entry.program.name,
                "subProjects": entry.subProjects.filter { !$0.isRetired }.map {
                    ["id": $0.id.rawValue, "name": $0.name, "selected": $0.id.rawValue == form.subProject]
                },
            ]
        }
        values["clients"] = clients
        values["searched"] = searched
        let elements = elementNames(at: station)
        values["fields"] = dependencies.plugins.fields(for: station).map { field -> [String: Any] in
            let value = form.fields[field.id] ?? ""
            var item: [String: Any] = [
                "id": field.id, "name": language == .en ? field.name.en : field.name.zhHans, "value": value,
            ]
            if let options = field.options {
                item["choice"] = [
                    "options": options.map { ["value": $0, "label": elements[$0] ?? $0, "selected": $0 == value] }
                ]
            }
            if let error = errors["field." + field.id] { item["error"] = error }
            return item
        }
        values["errors"] = errors
        values["general"] = general
        values["hasErrors"] = !issues.isEmpty
        return try pages.page("record-form", values, for: request, status: status)
    }

    /// `issue` as a form shows it beside its field: what was expected, and what was found.
    static func message(_ issue: InputIssue, _ language: Language) -> String {
        // The kernel names the command line's options here; the form has its own words.
        if issue.field == "head-count", issue.code == .missing {
            return language == .zhHans ? "请勾选服务对象,或填写参与人数" : "Tick the clients, or give a head-count"
        }
        // Hints of an option (`(--consent-by 监护人)`) mean nothing on a page.
        let zh = issue.expected.zhHans.replacing(/[((]--[^))]*[))]/, with: "")
        let en = issue.expected.en.replacing(/\s?\(--[^)]*\)/, with: "")
        return switch (language, issue.found.isEmpty) {
        case (.zhHans, true): "请填写:\(zh)"
        case (.zhHans, false): "“\(issue.found)”不可用,应为\(zh)"
        case (.en, true): "Required: \(en)"
        case (.en, false): "“\(issue.found)” cannot be used: expected \(en)"
        }
    }
}
