public import YizhanKernel

/// The metrics standards and evaluation schemes may name, each computed from a station's facts (or
/// a county's). A rule names a metric; the metric is Swift, the rule stays data.
public enum MetricCatalogue {
    /// A metric over one station.
    public struct StationMetric: Sendable {
        /// What it measures, in words.
        public var meaning: LocalizedText
        /// The unit of its number, if it is one.
        public var unit: LocalizedText?
        /// How it is computed.
        public var measure: @Sendable (StationFacts) -> MetricValue
        /// The name of an item it lists (a room, a slot), for evidence.
        public var itemLabel: @Sendable (String, Language) -> String = { item, _ in item }
    }

    /// A metric over the stations of one county.
    public struct CountyMetric: Sendable {
        /// What it measures, in words.
        public var meaning: LocalizedText
        /// How it is computed.
        public var measure: @Sendable ([StationFacts]) -> MetricValue
    }

    /// The station metrics by name.
    public static let station: [String: StationMetric] = [
        "areaSquareMeters": StationMetric(
            meaning: LocalizedText("站点面积", en: "floor area"),
            unit: LocalizedText("平方米", en: "m²"),
            measure: { .number($0.station.areaSquareMeters, parts: [], aggregate: .total) }
        ),
        "rooms": StationMetric(
            meaning: LocalizedText("功能室与功能区", en: "rooms and areas"),
            unit: nil,
            measure: { .items($0.station.rooms.map(\.rawValue)) },
            itemLabel: { item, language in RoomKind(rawValue: item).label(in: language) }
        ),
        "workers": count(LocalizedText("驻站社工", en: "resident workers")) { _ in true },
        "heads": count(LocalizedText("站长", en: "heads")) { $0.role == .head },
        "deputies": count(LocalizedText("副站长", en: "deputies")) { $0.role == .deputy },
        "staffWorkers": count(LocalizedText("专职社工", en: "staff workers")) { $0.role == .staff },
        "workersUnder45Qualified": StationMetric(
            meaning: LocalizedText(
                "45 岁以下且有社工专业学历或职业水平证书的社工",
                en: "workers up to 45 with a social-work degree or certificate"
            ),
            unit: LocalizedText("人", en: "workers"),
            measure: { facts in
                let parts = facts.workers.map { worker in
                    let gap = profileGap(worker, on: facts.period.end)
                    return MetricPart(
                        item: worker.id.rawValue,
                        label: gap.map { "\(worker.name)(\($0))" } ?? worker.name,
                        value: gap == nil ? 1 : 0
                    )
                }
                return .number(parts.reduce(0) { $0 + $1.value }, parts: parts, aggregate: .total)
            }
        ),
        "minTrainingHoursPerWorker": StationMetric(
            meaning: LocalizedText("每名社工的年度培训课时(最少者)", en: "training class hours per worker (the least)"),
            unit: LocalizedText("课时", en: "class hours"),
            measure: { facts in
                let parts = facts.staffTotals.map { total in
                    MetricPart(
                        item: total.worker.rawValue,
                        label: facts.workerName(total.worker),
                        value: total.classHours
                    )
                }
                return .number(parts.map(\.value).min() ?? 0, parts: parts, aggregate: .minimum)
            }
        ),
        "villagesWithLiaison": StationMetric(
            meaning: LocalizedText("有定点联系社工的村(社区)", en: "villages with a designated liaison"),
            unit: nil,
            measure: { facts in
                let linked = Set(facts.liaisons.map(\.village.rawValue))
                let parts = facts.villages.map { MetricPart(item: $0.code.rawValue, label: $0.name) }
                return .coverage(
                    covered: parts.filter { linked.contains($0.item) },
                    missing: parts.filter { !linked.contains($0.item) }
                )
            }
        ),
        "workHoursInVillages": minutes(LocalizedText("在村(社区)的工作时数", en: "work time in villages")) {
            $0.villageMinutes
        },
        "workHours": minutes(LocalizedText("全部工作时数", en: "all work time")) { $0.totalMinutes },
        "villageHoursPercent": StationMetric(
            meaning: LocalizedText("在村(社区)工作时数占比", en: "share of work time in villages"),
            unit: LocalizedText("%", en: "%"),
            measure: { facts in
                let village = facts.staffTotals.reduce(0) { $0 + $1.villageMinutes }
                let all = facts.staffTotals.reduce(0) { $0 + $1.totalMinutes }
                return .number(all == 0 ? 0 : village * 100 / all, parts: [], aggregate: .total)
            }
        ),
        "evaluationsThisYear": StationMetric(
            meaning: LocalizedText("本年度已提交的评估", en: "evaluations submitted this year"),
            unit: nil,
            measure: { facts in
                .items(
                    facts.evaluations.filter { ($0.submittedOn ?? .distantFuture) <= facts.period.end }
                        .map(\.period.rawValue)
                )
            },
            itemLabel: { item, language in EvaluationPeriod(rawValue: item)?.label(in: language) ?? item }
        ),
        "organizations": organisations(LocalizedText("社区社会组织", en: "community organisations")) { _ in true },
        "serviceMutualAidOrganizations": organisations(
            LocalizedText("服务性、公益性、互助性社区社会组织", en: "service, public-benefit and mutual-aid organisations")
        ) { [.service, .publicBenefit, .mutualAid].contains($0.kind) },
        "minOrganizationsPerUrbanCommunity": organisationsPerCommunity(
            .urban,
            LocalizedText("每个城市社区的社区社会组织(最少者)", en: "organisations per urban community (the least)")
        ),
        "minOrganizationsPerRuralCommunity": organisationsPerCommunity(
            .rural,
            LocalizedText("每个农村社区的社区社会组织(最少者)", en: "organisations per rural community (the least)")
        ),
        // The names templates give their per-community targets (CommunityWork reads them too): every
        // community meeting the target is the least of them meeting it.
        "organisationsPerUrbanCommunity": organisationsPerCommunity(
            .urban,
            LocalizedText("每个城市社区的社区社会组织(最少者)", en: "organisations per urban community (the least)")
        ),
        "organisationsPerRuralCommunity": organisationsPerCommunity(
            .rural,
            LocalizedText("每个农村社区的社区社会组织(最少者)", en: "organisations per rural community (the least)")
        ),
        "subProjectSlots": StationMetric(
            meaning: LocalizedText("已设置项目的槽位", en: "program slots filled"),
            unit: nil,
            measure: { facts in
                .items(
                    Array(
                        Set(facts.programs.flatMap(\.subProjects).filter { !$0.isRetired }.map(\.slot.rawValue))
                    ).sorted()
                )
            },
            itemLabel: { item, language in ProgramSlot(rawValue: item).label(in: language) }
        ),
        "personTimes": StationMetric(
            meaning: LocalizedText("服务人次", en: "person-times served"),
            unit: LocalizedText("人次", en: "person-times"),
            measure: { .number($0.services?.personTimes ?? 0, parts: [], aggregate: .total) }
        ),
        "trainingPersonTimes": StationMetric(
            meaning: LocalizedText("培训人次", en: "training person-times"),
            unit: LocalizedText("人次", en: "person-times"),
            measure: { .number($0.services?.trainingPersonTimes ?? 0, parts: [], aggregate: .total) }
        ),
        "budgetExecutionPercent": StationMetric(
            meaning: LocalizedText("年度预算执行率", en: "share of the year's budget spent"),
            unit: LocalizedText("%", en: "%"),
            measure: { facts in
                let budget = facts.budget.reduce(Int64(0)) { $0 + $1.line.amount.value }
                let spent = facts.budget.reduce(Int64(0)) { $0 + $1.spent.value }
                return .number(budget == 0 ? 0 : Int(spent * 100 / budget), parts: [], aggregate: .total)
            }
        ),
    ]

