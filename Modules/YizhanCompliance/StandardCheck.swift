public import YizhanConfig
public import YizhanKernel

/// Checks stations against a construction standard: each rule, by its kind, over the metric it names.
public struct StandardCheck: Sendable {
    /// The standard.
    public let standard: StandardFile

    /// Prepares a check of `standard`.
    ///
    /// - Throws: `ComplianceError` when a rule names a metric Yizhan does not have.
    public init(_ standard: StandardFile) throws(ComplianceError) {
        for rule in standard.rules {
            for metric in [rule.metric, rule.numerator, rule.denominator].compactMap({ $0 }) {
                let known =
                    rule.isCountyRule ? MetricCatalogue.county[metric] != nil : MetricCatalogue.station[metric] != nil
                guard known else {
                    throw ComplianceError(
                        file: standard.id,
                        rule: rule.id,
                        detail: LocalizedText(
                            "没有度量“\(metric)”;可用的度量:\(MetricCatalogue.names.joined(separator: "、"))",
                            en:
                                "no metric '\(metric)'; the metrics are: \(MetricCatalogue.names.joined(separator: ", "))"
                        )
                    )
                }
            }
        }
        self.standard = standard
    }

    /// The results of every rule: per station for station rules, per county for county rules, as
    /// they stand on `day`.
    public func results(for stations: [StationFacts], on day: CivilDate) throws(ComplianceError) -> [RuleResult] {
        var results: [RuleResult] = []
        for facts in stations {
            for rule in standard.rules where !rule.isCountyRule {
                results.append(try result(of: rule, values: { MetricCatalogue.station[$0]?.measure(facts) }, day: day))
                results[results.count - 1].station = facts.station
            }
        }
        let counties = Dictionary(grouping: stations) { $0.station.county?.rawValue ?? "" }
        for (code, members) in counties.sorted(by: { $0.key < $1.key }) {
            guard let county = try? DivisionCode(code) else { continue }
            for rule in standard.rules where rule.isCountyRule {
                results.append(try result(of: rule, values: { MetricCatalogue.county[$0]?.measure(members) }, day: day))
                results[results.count - 1].county = county
            }
        }
        return results
    }

    /// One rule's result from the metric values `values` gives by name.
    private func result(
        of rule: StandardFile.Rule,
        values: (String) -> MetricValue?,
        day: CivilDate
    ) throws(ComplianceError) -> RuleResult {
        let unit = rule.unit.map { LocalizedText($0, en: MetricCatalogue.station[rule.metric ?? ""]?.unit?.en ?? $0) }
        var result = RuleResult(
            standard: standard.id,
            rule: rule,
            outcome: .notApplicable,
            measured: LocalizedText("—", en: "—"),
            required: LocalizedText("—", en: "—"),
            evidence: []
        )
        switch rule.kind {
        case .threshold:
            guard case .number(let value, let parts, let aggregate) = values(rule.metric ?? "") else {
                throw mismatch(rule, expected: LocalizedText("数值", en: "a number"))
            }
            result.required = Self.bounds(rule.atLeast, rule.atMost, unit: unit)
            func fits(_ value: Int) -> Bool {
                (rule.atLeast.map { value >= $0 } ?? true) && (rule.atMost.map { value <= $0 } ?? true)
            }
            if aggregate == .minimum && parts.isEmpty {
                result.measured = LocalizedText("无可计对象", en: "nothing to measure")
                return result
            }
            result.measured = Self.amount(value, unit)
            result.outcome = fits(value) ? .pass : .fail
            if aggregate == .minimum && result.outcome == .fail {
                result.evidence = parts.filter { !fits($0.value) }.map {
                    RuleResult.Evidence(item: $0.item, text: Self.labelled($0.label, Self.amount($0.value, unit)))
                }
            }
        case .ratio:
            guard case .number(let part, let partParts, _) = values(rule.numerator ?? ""),
                case .number(let whole, let wholeParts, _) = values(rule.denominator ?? "")
            else {
                throw mismatch(rule, expected: LocalizedText("数值(分子与分母)", en: "numbers (part and whole)"))
            }
            result.required = Self.percentBounds(rule.atLeastPercent, rule.atMostPercent)
            func fits(_ part: Int, _ whole: Int) -> Bool {
                (rule.atLeastPercent.map { part * 100 >= $0 * whole } ?? true)
                    && (rule.atMostPercent.map { part * 100 <= $0 * whole } ?? true)
            }
            guard whole > 0 else {
                result.measured = LocalizedText("无可计对象", en: "nothing to measure")
                return result
            }
            let partsByItem = Dictionary(partParts.map { ($0.item, $0) }, uniquingKeysWith: { first, _ in first })
            let short = wholeParts.filter { $0.value > 0 && !fits(partsByItem[$0.item]?.value ?? 0, $0.value) }
            result.measured = Self.percent(part, of: whole)
            if rule.each == true {
                // Compare shares by cross-multiplying: a/b < c/d ⇔ a·d < c·b (the wholes are positive).
                let least = wholeParts.filter { $0.value > 0 }.min {
                    (partsByItem[$0.item]?.value ?? 0) * $1.value < (partsByItem[$1.item]?.value ?? 0) * $0.value
                }
                if let least {
                    let lowest = Self.percent(partsByItem[least.item]?.value ?? 0, of: least.value)
                    result.measured = LocalizedText(
                        "最低 \(lowest.zhHans)(全站 \(result.measured.zhHans))",
                        en: "least \(lowest.en) (whole \(result.measured.en))"
                    )
                }
                result.outcome = short.isEmpty ? .pass : .fail
            } else {
                result.outcome = fits(part, whole) ? .pass : .fail
            }
            guard result.outcome == .fail else { return result }
            result.evidence = short.map {
                // A part of one (a worker among workers) fails whole: its own label says why.
                let label = partsByItem[$0.item]?.label ?? $0.label
                let share = Self.percent(partsByItem[$0.item]?.value ?? 0, of: $0.value)
                return RuleResult.Evidence(
                    item: $0.item,
                    text: $0.value == 1 ? LocalizedText(label, en: label) : Self.labelled(label, share)
                )
            }
        case .coverage:
            guard case .coverage(let covered, let missing) = values(rule.metric ?? "") else {
                throw mismatch(rule, expected: LocalizedText("覆盖情况", en: "a coverage"))
            }
            result.required = LocalizedText("全部覆盖", en: "all covered")
            guard !covered.isEmpty || !missing.isEmpty else {
                result.measured = LocalizedText("无可计对象", en: "nothing to measure")
                return result
            }
            let total = covered.count + missing.count
            result.measured = LocalizedText("\(covered.count)/\(total)", en: "\(covered.count)/\(total)")
            result.outcome = missing.isEmpty ? .pass : .fail
            result.evidence = missing.map {
                RuleResult.Evidence(item: $0.item, text: LocalizedText($0.label, en: $0.label))
            }
        case .presence:
            guard case .items(let present) = values(rule.metric ?? "") else {
                throw mismatch(rule, expected: LocalizedText("项目清单", en: "a list of items"))
            }
            let required = rule.items ?? []
            let have = Set(present)
            let missing = required.filter { !have.contains($0) }
            let label = MetricCatalogue.station[rule.metric ?? ""]?.itemLabel ?? { item, _ in item }
            result.required = LocalizedText("\(required.count) 项齐全", en: "all \(required.count)")
            result.measured = LocalizedText(
                "\(required.count - missing.count)/\(required.count)",
                en: "\(required.count - missing.count)/\(required.count)"
            )
            result.outcome = missing.isEmpty ? .pass : .fail
            result.evidence = missing.map {
                RuleResult.Evidence(item: $0, text: LocalizedText(label($0, .zhHans), en: label($0, .en)))
            }
        case .deadline:
            guard case .completion(let done, let pending) = values(rule.metric ?? ""),
                let due = StandardFile.dueDay(rule.due, in: day.year)
            else {
                throw mismatch(rule, expected: LocalizedText("完成日期", en: "a completion date"))
            }
            result.required = LocalizedText("\(due) 前完成", en: "done by \(due)")
            result.evidence = pending.map {
                RuleResult.Evidence(item: $0.item, text: LocalizedText($0.label, en: $0.label))
            }
            if let done {
                result.measured = LocalizedText("\(done) 完成", en: "done \(done)")
                result.outcome = done <= due ? .pass : .fail
            } else if day > due {
                result.measured = LocalizedText("逾期未完成", en: "overdue")
                result.outcome = .fail
            } else {
                let left = due.daysSinceEpoch - day.daysSinceEpoch
                result.measured = LocalizedText("未到期(还剩 \(left) 天)", en: "not yet due (\(left) days left)")
            }
        }
        return result
    }

