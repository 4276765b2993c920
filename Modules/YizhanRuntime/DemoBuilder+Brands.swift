import Foundation
import YizhanConfig
import YizhanKernel

extension DemoBuilder {
    /// What the recipe's `brandFields` register before the records: households and resources, with
    /// their ids by rule (index in the recipe's list) to name on records.
    struct BrandWork {
        /// The registrations, committed before the records.
        var change = ChangeSet()
        /// Households per rule.
        var households: [Int: [HouseholdID]] = [:]
        /// Resources per rule.
        var resources: [Int: [CommunityResourceID]] = [:]
    }

    /// Registers the households and resources the rules ask for, in the stations' villages.
    static func brandWork(
        _ rules: [DemoFile.BrandFieldRule],
        plan: Plan,
        using generator: inout SplitMix64
    ) throws -> BrandWork {
        var work = BrandWork()
        let yearStart = try CivilDate(year: plan.demo.year, month: 1, day: 1)
        let instant = instant(of: yearStart, hour: 10)
        let milliseconds = UInt64(instant.millisecondsSince1970)
        for (index, rule) in rules.enumerated() {
            guard let file = plan.stations.first(where: { $0.id.rawValue == rule.station }) else { continue }
            let villages = plan.divisions.townships.first { $0.code == file.township }?.villages.map(\.code) ?? []
            guard !villages.isEmpty else { continue }
            if let households = rule.households {
                for _ in 0..<households.count {
                    let household = Household(
                        id: .generate(using: &generator, milliseconds: milliseconds),
                        station: file.id,
                        village: villages[generator.uniform(0...(villages.count - 1))]
                    )
                    work.change.register(household, at: file.station, by: .demo, at: instant)
                    work.households[index, default: []].append(household.id)
                }
            }
            if let resources = rule.resources {
                for number in 1...resources.count {
                    let resource = CommunityResource(
                        id: .generate(using: &generator, milliseconds: milliseconds),
                        station: file.id,
                        village: villages[generator.uniform(0...(villages.count - 1))],
                        kind: resources.kind,
                        name: resources.name + (number < 10 ? "0\(number)" : "\(number)")
                    )
                    work.change.register(resource, at: file.station, by: .demo, at: instant)
                    work.resources[index, default: []].append(resource.id)
                }
            }
        }
        return work
    }

    /// Gives one station's records (sorted by date) the extra fields its rules describe. A rule with
    /// households takes each household through the values in order, one record a step, up to a step
    /// drawn for it (some finish, some stop part-way, some have not started).
    static func applyBrandFields(
        _ rules: [DemoFile.BrandFieldRule],
        work: BrandWork,
        station: StationID,
        to records: inout [ServiceRecord],
        using generator: inout SplitMix64
    ) {
        for (index, rule) in rules.enumerated() where rule.station == station.rawValue && !rule.values.isEmpty {
            let kinds = Set(rule.kinds.compactMap(ServiceKind.matching))
            let chosen = records.indices.filter {
                kinds.contains(records[$0].kind) && generator.uniform(1...100) <= rule.percent
            }
            if let steps = rule.households, let households = work.households[index] {
                let targets = households.map { _ in generator.uniform(0...rule.values.count) }
                var reached = households.map { _ in 0 }
                var next = 0
                for record in chosen {
                    guard
                        let turn = (0..<households.count).lazy.map({ (next + $0) % households.count })
                            .first(where: { reached[$0] < targets[$0] })
                    else { break }
                    records[record].fields[steps.field] = households[turn].rawValue
                    records[record].fields[rule.field] = rule.values[reached[turn]]
                    reached[turn] += 1
                    next = turn + 1
                }
                continue
            }
            var linking: [Int] = []
            for record in chosen {
                let value = rule.values[generator.uniform(0...(rule.values.count - 1))]
                records[record].fields[rule.field] = value
                if let linked = rule.resources, value == linked.when,
                    let resource = generator.pick(work.resources[index] ?? [])
                {
                    records[record].fields[linked.field] = resource.rawValue
                    linking.append(record)
                }
            }
            // Marked after the values are drawn, so the values stay the same with or without a mark.
            if let mark = rule.resources?.mark {
                for record in linking where generator.uniform(1...100) <= mark.percent {
                    records[record].fields[mark.field] = mark.value
                }
            }
        }
    }

