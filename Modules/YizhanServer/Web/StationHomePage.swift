import Foundation
public import Hummingbird
import YizhanConfig
import YizhanKernel
import YizhanReports

/// `GET /stations/{id}`: a station's home (issue 24.2) — this month's work, the year's figures
/// against the template's targets, overdue cases, the calendar's coming deadlines and the
/// micro-wishes waiting. Everyone who may read the station's figures sees it; a county's viewer
/// sees it read-only (the frame offers only what the grants allow).
public struct StationHomePage: Sendable {
    let dependencies: ServerDependencies
    let pages: WebPages
    let frame: PageFrame
    let cache: FigureCache

    /// The page over `dependencies`, rendered with `pages`; figures are kept in `cache` until the
    /// event log moves.
    init(dependencies: ServerDependencies, pages: WebPages, cache: FigureCache) {
        self.dependencies = dependencies
        self.pages = pages
        self.frame = PageFrame(strings: pages.strings)
        self.cache = cache
    }

    /// What the home shows of a station on a day, built once per event sequence.
    struct Figures: Sendable {
        var report: StationReport
        var kinds: [ServiceTotal]
        var overdue: [CaseCard]
        var wishes: [MicroWish]
    }

    /// Adds the page to `group`.
    public func addRoutes(to group: RouterGroup<WebContext>) {
        group.get("stations/:id", use: home)
    }

    @Sendable func home(_ request: Request, context: WebContext) async throws -> Response {
        let station = try await dependencies.access.station(
            try context.parameters.require("id"),
            .readFigures,
            by: context.principal,
            route: context.route(of: request)
        )
        var values = frame.values(request, context: context, place: .station(station), section: .home)
        values.merge(
            try await figures(of: station, language: PageLanguage.of(request), principal: context.principal)
        ) { _, new in new }
        return try pages.page("station-home", values, for: request)
    }

    /// The page's own values: what the station did, and what is waiting.
    func figures(of station: Station, language: Language, principal: Principal) async throws -> [String: Any] {
        let today = dependencies.clock.today
        let latest = try await dependencies.store.lastEventSequence().rawValue
        let figures = try await cache.value("station:\(station.id.rawValue):\(today)", at: latest) {
            try await build(station, today: today)
        }
        return values(figures, station: station, today: today, language: language, principal: principal)
    }

    /// The figures of `station` as of `today`.
    private func build(_ station: Station, today: CivilDate) async throws -> Figures {
        let store = dependencies.store
        let year = try CivilPeriod.year(today.year)
        let month = try CivilPeriod(
            start: CivilDate(year: today.year, month: today.month, day: 1),
            end: CivilDate(
                year: today.year,
                month: today.month,
                day: CivilDate.daysIn(month: today.month, year: today.year)
            )
        )
        let report = try await StationReport.build(
            from: store,
            station: station.id,
            period: year,
            plugins: dependencies.plugins
        )
        let kinds = try await store.serviceTotals(
            ServiceTotalsQuery(scope: .station(station.id), period: month, groupBy: [.kind])
        )
        .sorted {
            (ServiceKind.known.firstIndex(of: $0.kind ?? .caseWork) ?? 99)
                < (ServiceKind.known.firstIndex(of: $1.kind ?? .caseWork) ?? 99)
        }
        let open = try await store.caseFiles(in: .station(station.id), openOnly: true, limit: 500)
        let overdue = open.map { CaseCard($0, station: station, on: today) }.filter(\.overdue)
        let wishes = try await store.microWishes(in: .station(station.id), status: .posted, limit: 1_000)
        return Figures(report: report, kinds: kinds, overdue: overdue, wishes: wishes)
    }

    /// The template values of `figures`: the waiting work only for those who may read records.
    private func values(
        _ figures: Figures,
        station: Station,
        today: CivilDate,
        language: Language,
        principal: Principal
    ) -> [String: Any] {
        let report = figures.report
        let kinds = figures.kinds
        let thisMonth = report.months.first { $0.month == today.monthKey }
        var values: [String: Any] = [
            "station": ["id": station.id.rawValue, "name": station.name, "township": report.township],
            "today": today.description,
            "month": today.monthKey,
            "year": String(today.year),
            "monthFigures": [
                "records": groupedDigits(thisMonth?.records ?? 0),
                "personTimes": groupedDigits(thisMonth?.personTimes ?? 0),
                "training": groupedDigits(thisMonth?.trainingPersonTimes ?? 0),
            ],
            "monthKinds": kinds.map { total -> [String: Any] in
                [
                    "kind": total.kind?.label(in: language) ?? "—", "records": groupedDigits(total.records),
                    "personTimes": groupedDigits(total.personTimes),
                ]
            },
            "yearFigures": [
                "records": groupedDigits(report.total.records),
                "personTimes": groupedDigits(report.total.personTimes),
                "training": groupedDigits(report.total.trainingPersonTimes),
            ],
            "indicators": report.indicators.map { row -> [String: Any] in
                [
                    "name": row.indicator.name, "target": row.target,
                    "actual": row.actual.map(groupedDigits) ?? "—",
                    "outcome": row.outcome.label(in: language), "met": row.outcome == .met,
                    "notMet": row.outcome == .notMet,
                ]
            },
            "hasIndicators": !report.indicators.isEmpty,
            "canRecord": principal.may(.writeRecords, at: station),
        ]
        if principal.may(.readRecords, at: station) {
            let overdue = figures.overdue
            values["overdueCases"] = [
                "count": overdue.count,
                "items": overdue.prefix(10).map { card -> [String: Any] in
                    [
                        "id": card.id, "stage": CaseStage(rawValue: card.stage)?.label(in: language) ?? card.stage,
                        "days": card.days, "limit": card.limit.map(String.init) ?? "—",
                    ]
                },
            ]
            let wishes = figures.wishes
            values["wishes"] = [
                "count": wishes.count,
                "items": wishes.prefix(10).map { ["wish": $0.wish, "postedOn": $0.postedOn.description] },
            ]
        }
        values["deadlines"] = deadlines(from: today)
        return values
    }

    /// The next three deadlines of the evaluation calendar from `today`, with the days left.
    func deadlines(from today: CivilDate) -> [[String: Any]] {
        guard let scheme = try? dependencies.reportConfig.scheme(nil) else { return [] }
        let coming = [today.year, today.year + 1].flatMap { year in
            scheme.deadlines.compactMap { deadline in deadline.dueDay(in: year).map { (deadline, $0) } }
        }
        .filter { !($0.1 < today) }
        .sorted { $0.1 < $1.1 }
        return coming.prefix(3).map { deadline, day in
            let left = day.daysSinceEpoch - today.daysSinceEpoch
            return [
                "name": deadline.name, "due": day.description, "daysLeft": left,
                "soon": left <= (scheme.noticeDays.max() ?? 14),
            ]
        }
    }
}
