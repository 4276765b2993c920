import Foundation
public import YizhanKernel

/// The three rates of residents' requests (issue 26.5) for each station, village and month of
/// filing: 响应率 (first accepted within the accept limit), 解决率 (closed), 满意率 (满意 or 基本满意
/// among those rated), each with the counts behind it. Counts only — nothing a resident wrote.
public struct RequestRates: Hashable, Sendable, Codable {
    /// One station's, village's and month's counts.
    public struct Row: Hashable, Sendable, Codable {
        /// The station.
        public var station: StationID
        /// The village or community.
        public var village: DivisionCode
        /// The month of filing (Asia/Shanghai), `2021-12`.
        public var month: String
        /// Requests filed.
        public var filed: Int
        /// Of them, first accepted within the category's accept limit.
        public var respondedInTime: Int
        /// Of them, closed (办结) now.
        public var resolved: Int
        /// Of them, rated in their latest round.
        public var rated: Int
        /// Of the rated, 满意 or 基本满意.
        public var satisfied: Int

        /// The counts of no request.
        init(station: StationID, village: DivisionCode, month: String) {
            self.station = station
            self.village = village
            self.month = month
            filed = 0
            respondedInTime = 0
            resolved = 0
            rated = 0
            satisfied = 0
        }

        /// Adds `other`'s counts to these.
        mutating func add(_ other: Row) {
            filed += other.filed
            respondedInTime += other.respondedInTime
            resolved += other.resolved
            rated += other.rated
            satisfied += other.satisfied
        }
    }

    /// The rows, by station, village and month.
    public var rows: [Row]
    /// The stations' names by id.
    public var stationNames: [String: String]
    /// The period counted (by day of filing).
    public var period: CivilPeriod

    /// Counts the requests filed in `period` at the stations in `scope`, limits from `policy`.
    public static func build(
        from store: any StationStore,
        scope: Scope,
        period: CivilPeriod,
        policy: RequestPolicy
    ) async throws -> RequestRates {
        let stations = try await store.stations(in: scope)
        var rows: [String: Row] = [:]
        for request in try await store.residentRequests(in: scope, states: nil) {
            let day = CivilDate(shanghaiDayOf: request.filedAt.timeIntervalSince1970)
            guard period.contains(day) else { continue }
            let month = String(day.description.prefix(7))
            let key = "\(request.station.rawValue)|\(request.village.rawValue)|\(month)"
            var row = rows[key] ?? Row(station: request.station, village: request.village, month: month)
            row.filed += 1
            if let accepted = request.firstAcceptedAt, let category = policy.category(request.category),
                accepted.timeIntervalSince(request.filedAt) <= category.limits.accept.seconds
            {
                row.respondedInTime += 1
            }
            if request.state == .closed { row.resolved += 1 }
            if let rating = request.rating {
                row.rated += 1
                if rating.isSatisfied { row.satisfied += 1 }
            }
            rows[key] = row
        }
        return RequestRates(
            rows: rows.values.sorted {
                ($0.station.rawValue, $0.village.rawValue, $0.month) < (
                    $1.station.rawValue, $1.village.rawValue, $1.month
                )
            },
            stationNames: Dictionary(
                stations.map { ($0.id.rawValue, $0.name) },
                uniquingKeysWith: { first, _ in first }
            ),
            period: period
        )
    }

    /// Each station's counts, summed over its villages and months.
    public var byStation: [Row] {
        var sums: [StationID: Row] = [:]
        for row in rows {
            var sum = sums[row.station] ?? Row(station: row.station, village: row.village, month: "")
            sum.add(row)
            sums[row.station] = sum
        }
        return sums.values.sorted { $0.station.rawValue < $1.station.rawValue }
    }

    /// Every row's counts summed.
    public var total: Row? {
        guard let first = rows.first else { return nil }
        var sum = Row(station: first.station, village: first.village, month: "")
        for row in rows { sum.add(row) }
        return sum
    }

    /// `count` of `whole` in tenths of a percent (87.5 % is 875), or empty when `whole` is 0.
    static func rate(_ count: Int, of whole: Int) -> ReportValue {
        guard whole > 0 else { return .empty }
        return .tenths((count * 1_000 + whole / 2) / whole)
    }

