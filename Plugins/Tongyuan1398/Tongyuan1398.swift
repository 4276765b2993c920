public import YizhanKernel

/// 通元镇“1398”建设模式 (seed 000 §二.二): 1 "3.0 sample", 9 business sectors, 8 parties of social
/// resources. Service records carry their sector and, where a social resource was linked, the party,
/// the registered resource and whether it was at an 益荟日 (a 起禾 alliance shop, §三.二); wishes
/// claimed by a registered resource count for it too. The plugin keeps the resource-linking ledger
/// by party and by resource.
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
    /// The field marking a record made at an occasion: `yihuiri`, an “益荟日” convenience-service day.
    public static let occasionField = "tongyuan-1398.occasion"
    /// The occasions' element ids.
    public static let occasions = ["yihuiri"]
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
        try registry.add(
            PluginRecordField(
                id: Self.occasionField,
                name: LocalizedText("服务场合", en: "occasion"),
                options: Self.occasions
            ),
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
            PluginIndicator(
                id: "\(id).yihuiri",
                name: LocalizedText("“{yihuiri}”便民服务", en: "{yihuiri} convenience services"),
                unit: LocalizedText("次", en: "services")
            ) { context in
                try await context.serviceTotals(fields: [Self.occasionField])
                    .first { $0.fieldValues == ["yihuiri"] }?.records ?? 0
            },
            by: id
        )
        try registry.add(
            PluginIndicator(
                id: "\(id).wishes",
                name: LocalizedText("登记资源认领微心愿", en: "wishes claimed by registered resources"),
                unit: LocalizedText("个", en: "wishes")
            ) { context in
                try await context.claimedWishes().filter { $0.claimedBy != nil }.count
            },
            by: id
        )
        try registry.add(
            PluginReportSection(
                id: "\(id).parties",
                title: LocalizedText("资源链接台账:按资源方", en: "Resource-linking ledger by party"),
                note: LocalizedText(
                    "链接服务为带“资源方”字段的服务记录;认领微心愿为期间内由已登记资源认领的微心愿,"
                        + "计入该资源在服务记录中最常对应的资源方,没有服务记录的商户、企业分别计入“商家”“企业”。"
                        + "板块与资源方名称为默认名称(取自种子 000 §二.一、§三),可在工作区 brands/tongyuan-1398.yaml 中改名。",
                    en: "Services are the records carrying a party; wishes are those claimed in the period by a "
                        + "registered resource, counted under the party its services name most, or for a shop or "
                        + "enterprise with no services, under shops or enterprises. Sector and party names are "
                        + "defaults (from seed 000 §二.一, §三) a station may rename in brands/tongyuan-1398.yaml."
                )
            ) { context in
                try await ResourceLedger.read(context).partyTable(context)
            },
            by: id
        )
        try registry.add(
            PluginReportSection(
                id: "\(id).resources",
                title: LocalizedText("资源链接台账:按资源", en: "Resource-linking ledger by resource")
            ) { context in
                try await ResourceLedger.read(context).resourceTable(context)
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
}