    /// The county metrics by name.
    public static let county: [String: CountyMetric] = [
        "finalEvaluationsSubmitted": CountyMetric(
            meaning: LocalizedText("全县各站末期评估均已提交", en: "every station's final evaluation submitted"),
            measure: { stations in
                var last: CivilDate?
                var pending: [MetricPart] = []
                for facts in stations {
                    let final = facts.evaluations.first { $0.period == .final }?.submittedOn
                    if let final, final <= facts.period.end {
                        last = max(last ?? final, final)
                    } else {
                        pending.append(MetricPart(item: facts.station.id.rawValue, label: facts.station.name))
                    }
                }
                return .completion(pending.isEmpty ? last : nil, pending: pending)
            }
        )
    ]

    /// Every metric's name, sorted: what a rule or an indicator may name.
    public static var names: [String] { (Array(station.keys) + Array(county.keys)).sorted() }

    /// Why `worker` does not meet Wenzhou's profile (≤ 45, degree or certificate), or `nil`.
    static func profileGap(_ worker: Worker, on day: CivilDate) -> String? {
        var gaps: [String] = []
        if let age = worker.age(on: day) {
            if age > 45 { gaps.append("\(age) 岁") }
        } else {
            gaps.append("未登记出生日期")
        }
        if !worker.hasSocialWorkDegree && worker.qualification == nil { gaps.append("无社工学历或证书") }
        return gaps.isEmpty ? nil : gaps.joined(separator: ",")
    }

