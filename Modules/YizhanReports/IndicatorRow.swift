import YizhanCompliance
public import YizhanKernel

/// One of a station's indicators in its report: the target from its template and what the
/// records give, measured by the metric the indicator names.
public struct IndicatorRow: Hashable, Sendable, Codable {
    /// Whether the target was met.
    public enum Outcome: String, Hashable, Sendable, Codable {
        /// Met.
        case met
        /// Not met.
        case notMet
        /// Not judged: the report's period is not the indicator's, or nothing measures it.
        case notJudged

        /// The outcome in `language`.
        public func label(in language: Language) -> String {
            switch (self, language) {
            case (.met, .zhHans): "达标"
            case (.notMet, .zhHans): "未达标"
            case (.notJudged, .zhHans): "不判断"
            case (.met, .en): "met"
            case (.notMet, .en): "not met"
            case (.notJudged, .en): "not judged"
            }
        }
    }

    /// The indicator.
    public var indicator: StationIndicator
    /// What its metric measured over the report's period, if it names one Yizhan has.
    public var actual: Int?
    /// Whether the target was met.
    public var outcome: Outcome

    /// The target in words, e.g. `≥ 2,000` or `3–8`.
    public var target: String {
        switch (indicator.atLeast, indicator.atMost) {
        case (let low?, let high?): "\(groupedDigits(low))–\(groupedDigits(high))"
        case (let low?, nil): "≥ \(groupedDigits(low))"
        case (nil, let high?): "≤ \(groupedDigits(high))"
        case (nil, nil): "—"
        }
    }

    /// Measures each of `station`'s indicators over `period`; `services` are the report's own
    /// totals (which honour `--as-of`). A yearly target is judged only on a calendar-year report.
    static func rows(
        for station: Station,
        from store: some StationStore,
        period: CivilPeriod,
        services: ServiceTotal
    ) async throws -> [IndicatorRow] {
        guard !station.indicators.isEmpty else { return [] }
        guard var facts = try await StationFacts.gather(from: store, scope: .station(station.id), period: period).first
        else { return [] }
        facts.services = services
        let wholeYear =
            period.start.month == 1 && period.start.day == 1 && period.end.month == 12
            && period.end.day == 31 && period.start.year == period.end.year
        return station.indicators.map { indicator in
            let measured = indicator.metric.flatMap { MetricCatalogue.station[$0] }.map { $0.measure(facts) }
            let actual: Int? =
                switch measured {
                // A least over nothing (no urban community to count in) measures nothing.
                case .number(_, let parts, .minimum) where parts.isEmpty: nil
                case .number(let value, _, _): value
                case .items(let items): items.count
                case .coverage(let covered, _): covered.count
                case .completion, nil: nil
                }
            let judged = wholeYear && (indicator.period ?? "year") == "year"
            guard judged, let actual else {
                return IndicatorRow(indicator: indicator, actual: actual, outcome: .notJudged)
            }
            let met =
                (indicator.atLeast.map { actual >= $0 } ?? true) && (indicator.atMost.map { actual <= $0 } ?? true)
            return IndicatorRow(indicator: indicator, actual: actual, outcome: met ? .met : .notMet)
        }
    }
}
