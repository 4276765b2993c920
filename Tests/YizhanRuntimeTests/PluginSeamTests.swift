import Foundation
import Testing
import YizhanBrands
import YizhanConfig
import YizhanKernel
import YizhanPluginTesting
import YizhanReports
import YizhanRuntime

/// A payload only this test's plugin emits.
private struct VisitNoted: EventPayload {
    static let eventType = EventType(rawValue: "throwaway.visitnoted")
    static let schemaVersion = 1
    var record: String
}

/// A brand plugin written in the test target: it registers an indicator, a report section and an
/// event handler through the kernel's API alone — nothing in the kernel knows it.
private struct ThrowawayBrand: BrandPlugin {
    static let manifest = PluginManifest(
        id: "throwaway",
        name: "试验品牌",
        version: "0.1.0",
        kernelAPIVersion: PluginRegistry.kernelAPIVersion,
        scope: .station(Fixtures.baibu)
    )

    func register(into registry: inout PluginRegistry) throws {
        let id = Self.manifest.id
        try registry.declareEventType(VisitNoted.eventType, by: id)
        try registry.add(
            PluginRecordField(id: "throwaway.mood", name: LocalizedText("气氛", en: "mood"), options: ["calm", "busy"]),
            by: id
        )
        try registry.add(
            PluginIndicator(
                id: "throwaway.homeVisitPersonTimes",
                name: LocalizedText("走访人次", en: "home-visit person-times"),
                unit: LocalizedText("人次", en: "person-times")
            ) { context in
                try await context.store.serviceTotals(
                    ServiceTotalsQuery(scope: .station(context.station.id), period: context.period, groupBy: [.kind])
                )
                .first { $0.kind == .homeVisit }?.personTimes ?? 0
            },
            by: id
        )
        try registry.add(
            PluginReportSection(id: "throwaway.kinds", title: LocalizedText("试验:按类型", en: "Trial: by kind")) {
                context in
                let totals = try await context.store.serviceTotals(
                    ServiceTotalsQuery(scope: .station(context.station.id), period: context.period, groupBy: [.kind])
                )
                return PluginTable(
                    columns: [
                        .init("kind", LocalizedText("类型", en: "kind")),
                        .init("records", LocalizedText("记录", en: "records"), isNumber: true),
                    ],
                    rows: totals.map { [.text($0.kind?.rawValue ?? ""), .number($0.records)] }
                )
            },
            by: id
        )
        try registry.add(
            PluginEventHandler(type: .serviceRecorded) { event in
                [
                    DomainEvent(
                        VisitNoted(record: event.id.rawValue),
                        orgUnit: event.orgUnit,
                        station: event.station,
                        actor: event.actor,
                        at: event.occurredAt
                    )
                ]
            },
            by: id
        )
    }
}

/// A plugin that emits an event type it never declared.
private struct CarelessBrand: BrandPlugin {
    static let manifest = PluginManifest(
        id: "careless",
        name: "越界品牌",
        version: "0.1.0",
        kernelAPIVersion: 1,
        scope: .region(Fixtures.haiyan)
    )

    func register(into registry: inout PluginRegistry) throws {
        try registry.add(
            PluginEventHandler(type: .serviceRecorded) { event in
                [DomainEvent(VisitNoted(record: ""), orgUnit: event.orgUnit, station: nil, actor: .cli, at: Date())]
            },
            by: Self.manifest.id
        )
    }
}

/// A plugin that breaks the contract twice: a two-part version and bundled YAML missing its keys.
private struct SloppyBrand: BrandPlugin {
    static let manifest = PluginManifest(
        id: "sloppy",
        name: "草率品牌",
        version: "1.0",
        kernelAPIVersion: 1,
        scope: .region(Fixtures.haiyan)
    )

    func register(into registry: inout PluginRegistry) throws {
        try registry.add(PluginProgramDefinition(id: "programs", yaml: "id: sloppy\nname: 草率\n"), by: Self.manifest.id)
    }
}

