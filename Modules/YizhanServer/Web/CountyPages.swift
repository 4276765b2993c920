import Foundation
public import Hummingbird
import YizhanCompliance
import YizhanConfig
import YizhanKernel
import YizhanReports

/// The county's pages (issue 24.3), for its admin and viewers: the dashboard — the county
/// summary's figures and charts (person-times by station and by month among them), the construction standard's pass/fail grid
/// (stations × rules, the evidence a click away) and the evaluation scores — and the page from
/// which every report downloads in every format. Figures come from the reports' own builders and
/// are kept until the event log moves.
public struct CountyPages: Sendable {
    let dependencies: ServerDependencies
    let pages: WebPages
    let frame: PageFrame
    let cache: FigureCache

    /// The pages over `dependencies`, rendered with `pages`; figures are kept in `cache` until the
    /// event log moves.
    init(dependencies: ServerDependencies, pages: WebPages, cache: FigureCache) {
        self.dependencies = dependencies
        self.pages = pages
        self.frame = PageFrame(strings: pages.strings)
        self.cache = cache
    }

    /// Adds the pages to `group`.
    public func addRoutes(to group: RouterGroup<WebContext>) {
        group.get("county", use: dashboard)
        group.get("county/reports", use: reports)
    }

    /// What the dashboard shows for one period and language, built once per event sequence.
    struct Figures: Sendable {
        var summary: ReportDocument
        var compliance: ComplianceReport?
        var evaluation: ReportDocument?
    }

    @Sendable func dashboard(_ request: Request, context: WebContext) async throws -> Response {
        let county = try await countyUnit(request, context: context)
        let language = PageLanguage.of(request)
        let today = dependencies.clock.today
        let period = try Self.period(request, today: today)
        let latest = try await dependencies.store.lastEventSequence().rawValue
        // The dashboard's content is the same for everyone who may see it: kept rendered.
        let content = try await cache.value("county:\(period):\(PageLanguage.code(language))", at: latest) {
            let figures = try await build(period: period, language: language, today: today)
            let stations = try await dependencies.store.stations(in: .within(county.code))
            var values: [String: Any] = [
                "county": ["name": county.name, "code": county.code.rawValue], "period": period.description,
                "asOfEvent": latest, "summary": DocumentView.sections(figures.summary.sections),
                "stations": stations.map { ["id": $0.id.rawValue, "name": $0.name] },
            ]
            if let compliance = figures.compliance {
                values["compliance"] = grid(compliance, stations: stations, language: language)
            }
            if let evaluation = figures.evaluation {
                values["evaluation"] = DocumentView.sections(Array(evaluation.sections.prefix(1)))
            }
            return try pages.fragment("county-body", values, language: language)
        }
        var values = frame.values(request, context: context, place: .county(county), section: .dashboard)
        values["county"] = ["name": county.name, "code": county.code.rawValue]
        values["content"] = content
        return try pages.page("county", values, for: request)
    }

    @Sendable func reports(_ request: Request, context: WebContext) async throws -> Response {
        let county = try await countyUnit(request, context: context)
        let language = PageLanguage.of(request)
        let period = try Self.period(request, today: dependencies.clock.today)
        let stations = try await dependencies.store.stations(in: .within(county.code))
        var values = frame.values(request, context: context, place: .county(county), section: .reports)
        values["county"] = ["name": county.name, "code": county.code.rawValue]
        values["period"] = period.description
        let formats = ["xlsx", "csv", "html", "md", "json"]
        func links(_ base: String) -> [[String: String]] {
            formats.map { ["format": $0.uppercased(), "href": base + "&format=\($0)"] }
        }
        let query = "period=\(WebPages.queryValue(period.description))"
        let language_ = "&language=\(PageLanguage.code(language))"
        values["countyReports"] = [
            [
                "name": pages.strings.text("report_county", language),
                "links": links("/reports/county?\(query)\(language_)"),
            ],
            [
                "name": pages.strings.text("report_compliance", language),
                "links": links("/reports/compliance?\(query)\(language_)"),
            ],
            [
                "name": pages.strings.text("report_evaluation", language),
                "links": links("/reports/evaluation?\(query)\(language_)"),
            ],
        ]
        values["stationReports"] = stations.map { station -> [String: Any] in
            [
                "name": station.name,
                "links": links("/reports/station?station=\(station.id.rawValue)&\(query)\(language_)"),
            ]
        }
        return try pages.page("county-reports", values, for: request)
    }

