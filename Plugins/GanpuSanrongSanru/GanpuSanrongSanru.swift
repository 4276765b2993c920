public import YizhanKernel

/// 澉浦镇“三融三入”工作法 (seed 000 §二.二): the social integration of non-registered rural residents
/// along three pairs, tracked per household; and the 澉爱 series of services (§二.三).
///
/// A service record carries the household it served (a registered household's id) and the pair it
/// advanced. A household's progress is the set of pairs its records reached up to the period's end;
/// it counts as integrated (融入) when it has reached all three.
public struct GanpuSanrongSanru: BrandPlugin {
    /// The station it serves.
    static let station: StationID = {
        guard let id = try? StationID("ganpu") else { preconditionFailure("GanpuSanrongSanru: station id 'ganpu'") }
        return id
    }()

    public static let manifest = PluginManifest(
        id: "ganpu-sanrong",
        name: "澉浦“三融三入”工作法",
        version: "1.0.0",
        kernelAPIVersion: PluginRegistry.kernelAPIVersion,
        scope: .station(station)
    )

    /// The field naming the household a record served.
    public static let householdField = "ganpu-sanrong.household"
    /// The field naming the pair (三融三入) a record advanced.
    public static let pairField = "ganpu-sanrong.pair"
    /// The field naming the 澉爱 service a record belongs to.
    public static let seriesField = "ganpu-sanrong.series"
    /// The three pairs, in order.
    public static let pairs = ["platform", "strength", "emotion"]
    /// The 澉爱 series.
    public static let series = ["zhulao", "tongle", "jiahe", "gongyi", "wenyu"]
    /// Progress counts from this day: a household's pairs reached in earlier years still count.
    static let progressSince = CivilDate(daysSinceEpoch: 0)

    let resources: PluginResources

    /// Creates the plugin, reading its YAML from `resources`.
    public init(resources: PluginResources = PluginResources(bundle: "yizhan_GanpuSanrongSanru")) {
        self.resources = resources
    }

    public func register(into registry: inout PluginRegistry) throws {
        let id = Self.manifest.id
        try registry.add(PluginProgramDefinition(id: id, yaml: try resources.text("ganpu-sanrong.yaml")), by: id)
        try registry.add(
            PluginRecordField(id: Self.householdField, name: LocalizedText("服务家庭", en: "household")) { value in
                (try? HouseholdID(value)) == nil
                    ? LocalizedText("已登记家庭的标识(yizhan household list)", en: "a registered household's id")
                    : nil
            },
            by: id
        )
        try registry.add(
            PluginRecordField(
                id: Self.pairField,
                name: LocalizedText("三融三入", en: "integration pair"),
                options: Self.pairs
            ),
            by: id
        )
        try registry.add(
            PluginRecordField(id: Self.seriesField, name: LocalizedText("澉爱系列", en: "澉爱 series"), options: Self.series),
            by: id
        )
        try registry.add(
            PluginIndicator(
                id: "\(id).households",
                name: LocalizedText("三融三入服务家庭", en: "households in 三融三入"),
                unit: LocalizedText("户", en: "households")
            ) { context in
                try await Self.progress(context).count
            },
            by: id
        )
        try registry.add(
            PluginIndicator(
                id: "\(id).integrated",
                name: LocalizedText("完成三融三入(融入)家庭", en: "households through all three pairs"),
                unit: LocalizedText("户", en: "households")
            ) { context in
                try await Self.progress(context).values.filter { $0.count == Self.pairs.count }.count
            },
            by: id
        )
        for pair in Self.pairs {
            try registry.add(
                PluginIndicator(
                    id: "\(id).\(pair)",
                    name: LocalizedText("达到“{\(pair)}”的家庭", en: "households reaching {\(pair)}"),
                    unit: LocalizedText("户", en: "households")
                ) { context in
                    try await Self.progress(context).values.filter { $0.contains(pair) }.count
                },
                by: id
            )
        }
        try registry.add(
            PluginReportSection(
                id: "\(id).households",
                title: LocalizedText("三融三入:各户进度", en: "三融三入: progress per household"),
                note: LocalizedText(
                    "每户的进度为截至期末其服务记录到达的融入环节(往年的也算);家庭以登记标识的后 8 位表示,不含个人信息。",
                    en:
                        "A household's progress is the pairs its service records reached by the period's end (earlier years count); households are shown by the last 8 characters of their id, with no personal data."
                )
            ) { context in
                try await Self.householdTable(context)
            },
            by: id
        )
        try registry.add(
            PluginReportSection(id: "\(id).series", title: LocalizedText("“澉爱”系列服务", en: "The 澉爱 series")) { context in
                try await context.elementTable(
                    field: Self.seriesField,
                    elements: Self.series,
                    heading: .init("service", LocalizedText("服务", en: "service"))
                )
            },
            by: id
        )
    }

    /// The pairs each household reached by the period's end, by household id.
    static func progress(_ context: PluginQueryContext) async throws -> [String: Set<String>] {
        let totals = try await context.serviceTotals(fields: [householdField, pairField], from: progressSince)
        var reached: [String: Set<String>] = [:]
        for total in totals {
            guard total.fieldValues.count == 2, let household = total.fieldValues[0], let pair = total.fieldValues[1],
                pairs.contains(pair)
            else { continue }
            reached[household, default: []].insert(pair)
        }
        return reached
    }

    /// One row per registered household of the station (and any other a record names): its village,
    /// a mark per pair reached, and how many it reached.
    static func householdTable(_ context: PluginQueryContext) async throws -> PluginTable {
        let reached = try await progress(context)
        let households = try await context.store.households(in: .station(context.station.id))
        let villages = Dictionary(
            try await context.store.orgUnits(within: context.station.orgUnit).map { ($0.code, $0.name) },
            uniquingKeysWith: { first, _ in first }
        )
        var rows: [(id: String, village: String)] = households.map {
            ($0.id.rawValue, villages[$0.village] ?? $0.village.rawValue)
        }
        let known = Set(rows.map(\.id))
        rows += reached.keys.filter { !known.contains($0) }.sorted().map { ($0, "未登记") }
        return PluginTable(
            columns: [
                .init("household", LocalizedText("家庭", en: "household")),
                .init("village", LocalizedText("村(社区)", en: "village")),
            ]
                + pairs.map { .init($0, LocalizedText("{\($0)}", en: "{\($0)}")) }
                + [.init("reached", LocalizedText("已达环节", en: "pairs reached"), isNumber: true)],
            rows: rows.map { row in
                let pairsReached = reached[row.id] ?? []
                return [.text(String(row.id.suffix(8))), .text(row.village)]
                    + pairs.map { .text(pairsReached.contains($0) ? "✓" : "") }
                    + [.number(pairsReached.count)]
            }
        )
    }
}
