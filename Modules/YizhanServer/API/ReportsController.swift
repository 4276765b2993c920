import Foundation
import Hummingbird
import YizhanApproval
import YizhanConfig
import YizhanKernel
import YizhanReports

/// `/api/v1/reports/{kind}`: every `yizhan-report` report, in every format, built by the same
/// `ReportQuery` — and only over what the caller's grants cover: figures (county, station,
/// compliance, evaluation) need `readFigures` over the whole scope asked; the donation ledger and a
/// volunteer's passbook name people and need `readRecords` at their station; the request rates are
/// figures too.
struct ReportsController {
    let dependencies: ServerDependencies

    /// Adds `GET reports/{kind}` to `group`: under `/api/v1` for tokens, at `/reports` for the
    /// pages' sessions — one handler, the same checks.
    func addRoutes<Context: ScopedRequestContext>(to group: RouterGroup<Context>) {
        group.get("reports/:kind") { request, context in try await report(request, context: context) }
    }

    /// The reports, by the name the route takes.
    enum Kind: String, CaseIterable {
        case county, station, compliance, evaluation, donations, passbook, requests
    }

    @Sendable func report<Context: ScopedRequestContext>(_ request: Request, context: Context) async throws -> Response
    {
        let route = context.route(of: request)
        guard let kind = Kind(rawValue: try context.parameters.require("kind")) else {
            throw HTTPError(.notFound)
        }
        let query = request.uri.queryParameters
        var check = QueryCheck()
        let format = check.choice(query, "format", ReportFormat.allCases.map(\.rawValue)).flatMap(ReportFormat.init)
        let language: Language = check.choice(query, "language", ["zh-Hans", "en"]) == "en" ? .en : .zhHans
        var period: ReportPeriod?
        if let text = query["period"] {
            period = try? ReportPeriod(parsing: String(text))
            if period == nil {
                check.refuse(
                    "period",
                    String(text),
                    LocalizedText(
                        "2021、2021-H1、2021-Q3、2021-11 或 2021-03-01..2021-09-30",
                        en: "2021, 2021-H1, 2021-Q3, 2021-11 or 2021-03-01..2021-09-30"
                    )
                )
            }
        }
        var asOf: CivilDate?
        if let text = query["asOf"] {
            asOf = try? CivilDate(ledgerText: String(text))
            if asOf == nil {
                check.refuse("asOf", String(text), LocalizedText("YYYY-MM-DD 日期", en: "a YYYY-MM-DD date"))
            }
        }
        let table = query["table"].map(String.init)
        let approvedOnly = check.boolean(query, "approvedOnly") ?? false
        try check.finish()
        let subject = try await subject(kind, query, context: context, route: route)
        var approval: ApprovalStates.Request?
        if case .county = subject {
            // The same states, chosen the same way, as `yizhan-report county` shows.
            approval = try ApprovalStates.Request.choose(
                query["workflow"].map(String.init),
                approvedOnly: approvedOnly,
                days: try period?.range ?? CivilPeriod.year(dependencies.clock.today.year),
                among: dependencies.approvals.workflows
            )
        }
        var report = ReportQuery(subject, period: period, asOf: asOf, approval: approval)
        report.requestPolicy = dependencies.reportConfig.requestPolicy
        let (document, name) = try await report.build(
            from: dependencies.store,
            plugins: dependencies.plugins,
            today: dependencies.clock.today,
            in: language
        )
        let chosen = format ?? .json
        let data = try ReportRenderer.render(document, as: chosen, table: table)
        var headers: HTTPFields = [.contentType: Self.contentType(chosen)]
        if chosen != .json {
            headers[.contentDisposition] = #"attachment; filename="\#(name).\#(chosen.fileExtension)""#
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// What `kind` reports on, reached within the caller's grants.
    private func subject(
        _ kind: Kind,
        _ query: Parameters,
        context: some ScopedRequestContext,
        route: String
    ) async throws -> ReportQuery.Subject {
        let access = dependencies.access
        let principal = context.principal
        let station = query["station"].map(String.init)
        switch kind {
        case .county:
            let code = try division(query) ?? dependencies.home
            _ = try await access.scope(.within(code), .readFigures, kind: "report", by: principal, route: route)
            return .county(code)
        case .station:
            return .station(try await access.station(required(station), .readFigures, by: principal, route: route).id)
        case .compliance, .evaluation:
            var scope = Scope.within(try division(query) ?? dependencies.home)
            if let station {
                scope = .station(try await access.station(station, .readFigures, by: principal, route: route).id)
            }
            _ = try await access.scope(scope, .readFigures, kind: "report", by: principal, route: route)
            if kind == .compliance {
                return .compliance(try dependencies.reportConfig.standard(query["standard"].map(String.init)), scope)
            }
            return .evaluation(try dependencies.reportConfig.scheme(query["scheme"].map(String.init)), scope)
        case .requests:
            // The three rates of residents' requests, as `yizhan-report requests`: counts only.
            if let station {
                let id = try await access.station(station, .readFigures, by: principal, route: route).id
                return .requests(.station(id), dependencies.reportConfig.requestPolicy, name: id.rawValue)
            }
            let code = try division(query) ?? dependencies.home
            _ = try await access.scope(.within(code), .readFigures, kind: "report", by: principal, route: route)
            return .requests(
                .within(code),
                dependencies.reportConfig.requestPolicy,
                name: String(code.significantPrefix)
            )
        case .donations:
            return .donations(try await access.station(required(station), .readRecords, by: principal, route: route).id)
        case .passbook:
            let volunteer = try await access.volunteer(
                required(query["volunteer"].map(String.init), field: "volunteer"),
                .readRecords,
                by: principal,
                route: route
            )
            return .passbook(volunteer, maskedName: VolunteerCard(masking: volunteer, opening: dependencies.vault).name)
        }
    }

    /// The `county` parameter as a division code, if given.
    private func division(_ query: Parameters) throws -> DivisionCode? {
        guard let text = query["county"] else { return nil }
        guard let code = try? DivisionCode(String(text)) else {
            var check = QueryCheck()
            check.refuse(
                "county",
                String(text),
                LocalizedText("6 或 12 位区划代码,如 330424", en: "a 6- or 12-digit division code")
            )
            try check.finish()
            return nil
        }
        return code
    }

    /// `value`, which the report needs.
    private func required(_ value: String?, field: String = "station") throws -> String {
        guard let value, !value.isEmpty else {
            var check = QueryCheck()
            check.refuse(field, "", LocalizedText("该报表需要此参数", en: "this report needs it"), code: .missing)
            try check.finish()
            return ""
        }
        return value
    }

    static func contentType(_ format: ReportFormat) -> String {
        switch format {
        case .markdown: "text/markdown; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .json: "application/json; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
    }
}