private enum Fixtures {
    static let baibu: StationID = (try? StationID("baibu")) ?? { preconditionFailure("baibu") }()
    static let haiyan: DivisionCode = (try? DivisionCode("330424")) ?? { preconditionFailure("330424") }()
}

struct PluginSeamTests {
    @Test func aPluginInTheTestTargetRegistersComputesAndReports() async throws {
        let registry = try PluginRegistry.build([ThrowawayBrand()])
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let built = try await DemoBuilder(recipe: recipe, plugins: BrandCatalog.builtIn).build(into: folder.url)
        let year = try CivilPeriod.year(2021)
        try await built.workspace.withStore { store in
            let baibu = try #require(try await store.station(Fixtures.baibu))
            let ganpu = try #require(try await store.stations(in: .all).first { $0.id.rawValue == "ganpu" })
            #expect(registry.sections(for: baibu).map(\.id) == ["throwaway.kinds"])
            #expect(registry.sections(for: ganpu).isEmpty && registry.indicators(for: ganpu).isEmpty)

            // The indicator's value is what the store's own query gives.
            let visits = try await store.serviceTotals(
                ServiceTotalsQuery(scope: .station(baibu.id), period: year, groupBy: [.kind])
            ).first { $0.kind == .homeVisit }?.personTimes
            let report = try await StationReport.build(from: store, station: baibu.id, period: year, plugins: registry)
            #expect(report.plugins.entries.first?.indicators.first?.value == visits)
            #expect((visits ?? 0) > 0)
            let document = report.document(in: .zhHans, period: try ReportPeriod(parsing: "2021"))
            let section = try #require(document.sections.first { $0.id == "plugin-throwaway" })
            #expect(section.title == "试验品牌")
            #expect(document.table("throwaway.indicators")?.rows.first?.last == .integer(visits ?? -1))
            // The section's table renders like any other, with totals of its number column: every record.
            let kinds = try #require(document.table("throwaway.kinds"))
            #expect(kinds.totals?.last == .integer(report.total.records))
            #expect(MarkdownRenderer.render(document).contains("**试验:按类型**"))

            // The county summary lists the indicator for the one station the plugin serves.
            let county = try await CountySummary.build(
                from: store,
                county: Fixtures.haiyan,
                period: year,
                plugins: registry
            )
            let rows = county.document(in: .zhHans, period: try ReportPeriod(parsing: "2021")).table(
                "plugin-indicators"
            )?
            .rows
            #expect(rows == [[.text("百步镇社会工作站"), .text("试验品牌"), .text("走访人次"), .text("人次"), .integer(visits ?? -1)]])

            // Without the plugin, the reports have no such section.
            let plain = try await StationReport.build(from: store, station: baibu.id, period: year)
            #expect(
                plain.document(in: .zhHans, period: try ReportPeriod(parsing: "2021")).table("throwaway.kinds") == nil
            )

            // The handler adds its declared event for a committed record, and nothing for others.
            let recorded = try #require(
                try await store.events(after: .start, limit: 10_000).first { $0.event.type == .serviceRecorded }
            )
            let added = try registry.handle([recorded.event])
            #expect(added.map(\.type) == [VisitNoted.eventType] && added.first?.station == recorded.event.station)
            #expect(try registry.handle([]).isEmpty)