    /// Posts the wishes the rules' resources claim (通元's 起禾 shops, seed 000 §三.二): each in a
    /// village of the station, claimed by one of the resources a few days later under its registered
    /// name, and fulfilled for the rule's share. Drawn after the records, so their fields stay the same.
    static func brandWishes(
        _ rules: [DemoFile.BrandFieldRule],
        work: BrandWork,
        plan: Plan,
        using generator: inout SplitMix64
    ) throws -> ChangeSet {
        var change = ChangeSet()
        let year = try CivilPeriod.year(plan.demo.year)
        for (index, rule) in rules.enumerated() {
            guard let claims = rule.resources?.wishes, let claimers = work.resources[index], !claimers.isEmpty,
                let file = plan.stations.first(where: { $0.id.rawValue == rule.station })
            else { continue }
            let villages = plan.divisions.townships.first { $0.code == file.township }?.villages.map(\.code) ?? []
            let names = Dictionary(
                uniqueKeysWithValues: work.change.writes.compactMap { write -> (CommunityResourceID, String)? in
                    if case .resource(let resource) = write { return (resource.id, resource.name) }
                    return nil
                }
            )
            for number in 0..<claims.count where !villages.isEmpty {
                let (text, yuan) = wishes[number % wishes.count]
                let posted = year.start.adding(days: generator.uniform(0...(year.dayCount - 60)))
                let postedAt = instant(of: posted, hour: 9)
                var wish = MicroWish(
                    id: .generate(using: &generator, milliseconds: UInt64(postedAt.millisecondsSince1970)),
                    station: file.id,
                    village: villages[generator.uniform(0...(villages.count - 1))],
                    wish: text,
                    value: Fen(Int64(yuan) * 100),
                    postedOn: posted
                )
                change.progress(wish, at: file.station, by: .demo, at: postedAt)
                let claimer = claimers[generator.uniform(0...(claimers.count - 1))]
                let claimed = posted.adding(days: generator.uniform(1...14))
                wish.claimantKind = .enterprise
                wish.claimantName = names[claimer]
                wish.claimedBy = claimer
                wish.claimedOn = claimed
                wish.claimEnteredAt = instant(of: claimed, hour: 14)
                change.progress(wish, at: file.station, by: .demo, at: instant(of: claimed, hour: 14))
                guard generator.uniform(1...100) <= claims.fulfilledPercent else { continue }
                let fulfilled = claimed.adding(days: generator.uniform(1...20))
                wish.fulfilledOn = fulfilled
                change.progress(wish, at: file.station, by: .demo, at: instant(of: fulfilled, hour: 16))
            }
        }
        return change
    }

    /// Checks that every rule names a station of the demo, known kinds, and fields and values the
    /// brand plugins serving that station accept, so that the demo writes only what `RecordService` would.
    static func checkBrandFields(
        _ rules: [DemoFile.BrandFieldRule],
        plan: Plan,
        plugins: PluginRegistry
    ) -> [(key: String, problem: LocalizedText)] {
        var problems: [(key: String, problem: LocalizedText)] = []
        for (index, rule) in rules.enumerated() {
            let key = "brandFields[\(index)]"
            guard let file = plan.stations.first(where: { $0.id.rawValue == rule.station }) else {
                problems.append(("\(key).station", LocalizedText("演示中没有该社工站", en: "no such station in the demo")))
                continue
            }
            for kind in rule.kinds where ServiceKind.matching(kind) == nil {
                problems.append(
                    ("\(key).kinds", LocalizedText("未知的服务类型 \(kind)", en: "unknown kind of service \(kind)"))
                )
            }
            let fields = plugins.fields(for: file.station)
            func field(_ id: String, _ path: String) -> PluginRecordField? {
                guard let found = fields.first(where: { $0.id == id }) else {
                    problems.append(
                        (
                            path,
                            LocalizedText(
                                "服务该站的品牌插件没有登记字段 \(id)",
                                en: "no plugin serving the station registers field \(id)"
                            )
                        )
                    )
                    return nil
                }
                return found
            }
            if let main = field(rule.field, "\(key).field") {
                for value in rule.values {
                    if let problem = main.check(value) { problems.append(("\(key).values", problem)) }
                }
            }
            if let households = rule.households { _ = field(households.field, "\(key).households.field") }
            if let resources = rule.resources {
                _ = field(resources.field, "\(key).resources.field")
                if let mark = resources.mark, let marked = field(mark.field, "\(key).resources.mark.field"),
                    let problem = marked.check(mark.value)
                {
                    problems.append(("\(key).resources.mark.value", problem))
                }
                if !rule.values.contains(resources.when) {
                    problems.append(
                        ("\(key).resources.when", LocalizedText("应为 values 之一", en: "expected one of the values"))
                    )
                }
            }
        }
        return problems
    }
}