    /// The county of the workspace, if the account may read its figures; a station's worker is
    /// answered as if there were no such page.
    private func countyUnit(_ request: Request, context: WebContext) async throws -> OrgUnit {
        let home = dependencies.home
        _ = try await dependencies.access.scope(
            .within(home),
            .readFigures,
            kind: "county",
            by: context.principal,
            route: context.route(of: request)
        )
        return try await dependencies.store.orgUnit(home) ?? OrgUnit(code: home, name: home.rawValue)
    }

    /// The period the page asks for (`?period=2021`, `2021-H1` …), the year of `today` by default.
    static func period(_ request: Request, today: CivilDate) throws -> ReportPeriod {
        let text = request.uri.queryParameters["period"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        guard let text else { return try ReportPeriod(parsing: String(today.year)) }
        guard let period = try? ReportPeriod(parsing: text) else {
            var check = QueryCheck()
            check.refuse(
                "period",
                text,
                LocalizedText("2021、2021-H1、2021-Q3 或 2021-11", en: "2021, 2021-H1, 2021-Q3 or 2021-11")
            )
            try check.finish()
            return try ReportPeriod(parsing: String(today.year))
        }
        return period
    }

    /// The dashboard's figures for `period`.
    private func build(period: ReportPeriod, language: Language, today: CivilDate) async throws -> Figures {
        let store = dependencies.store
        let home = dependencies.home
        var report = ReportQuery(.county(home), period: period)
        report.requestPolicy = dependencies.reportConfig.requestPolicy
        let summary = try await report.build(
            from: store,
            plugins: dependencies.plugins,
            today: today,
            in: language
        ).document
        let day = period.range.end < today ? period.range.end : today
        var compliance: ComplianceReport?
        if let standard = try? dependencies.reportConfig.standard(nil) {
            compliance = try await ComplianceReport.build(
                from: store,
                standard: standard,
                scope: .within(home),
                on: day
            )
        }
        var evaluation: ReportDocument?
        if let scheme = try? dependencies.reportConfig.scheme(nil) {
            let report = try await EvaluationReport.build(
                from: store,
                scheme: scheme,
                scope: .within(home),
                year: period.range.end.year,
                on: day
            )
            evaluation = report.document(in: language, period: period.range)
        }
        return Figures(summary: summary, compliance: compliance, evaluation: evaluation)
    }

    /// The pass/fail grid: a row per station, a column per station rule, each cell's evidence
    /// folded in a `<details>` (opens on click, without script).
    private func grid(_ report: ComplianceReport, stations: [Station], language: Language) -> [String: Any] {
        var rules: [StandardFile.Rule] = []
        for result in report.results where result.station != nil && !rules.contains(where: { $0.id == result.rule.id })
        {
            rules.append(result.rule)
        }
        let byCell = Dictionary(
            report.results.compactMap { result in result.station.map { ("\($0.id.rawValue)|\(result.rule.id)", result) }
            },
            uniquingKeysWith: { first, _ in first }
        )
        let rows = stations.map { station -> [String: Any] in
            let cells = rules.map { rule -> [String: Any] in
                guard let result = byCell["\(station.id.rawValue)|\(rule.id)"] else { return ["none": true] }
                return [
                    "pass": result.outcome == .pass, "fail": result.outcome == .fail,
                    "outcome": result.outcome.label(in: language), "rule": rule.name,
                    "measured": result.measured.text(in: language), "required": result.required.text(in: language),
                    "evidence": result.evidence.map { "\($0.item):\($0.text.text(in: language))" },
                ]
            }
            let passed = cells.filter { $0["pass"] as? Bool == true }.count
            return ["station": station.name, "id": station.id.rawValue, "cells": cells, "passed": passed]
        }
        return [
            "standard": report.standard.name,
            "rules": rules.enumerated().map { index, rule in ["number": index + 1, "name": rule.name] },
            "rows": rows,
        ]
    }
}
