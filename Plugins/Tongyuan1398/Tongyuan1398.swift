public import YizhanKernel

/// 通元镇“1398”建设模式 (seed 000 §二.二): 1 "3.0 sample", 9 business sectors, 8 parties of social
/// resources. Service records carry their sector and, where a social resource was linked, the party
/// and the registered resource (a 起禾 alliance shop at an 益荟日, §三.二); the plugin keeps the
/// resource-linking ledger by party and by resource.
public struct Tongyuan1398: BrandPlugin {
    /// The station it serves.
    static let station: StationID = {
        guard let id = try? StationID("tongyuan") else { preconditionFailure("Tongyuan1398: station id 'tongyuan'") }
        return id
    }()

    public static let manifest = PluginManifest(
        id: "tongyuan-1398",
        name: "通元“1398”建设模式",
        version: "1.0.0",
        kernelAPIVersion: PluginRegistry.kernelAPIVersion,
        scope: .station(station)
    )

    /// The field naming a record's business sector (业务板块).
    public static let sectorField = "tongyuan-1398.sector"
    /// The field naming the party (资源方) whose resources a record linked.
    public static let partyField = "tongyuan-1398.party"
    /// The field naming the registered community resource a record linked.
    public static let resourceField = "tongyuan-1398.resource"
    /// The nine sectors' element ids; their default names are in the bundled YAML.
    public static let sectors = [
        "care", "comfort", "protection", "tutoring", "rehabilitation", "livelihood", "governance", "mediation",
        "linking",
    ]
    /// The eight parties' element ids.
    public static let parties = [
        "villages", "enterprises", "shops", "volunteers", "agencies", "organisations", "foundations", "charity",
    ]

    let resources: PluginResources

    /// Creates the plugin, reading its YAML from `resources`.
    public init(resources: PluginResources = PluginResources(bundle: "yizhan_Tongyuan1398")) {
        self.resources = resources
    }

    public func register(into registry: inout PluginRegistry) throws {
        let id = Self.manifest.id
        try registry.add(PluginProgramDefinition(id: id, yaml: try resources.text("tongyuan-1398.yaml")), by: id)
        try registry.add(
            PluginRecordField(id: Self.sectorField, name: LocalizedText("业务板块", en: "sector"), options: Self.sectors),
            by: id
        )
        try registry.add(
            PluginRecordField(
                id: Self.partyField,
                name: LocalizedText("社会资源方", en: "resource party"),
                options: Self.parties
            ),
            by: id
        )
        try registry.add(
            PluginRecordField(id: Self.resourceField, name: LocalizedText("链接的资源", en: "linked resource")) { value in
                (try? CommunityResourceID(value)) == nil
                    ? LocalizedText("已登记资源的标识(yizhan resource list)", en: "a registered resource's id")
                    : nil
            },
            by: id
        )
        for sector in Self.sectors {
            try registry.add(
                PluginIndicator(
                    id: "\(id).sector.\(sector)",
                    name: LocalizedText("业务板块“{\(sector)}”服务人次", en: "sector {\(sector)}: person-times"),
                    unit: LocalizedText("人次", en: "person-times")
                ) { context in
                    try await context.serviceTotals(fields: [Self.sectorField])
                        .first { $0.fieldValues == [sector] }?.personTimes ?? 0
                },
                by: id
            )
        }
        for party in Self.parties {
            try registry.add(
                PluginIndicator(
                    id: "\(id).party.\(party)",
                    name: LocalizedText("资源方“{\(party)}”链接服务", en: "party {\(party)}: linked services"),
                    unit: LocalizedText("次", en: "services")
                ) { context in
                    try await context.serviceTotals(fields: [Self.partyField])
                        .first { $0.fieldValues == [party] }?.records ?? 0
                },
                by: id
            )
        }
        try registry.add(
            PluginReportSection(
                id: "\(id).parties",
                title: LocalizedText("资源链接台账:按资源方", en: "Resource-linking ledger by party"),
                note: LocalizedText(
                    "带“资源方”字段的服务记录;板块与资源方名称为默认名称(取自种子 000 §二.一、§三),可在工作区 brands/tongyuan-1398.yaml 中改名。",
                    en:
                        "Service records carrying a party; sector and party names are defaults (from seed 000 §二.一, §三) a station may rename in brands/tongyuan-1398.yaml."
                )
            ) { context in
                let totals = try await context.serviceTotals(fields: [Self.partyField, Self.resourceField])
                return PluginTable(
                    columns: [
                        .init("party", LocalizedText("资源方", en: "party")),
                        .init("resources", LocalizedText("链接资源数", en: "resources linked"), isNumber: true),
                        .init("records", LocalizedText("链接服务", en: "services"), isNumber: true),
                        .init("personTimes", LocalizedText("服务人次", en: "person-times"), isNumber: true),
                    ],
                    rows: Self.parties.map { party in
                        let own = totals.filter { $0.fieldValues.first == party }
                        return [
                            .text(context.name(of: party)),
                            .number(Set(own.compactMap { $0.fieldValues.last ?? nil }).count),
                            .number(own.reduce(0) { $0 + $1.records }),
                            .number(own.reduce(0) { $0 + $1.personTimes }),
                        ]
                    }
                )
            },
            by: id
        )
        try registry.add(
            PluginReportSection(
                id: "\(id).resources",
                title: LocalizedText("资源链接台账:按资源", en: "Resource-linking ledger by resource")
            ) {
                context in
                try await Self.resourceTable(context)
            },
            by: id
        )
        try registry.add(
            PluginReportSection(id: "\(id).sectors", title: LocalizedText("9大业务板块", en: "Nine business sectors")) {
                context in
                try await context.elementTable(
                    field: Self.sectorField,
                    elements: Self.sectors,
                    heading: .init("sector", LocalizedText("业务板块", en: "sector"))
                )
            },
            by: id
        )
    }

    /// One row per linked resource: its registered name and kind, its party, services and person-times.
    static func resourceTable(_ context: PluginQueryContext) async throws -> PluginTable {
        let totals = try await context.serviceTotals(fields: [resourceField, partyField])
        let registered = Dictionary(
            try await context.store.resources(in: .station(context.station.id)).map { ($0.id.rawValue, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        var rows: [String: (party: String, records: Int, personTimes: Int)] = [:]
        for total in totals {
            guard let resource = total.fieldValues.first ?? nil else { continue }
            let party = total.fieldValues.last.flatMap { $0 }.map(context.name(of:)) ?? ""
            let row = rows[resource] ?? (party, 0, 0)
            rows[resource] = (
                row.party.isEmpty ? party : row.party, row.records + total.records, row.personTimes + total.personTimes
            )
        }
        return PluginTable(
            columns: [
                .init("resource", LocalizedText("资源", en: "resource")),
                .init("kind", LocalizedText("类型", en: "kind")),
                .init("party", LocalizedText("资源方", en: "party")),
                .init("records", LocalizedText("链接服务", en: "services"), isNumber: true),
                .init("personTimes", LocalizedText("服务人次", en: "person-times"), isNumber: true),
            ],
            rows: rows.sorted { ($0.value.records, $1.key) > ($1.value.records, $0.key) }.map { id, row in
                let resource = registered[id]
                return [
                    .text(resource?.name ?? "未登记资源 \(id.suffix(8))"),
                    .text(resource?.kind.label(in: .zhHans) ?? ""),
                    .text(row.party),
                    .number(row.records),
                    .number(row.personTimes),
                ]
            }
        )
    }
}