    private func mismatch(_ rule: StandardFile.Rule, expected: LocalizedText) -> ComplianceError {
        ComplianceError(
            file: standard.id,
            rule: rule.id,
            detail: LocalizedText(
                "\(rule.kind.rawValue) 规则所用的度量应给出\(expected.zhHans)",
                en: "a \(rule.kind.rawValue) rule's metric must give \(expected.en)"
            )
        )
    }

    /// `30 课时`.
    static func amount(_ value: Int, _ unit: LocalizedText?) -> LocalizedText {
        LocalizedText(
            "\(value)" + (unit.map { " \($0.zhHans)" } ?? ""),
            en: "\(value)" + (unit.map { " \($0.en)" } ?? "")
        )
    }

    /// `41.2%`, to one decimal, rounded down.
    static func percent(_ part: Int, of whole: Int) -> LocalizedText {
        let tenths = whole == 0 ? 0 : part * 1000 / whole
        let text = "\(tenths / 10).\(tenths % 10)%"
        return LocalizedText(text, en: text)
    }

    /// `name:value`.
    static func labelled(_ label: String, _ value: LocalizedText) -> LocalizedText {
        LocalizedText("\(label):\(value.zhHans)", en: "\(label): \(value.en)")
    }

    /// `≥ 40 课时`, `3—8 人`, `= 1 人`.
    static func bounds(_ atLeast: Int?, _ atMost: Int?, unit: LocalizedText?) -> LocalizedText {
        let zhUnit = unit.map { " \($0.zhHans)" } ?? ""
        let enUnit = unit.map { " \($0.en)" } ?? ""
        switch (atLeast, atMost) {
        case (let low?, let high?) where low == high:
            return LocalizedText("= \(low)\(zhUnit)", en: "= \(low)\(enUnit)")
        case (let low?, let high?):
            return LocalizedText("\(low)—\(high)\(zhUnit)", en: "\(low)–\(high)\(enUnit)")
        case (let low?, nil):
            return LocalizedText("≥ \(low)\(zhUnit)", en: "≥ \(low)\(enUnit)")
        case (nil, let high?):
            return LocalizedText("≤ \(high)\(zhUnit)", en: "≤ \(high)\(enUnit)")
        case (nil, nil):
            return LocalizedText("—", en: "—")
        }
    }

    /// `≥ 60%`, `≤ 20%`, `40%—60%`.
    static func percentBounds(_ atLeast: Int?, _ atMost: Int?) -> LocalizedText {
        let text =
            switch (atLeast, atMost) {
            case (let low?, let high?): "\(low)%—\(high)%"
            case (let low?, nil): "≥ \(low)%"
            case (nil, let high?): "≤ \(high)%"
            case (nil, nil): "—"
            }
        return LocalizedText(text, en: text)
    }
}