    /// The columns of counts and rates every table shares.
    static func countColumns(_ text: (String, String) -> String) -> [ReportColumn] {
        [
            ReportColumn("filed", text("登记", "filed")),
            ReportColumn("respondedInTime", text("按时受理", "accepted in time")),
            ReportColumn("responseRate", text("响应率 %", "response rate %"), .decimal),
            ReportColumn("resolved", text("办结", "resolved")),
            ReportColumn("resolutionRate", text("解决率 %", "resolution rate %"), .decimal),
            ReportColumn("rated", text("已评价", "rated")),
            ReportColumn("satisfied", text("满意或基本满意", "satisfied")),
            ReportColumn("satisfactionRate", text("满意率 %", "satisfaction rate %"), .decimal),
        ]
    }

    /// A row's counts and rates as cells.
    static func countCells(_ row: Row) -> [ReportValue] {
        [
            .integer(row.filed), .integer(row.respondedInTime), rate(row.respondedInTime, of: row.filed),
            .integer(row.resolved), rate(row.resolved, of: row.filed), .integer(row.rated), .integer(row.satisfied),
            rate(row.satisfied, of: row.rated),
        ]
    }

    /// The per-station table, as the county summary shows it too.
    func stationTable(in language: Language) -> ReportTable {
        let text = language.pick
        return ReportTable(
            id: "request-rates",
            title: text("各社工站居民诉求办理情况", "Residents' requests by station"),
            columns: [ReportColumn("station", text("社工站", "station"), .text)] + Self.countColumns(text),
            rows: byStation.map { row in
                [.text(stationNames[row.station.rawValue] ?? row.station.rawValue)] + Self.countCells(row)
            },
            totals: total.map { [.text(text("合计", "Total"))] + Self.countCells($0) }
        )
    }

    /// The section the county summary adds when the period has requests.
    func section(in language: Language) -> ReportSection {
        let text = language.pick
        return ReportSection(
            id: "requests",
            title: text("居民诉求", "Residents' requests"),
            note: Self.note(text),
            blocks: [.table(stationTable(in: language))]
        )
    }

    private static func note(_ text: (String, String) -> String) -> String {
        text(
            "按登记日期计入;响应率 = 首次受理在受理时限内的诉求 ÷ 登记的诉求,解决率 = 已办结 ÷ 登记,满意率 = 满意与基本满意 ÷ 已评价(重办后以最近一轮的评价计)。",
            "By the day filed; response rate = first accepted within the accept limit ÷ filed, resolution rate = closed ÷ filed, satisfaction rate = satisfied or basically satisfied ÷ rated (the latest round's rating after a reopening)."
        )
    }

    /// The report: by station, then by station, village and month.
    public func document(in language: Language, period label: ReportPeriod, asOf: CivilDate? = nil) -> ReportDocument {
        let text = language.pick
        let detail = ReportTable(
            id: "by-village-month",
            title: text("按村(社区)与月份", "By village and month"),
            columns: [
                ReportColumn("station", text("社工站", "station"), .text),
                ReportColumn("village", text("村(社区)", "village"), .text),
                ReportColumn("month", text("月份", "month"), .text),
            ] + Self.countColumns(text),
            rows: rows.map { row in
                [
                    .text(stationNames[row.station.rawValue] ?? row.station.rawValue), .text(row.village.rawValue),
                    .text(row.month),
                ] + Self.countCells(row)
            },
            totals: total.map { [.text(text("合计", "Total")), .empty, .empty] + Self.countCells($0) }
        )
        let filed = total?.filed ?? 0
        return ReportDocument(
            kind: .requestRates,
            language: language,
            title: text("居民诉求办理情况", "Residents' requests"),
            subtitle: text(
                "\(label.label(in: language)) · \(period.start) 至 \(period.end) · \(filed) 件",
                "\(label.label(in: language)) · \(period.start) to \(period.end) · \(filed) requests"
            ),
            period: period,
            asOf: asOf,
            sections: [
                ReportSection(
                    id: "by-station",
                    title: text("各社工站", "By station"),
                    note: Self.note(text),
                    blocks: [.table(stationTable(in: language))]
                ),
                ReportSection(id: "by-village-month", title: text("明细", "Detail"), blocks: [.table(detail)]),
            ]
        )
    }
}