    private static func count(
        _ meaning: LocalizedText,
        _ include: @escaping @Sendable (Worker) -> Bool
    )
        -> StationMetric
    {
        StationMetric(
            meaning: meaning,
            unit: LocalizedText("人", en: "workers"),
            measure: { facts in
                let parts = facts.workers.filter(include).map { MetricPart(item: $0.id.rawValue, label: $0.name) }
                return .number(parts.count, parts: parts, aggregate: .total)
            }
        )
    }

    private static func minutes(
        _ meaning: LocalizedText,
        _ value: @escaping @Sendable (StaffTotal) -> Int
    )
        -> StationMetric
    {
        StationMetric(
            meaning: meaning,
            unit: LocalizedText("分钟", en: "minutes"),
            measure: { facts in
                let parts = facts.staffTotals.map {
                    MetricPart(item: $0.worker.rawValue, label: facts.workerName($0.worker), value: value($0))
                }
                return .number(parts.reduce(0) { $0 + $1.value }, parts: parts, aggregate: .total)
            }
        )
    }

    private static func organisations(
        _ meaning: LocalizedText,
        _ include: @escaping @Sendable (CommunityOrganisation) -> Bool
    ) -> StationMetric {
        StationMetric(
            meaning: meaning,
            unit: LocalizedText("个", en: "organisations"),
            measure: { facts in
                let counts = Dictionary(grouping: facts.organisations.filter(include), by: \.village)
                let parts = facts.villages.map {
                    MetricPart(item: $0.code.rawValue, label: $0.name, value: counts[$0.code]?.count ?? 0)
                }
                return .number(parts.reduce(0) { $0 + $1.value }, parts: parts, aggregate: .total)
            }
        )
    }

    private static func organisationsPerCommunity(_ kind: CommunityKind, _ meaning: LocalizedText) -> StationMetric {
        StationMetric(
            meaning: meaning,
            unit: LocalizedText("个", en: "organisations"),
            measure: { facts in
                let counts = Dictionary(grouping: facts.organisations, by: \.village)
                let parts = facts.villages.filter { $0.code.communityKind == kind }.map {
                    MetricPart(item: $0.code.rawValue, label: $0.name, value: counts[$0.code]?.count ?? 0)
                }
                return .number(parts.map(\.value).min() ?? 0, parts: parts, aggregate: .minimum)
            }
        )
    }
}

extension StationFacts {
    /// The name of worker `id`, or the id when the worker is unknown.
    func workerName(_ id: WorkerID) -> String { workers.first { $0.id == id }?.name ?? id.rawValue }
}

extension CivilDate {
    /// A day after any service date.
    fileprivate static let distantFuture = CivilDate(daysSinceEpoch: 1_000_000)
}