            // Recording through RecordService commits the handler's event in the record's transaction.
            let before = try await store.lastEventSequence()
            let recorder = RecordService(
                store: store,
                clock: WorkClock(now: { Date(millisecondsSince1970: 1_640_851_200_000) }),  // 2021-12-30 16:00 Shanghai
                plugins: registry
            )
            let stored = try await recorder.record(
                ServiceRecordRequest(
                    station: "baibu",
                    kind: "homeVisit",
                    date: "2021-12-30",
                    durationMinutes: 30,
                    headCount: 1,
                    fields: ["throwaway.mood": "calm"]
                ),
                actor: .cli
            )
            let after = try await store.events(after: before, limit: 10).map(\.event.type)
            #expect(after == [.serviceRecorded, VisitNoted.eventType])
            #expect(stored.sequence.rawValue == before.rawValue + 1 && stored.event.type == .serviceRecorded)
            let december = try CivilPeriod(
                start: CivilDate(parsing: "2021-12-01"),
                end: CivilDate(parsing: "2021-12-31")
            )
            let moods = try await store.serviceTotals(
                ServiceTotalsQuery(scope: .station(baibu.id), period: december, fields: ["throwaway.mood"])
            )
            #expect(moods.first { $0.fieldValues == ["calm"] }?.records == 1)

            // A value outside the field's options, and a field no plugin of the station registered,
            // are both refused, under their own names; nothing is written.
            let refused = await #expect(throws: InputError.self) {
                try await recorder.record(
                    ServiceRecordRequest(
                        station: "baibu",
                        kind: "homeVisit",
                        date: "2021-12-30",
                        durationMinutes: 30,
                        headCount: 1,
                        fields: ["throwaway.mood": "angry", "other.colour": "red"]
                    ),
                    actor: .cli
                )
            }
            #expect(refused?.issues.map(\.field) == ["fields.other.colour", "fields.throwaway.mood"])
            #expect(refused?.issues.last?.expected.zhHans == "以下之一:calm、busy")
            let ganpuField = await #expect(throws: InputError.self) {
                try await recorder.record(
                    ServiceRecordRequest(
                        station: "ganpu",
                        kind: "homeVisit",
                        date: "2021-12-30",
                        durationMinutes: 30,
                        headCount: 1,
                        fields: ["throwaway.mood": "calm"]
                    ),
                    actor: .cli
                )
            }
            #expect(ganpuField?.issues.first?.expected.zhHans == "本站品牌插件未登记附加字段")
            #expect(try await store.lastEventSequence().rawValue == stored.sequence.rawValue + 1)
        }
        // The contract every plugin runs, on an empty workspace and on the demo.
        let empty = TemporaryFolder()
        defer { empty.remove() }
        let blank = try await Workspace.create(
            at: empty.url,
            file: WorkspaceFile(name: "空", county: Fixtures.haiyan, database: Workspace.defaultDatabase)
        )
        try await blank.withStore { emptyStore in
            try await built.workspace.withStore { demoStore in
                try await PluginConformance.check(
                    ThrowawayBrand(),
                    on: [
                        .init(label: "empty", store: emptyStore, period: year),
                        .init(label: "demo", store: demoStore, period: year),
                    ]
                )
            }
        }
    }

    @Test func theConformanceSuiteCatchesABrokenPlugin() async throws {
        try await withKnownIssue("a two-part version and YAML that is not a brand file", isIntermittent: false) {
            try await PluginConformance.check(SloppyBrand(), on: [])
        } matching: { issue in
            let text = String(describing: issue)
            return text.contains("MAJOR.MINOR.PATCH") || text.contains("does not validate")
        }
    }

    @Test func theRegistryRefusesWhatWouldClash() throws {
        let twice = #expect(throws: PluginRegistryError.self) {
            try PluginRegistry.build([ThrowawayBrand(), ThrowawayBrand()])
        }
        #expect(twice?.message(in: .zhHans) == "插件标识 throwaway 重复注册")
        // A handler's event type must be declared before it may be emitted.
        let careless = try PluginRegistry.build([CarelessBrand()])
        let event = DomainEvent(
            VisitNoted(record: "r"),
            orgUnit: Fixtures.haiyan,
            station: nil,
            actor: .cli,
            at: Date()
        )
        var recorded = event
        recorded.type = .serviceRecorded
        let refused = #expect(throws: PluginRegistryError.self) { try careless.handle([recorded]) }
        #expect(refused?.message(in: .en).contains("undeclared event type throwaway.visitnoted") == true)
    }
}
