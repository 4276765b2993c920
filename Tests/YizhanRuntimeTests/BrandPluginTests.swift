import Baibu159
import Foundation
import GanpuSanrongSanru
import Testing
import Tongyuan1398
import YizhanBrands
import YizhanConfig
import YizhanKernel
import YizhanPluginTesting
import YizhanReports
import YizhanRuntime

/// The three brand plugins seed 000 §二.二 names, on the demo: each keeps the plugin contract, and
/// each figure it reports equals what the records themselves say, counted row by row here.
struct BrandPluginTests {
    @Test func theThreePluginsKeepTheContractAndCountWhatTheRecordsSay() async throws {
        let folder = TemporaryFolder()
        let empty = TemporaryFolder()
        defer {
            folder.remove()
            empty.remove()
        }
        let built = try await DemoBuilder(recipe: recipe, plugins: BrandCatalog.builtIn).build(into: folder.url)
        let year = built.year
        let blank = try await Workspace.create(
            at: empty.url,
            file: WorkspaceFile(name: "空", county: built.workspace.file.county, database: Workspace.defaultDatabase)
        )
        let registry = try BrandCatalog.registry(for: built.workspace)
        #expect(registry.manifests.map(\.id) == ["baibu-159", "ganpu-sanrong", "tongyuan-1398"])

        try await built.workspace.withStore { store in
            try await blank.withStore { emptyStore in
                for plugin in BrandCatalog.builtIn {
                    try await PluginConformance.check(
                        plugin,
                        on: [
                            .init(label: "empty", store: emptyStore, period: year),
                            .init(label: "demo", store: store, period: year),
                        ]
                    )
                }
            }
            let all = try await store.serviceRecords(ServiceRecordQuery(period: year, limit: 100_000))
            func records(at station: String) -> [ServiceRecord] { all.filter { $0.station.rawValue == station } }
            func figures(_ station: String) async throws -> PluginFigures.Entry {
                let id = try StationID(station)
                let found = try await store.station(id)
                let computed = try await PluginFigures.compute(
                    registry,
                    store: store,
                    station: try #require(found),
                    period: year
                )
                guard let entry = computed.entries.first else { throw PluginTestError.noEntry(station) }
                return entry
            }
            func value(_ entry: PluginFigures.Entry, _ id: String) -> Int? {
                entry.indicators.first { $0.id == id }?.value
            }

            // The county summary and the station report sum the plugins' figures from their one
            // grouped pass over the records: the figures must be those the plugins read themselves.
            // In 2022 澉浦's progress since 1970 adds the 2021 records, read apart, to the period's groups.
            for period in [year, try CivilPeriod.year(2022)] {
                let summary = try await CountySummary.build(
                    from: store,
                    county: built.workspace.file.county,
                    period: period,
                    plugins: registry
                )
                #expect(summary.plugins.map(\.station.id.rawValue).sorted() == ["baibu", "ganpu", "tongyuan"])
                for served in summary.plugins {
                    let own = try await PluginFigures.compute(
                        registry,
                        store: store,
                        station: served.station,
                        period: period
                    )
                    #expect(served == own, "county summary, \(served.station.id), \(period)")
                    let report = try await StationReport.build(
                        from: store,
                        station: served.station.id,
                        period: period,
                        plugins: registry
                    )
                    #expect(report.plugins == own, "station report, \(served.station.id), \(period)")
                }
            }
            let ganpu2022 = try #require(
                try await CountySummary.build(
                    from: store,
                    county: built.workspace.file.county,
                    period: try CivilPeriod.year(2022),
                    plugins: registry
                ).plugins.first { $0.station.id.rawValue == "ganpu" }
            )
            #expect(ganpu2022.entries.first?.indicators.contains { $0.value > 0 } == true)

            // 百步: one matter per record carrying a bridge.
            let baibu = try await figures("baibu")
            for bridge in Baibu159.bridges {
                let counted = records(at: "baibu").filter { $0.fields[Baibu159.bridgeField] == bridge }.count
                #expect(value(baibu, "baibu-159.\(bridge)") == counted)
            }
            #expect(baibu.indicators.reduce(0) { $0 + $1.value } > 0)
            #expect(baibu.indicators.first?.name.zhHans == "第一色桥治理事项")
            let projects = try #require(baibu.sections.first { $0.id == "baibu-159.projects" })
            #expect(projects.table.rows.count == 9)

            // 澉浦: a household is integrated when its records reached all three pairs.
            var reached: [String: Set<String>] = [:]
            for record in records(at: "ganpu") {
                guard let household = record.fields[GanpuSanrongSanru.householdField],
                    let pair = record.fields[GanpuSanrongSanru.pairField]
                else { continue }
                reached[household, default: []].insert(pair)
            }
            let ganpu = try await figures("ganpu")
            #expect(value(ganpu, "ganpu-sanrong.households") == reached.count)
            #expect(value(ganpu, "ganpu-sanrong.integrated") == reached.values.filter { $0.count == 3 }.count)
            #expect((value(ganpu, "ganpu-sanrong.integrated") ?? 0) > 0)
            #expect(value(ganpu, "ganpu-sanrong.emotion") == reached.values.filter { $0.contains("emotion") }.count)
            let progress = try #require(ganpu.sections.first { $0.id == "ganpu-sanrong.households" })
            #expect(progress.table.rows.count == 48, "every registered household, started or not")
            #expect(progress.table.columns.map(\.title.zhHans).contains("平台融合·实干入微"))

            // 通元: the ledger by party is the records carrying a party; shops name 起禾 alliance shops.
            let tongyuan = try await figures("tongyuan")
            let linked = records(at: "tongyuan").filter { $0.fields[Tongyuan1398.partyField] != nil }
            let ledger = try #require(tongyuan.sections.first { $0.id == "tongyuan-1398.parties" })
            let ledgerServices = ledger.table.rows.reduce(0) { sum, row in
                if case .number(let services) = row[2] { return sum + services }
                return sum
            }
            #expect(ledgerServices == linked.count && !linked.isEmpty)
            for party in Tongyuan1398.parties {
                let counted = linked.filter { $0.fields[Tongyuan1398.partyField] == party }.count
                #expect(value(tongyuan, "tongyuan-1398.party.\(party)") == counted)
            }
            let shops = try #require(tongyuan.sections.first { $0.id == "tongyuan-1398.resources" })
            #expect(!shops.table.rows.isEmpty)
            let shopNames = shops.table.rows.compactMap { row -> String? in
                if case .text(let name) = row.first { return name }
                return nil
            }
            #expect(shopNames.count == shops.table.rows.count)
            #expect(shopNames.allSatisfy { $0.hasPrefix("“起禾”公益商圈联盟示例商铺") })

            // 起禾 shops at 益荟日 and their micro-wishes (seed 000 §三.二): the 益荟日 services are the
            // records marked so, and each wish a registered shop claimed in the year is in the ledger.
            func column(_ table: PluginTable, _ id: String) -> [Int] {
                guard let index = table.columns.firstIndex(where: { $0.id == id }) else { return [] }
                return table.rows.compactMap { row in
                    if case .number(let number) = row[index] { return number }
                    return nil
                }
            }
            let atYihuiri = records(at: "tongyuan").filter { $0.fields[Tongyuan1398.occasionField] == "yihuiri" }
            #expect(value(tongyuan, "tongyuan-1398.yihuiri") == atYihuiri.count && !atYihuiri.isEmpty)
            let shopRecords = linked.filter { $0.fields[Tongyuan1398.partyField] == "shops" }
            let shopsRow = try #require(ledger.table.rows.firstIndex { $0.first == .text("商家") })
            #expect(
                column(ledger.table, "yihuiri")[shopsRow]
                    == shopRecords.filter { $0.fields[Tongyuan1398.occasionField] == "yihuiri" }.count
            )
            let claimed = try await store.claimedWishes(
                in: .station(try StationID("tongyuan")),
                period: year,
                enteredBy: nil
            ).filter { $0.claimedBy != nil }
            #expect(claimed.count == 20, "the recipe's 20 wishes claimed by 起禾 shops")
            #expect(value(tongyuan, "tongyuan-1398.wishes") == claimed.count)
            #expect(column(ledger.table, "wishes")[shopsRow] == claimed.count)
            #expect(column(shops.table, "wishes").reduce(0, +) == claimed.count)
            #expect(
                Set(shopNames)
                    == Set(claimed.compactMap(\.claimantName)).union(
                        try await store.resources(in: .station(try StationID("tongyuan")))
                            .filter { resource in
                                shopRecords.contains { $0.fields[Tongyuan1398.resourceField] == resource.id.rawValue }
                            }
                            .map(\.name)
                    ),
                "every shop that linked a service or claimed a wish, and no other"
            )

            // A claim dated in 2021 but entered on 5 January 2022 counts in the 2021 ledger, except
            // as the figures stood at the end of 2021 (`--as-of 2021-12-31`).
            let shop = try #require(claimed.first?.claimedBy)
            let late = CommunityWork(
                store: store,
                clock: WorkClock(now: { Date(millisecondsSince1970: 1_641_358_800_000) })
            )
            let posted = try await late.postWish(
                station: "tongyuan",
                village: try #require(claimed.first?.village.rawValue),
                wish: "一副老花镜",
                value: "50",
                date: "2021-12-20",
                actor: .cli
            )
            try await late.progressWish(
                posted.id.rawValue,
                claimantKind: nil,
                claimantName: nil,
                resource: shop.rawValue,
                date: "2021-12-22",
                fulfil: false,
                actor: .cli
            )
            let station = try #require(try await store.station(try StationID("tongyuan")))
            let now = try await PluginFigures.compute(registry, store: store, station: station, period: year)
            let endOf2021 = Date(millisecondsSince1970: 1_640_966_399_999)  // 2021-12-31 23:59:59.999 in Shanghai
            let then = try await PluginFigures.compute(
                registry,
                store: store,
                station: station,
                period: year,
                recordedBy: endOf2021
            )
            #expect(now.entries.first.map { value($0, "tongyuan-1398.wishes") } == claimed.count + 1)
            #expect(then.entries.first.map { value($0, "tongyuan-1398.wishes") } == claimed.count)
            let sectors = Tongyuan1398.sectors.compactMap { value(tongyuan, "tongyuan-1398.sector.\($0)") }
            let sectorPersonTimes = records(at: "tongyuan").filter { $0.fields[Tongyuan1398.sectorField] != nil }
                .filter { !$0.isTraining }.reduce(0) { $0 + $1.personTimes }
            #expect(sectors.count == 9 && sectors.reduce(0, +) == sectorPersonTimes)

            // The county summary lists every indicator of the three, by station.
            let county = try await CountySummary.build(
                from: store,
                county: built.workspace.file.county,
                period: year,
                plugins: registry
            )
            let rows = county.document(in: .zhHans, period: try ReportPeriod(parsing: "2021")).table(
                "plugin-indicators"
            )?.rows
            #expect(rows?.count == 5 + 5 + 19)

            // A record through the runtime's registry is checked against the station's plugins.
            let recorder = RecordService(
                store: store,
                clock: WorkClock(now: { Date(millisecondsSince1970: 1_640_851_200_000) }),
                plugins: registry
            )
            let refused = await #expect(throws: InputError.self) {
                try await recorder.record(
                    ServiceRecordRequest(
                        station: "baibu",
                        kind: "homeVisit",
                        date: "2021-12-30",
                        durationMinutes: 30,
                        headCount: 1,
                        fields: [Baibu159.bridgeField: "bridge9"]
                    ),
                    actor: .cli
                )
            }
            #expect(refused?.issues.map(\.field) == ["fields.baibu-159.bridge"])
        }
    }

    @Test func aWorkspaceRenamesABrandsElementsAndRefusesUnknownOnes() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let workspace = try await Workspace.create(
            at: folder.url,
            file: WorkspaceFile(name: "改名", county: try DivisionCode("330424"), database: Workspace.defaultDatabase)
        )
        let brands = folder.url.appendingPathComponent(PluginSetup.renamesFolder)
        try FileManager.default.createDirectory(at: brands, withIntermediateDirectories: true)
        let file = brands.appendingPathComponent("baibu-159.yaml")
        try Data(
            """
            id: baibu-159
            name: 百步“159”工作法
            station: baibu
            source: 百步镇社会工作站 2022 年品牌手册(示例)
            elements:
              - { id: bridge1, name: 红色桥 }
            """.utf8
        ).write(to: file)
        let registry = try BrandCatalog.registry(for: workspace)
        #expect(registry.elementNames["baibu-159"]?["bridge1"] == "红色桥")
        #expect(registry.elementNames["baibu-159"]?["bridge2"] == "第二色桥")
        let indicator = try #require(registry.contributions["baibu-159"]?.indicators.first)
        #expect(indicator.name.filling(registry.elementNames["baibu-159"] ?? [:]).zhHans == "红色桥治理事项")

        try Data(
            "id: baibu-159\nname: 百步\nstation: baibu\nsource: 示例\nelements:\n  - { id: bridge6, name: 第六桥 }\n".utf8
        )
        .write(to: file)
        let refused = #expect(throws: ConfigErrors.self) { try BrandCatalog.registry(for: workspace) }
        #expect(refused?.message(in: .zhHans).contains("brands/baibu-159.yaml") == true)
        #expect(refused?.message(in: .zhHans).contains("插件 baibu-159 没有组成部分 bridge6") == true)
    }

    @Test func aPluginWhoseResourcesAreMissingIsRefusedWithTheFolderNamed() throws {
        let nowhere = PluginResources(bundle: "yizhan_Baibu159", folders: [URL(fileURLWithPath: "/nonexistent")])
        let refused = #expect(throws: PluginRegistryError.self) {
            try PluginRegistry.build([Baibu159(resources: nowhere)])
        }
        #expect(refused?.message(in: .zhHans).contains("找不到插件资源 yizhan_Baibu159.resources/baibu-159.yaml") == true)
    }
}

private enum PluginTestError: Error {
    case noEntry(String)
}
