import Foundation
import Testing
import YizhanBrands
import YizhanConfig
import YizhanKernel
import YizhanRuntime

/// A copy of the shipped config/ in a temporary folder, with one station file edited.
struct EditedConfig {
    let root: URL

    init(editing station: String, _ edit: (String) -> String) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-apply-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: recipe.deletingLastPathComponent().deletingLastPathComponent(), to: root)
        let file = root.appendingPathComponent("stations/haiyan/\(station).yaml")
        try Data(edit(try String(contentsOf: file, encoding: .utf8)).utf8).write(to: file)
    }

    var files: ConfigValidator.Result { ConfigValidator.validate([root]) }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

struct ConfigApplyTests {
    @Test func applyingTheShippedFilesToTheDemoChangesNothing() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let built = try await DemoBuilder(recipe: recipe, plugins: BrandCatalog.builtIn).build(into: folder.url)
        let files = ConfigValidator.validate([recipe.deletingLastPathComponent().deletingLastPathComponent()])
        #expect(files.problems.isEmpty)
        let plan = try await built.workspace.withStore { store in
            try await ConfigApply.plan(
                files,
                county: built.workspace.file.county,
                store: store,
                actor: .cli,
                at: Date()
            )
        }
        #expect(plan.isEmpty && plan.lines.isEmpty)
    }

    /// Issue 4: a changed program becomes a new version with its diff; records keep their version.
    @Test func aChangedProgramGetsTheNextVersionAndRecordsKeepTheirs() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let built = try await DemoBuilder(recipe: recipe, plugins: BrandCatalog.builtIn).build(into: folder.url)
        let edited = try EditedConfig(editing: "ganpu") { text in
            text.replacingOccurrences(of: "name: 社区治理服务, slot: optional", with: "name: 社区治理服务(升级), slot: optional")
                .replacingOccurrences(
                    of: "      - { id: ganpu-optional1,",
                    with: "      - { id: ganpu-optional2, name: 澉爱·邻里, slot: optional }\n      - { id: ganpu-optional1,"
                )
        }
        defer { edited.remove() }
        let county = built.workspace.file.county
        try await built.workspace.withStore { store in
            let request = ServiceRecordRequest(
                station: "ganpu",
                kind: "groupSession",
                date: "2021-11-20",
                durationMinutes: 60,
                headCount: 8,
                subProject: "ganpu-optional1"
            )
            let before = try await RecordService(store: store).record(request, actor: .cli)
            #expect(try before.event.decodePayload(as: ServiceRecorded.self).programVersion == 1)

            let plan = try await ConfigApply.plan(edited.files, county: county, store: store, actor: .cli, at: Date())
            #expect(plan.render(in: .zhHans) == ["~ program ganpu-2021: v1 → v2:新增 ganpu-optional2;修改 ganpu-optional1"])
            let last = try await store.commit(plan.change)
            let event = try #require(try await store.events(after: before.sequence, limit: 10).last)
            #expect(event.sequence == last)
            let payload = try event.event.decodePayload(as: ProgramConfigured.self)
            #expect(payload.version == 2 && payload.previousVersion == 1)
            #expect(payload.added?.map(\.rawValue) == ["ganpu-optional2"])
            #expect(payload.changed?.map(\.rawValue) == ["ganpu-optional1"] && payload.retired == [])

            let again = try await ConfigApply.plan(edited.files, county: county, store: store, actor: .cli, at: Date())
            #expect(again.isEmpty)

            let after = try await RecordService(store: store).record(request, actor: .cli)
            #expect(try after.event.decodePayload(as: ServiceRecorded.self).programVersion == 2)
            let day = try CivilPeriod(
                start: try CivilDate(parsing: "2021-11-20"),
                end: try CivilDate(parsing: "2021-11-20")
            )
            let ids = [before, after].compactMap { try? $0.event.decodePayload(as: ServiceRecorded.self).record }
            let records = try await store.serviceRecords(
                ServiceRecordQuery(scope: .station(try StationID("ganpu")), period: day, limit: 100)
            ).filter { ids.contains($0.id) }
            #expect(records.count == 2)
            #expect(Set(records.compactMap(\.programVersion)) == [1, 2])
        }
    }

    @Test func aDroppedSubProjectIsRetiredNotDeleted() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let built = try await DemoBuilder(recipe: recipe, plugins: BrandCatalog.builtIn).build(into: folder.url)
        let edited = try EditedConfig(editing: "tongyuan") { text in
            text.replacingOccurrences(of: "{ id: tongyuan-optional1,", with: "{ id: tongyuan-optional9,")
        }
        defer { edited.remove() }
        try await built.workspace.withStore { store in
            let plan = try await ConfigApply.plan(
                edited.files,
                county: built.workspace.file.county,
                store: store,
                actor: .cli,
                at: Date()
            )
            try await store.commit(plan.change)
            let program = try #require(try await store.programs(of: try StationID("tongyuan")).first)
            #expect(program.program.version == 2)
            #expect(program.subProjects.first { $0.id.rawValue == "tongyuan-optional1" }?.isRetired == true)
            #expect(program.subProjects.filter { !$0.isRetired }.count == 7)
            #expect(try await store.stationTallies(in: .station(try StationID("tongyuan"))).first?.subProjects == 7)
        }
    }
}
