public import Foundation
public import Logging
public import YizhanConfig
public import YizhanKernel

/// Builds the demo workspace from a recipe under `config/demo/`: the county's divisions, its
/// stations with their staff and programs, and a deterministic synthetic year of service records.
///
/// The builder writes through the store like any other use case — one change set per batch, each
/// record with its event — and keeps no counters of its own: what the demo prints is queried back.
public struct DemoBuilder: Sendable {
    /// How many records go into one change set.
    public static let batchSize = 500

    /// The recipe file.
    public let recipe: URL
    let logger: Logger

    /// A builder for the recipe at `recipe` (a relative path is taken from the current folder).
    public init(recipe: URL, logger: Logger = Logger(label: "yizhan.demo")) {
        self.recipe = recipe.absoluteURL.standardized
        self.logger = logger
    }

    /// The loaded, cross-checked configuration the demo is built from.
    public struct Plan: Sendable {
        /// The recipe.
        public var demo: DemoFile
        /// The county's divisions.
        public var divisions: DivisionsFile
        /// The station files, in file-name order.
        public var stations: [StationFile]

        /// How many service records the plan generates.
        public var recordCount: Int { stations.count * demo.services.values.reduce(0) { $0 + $1.records } }
    }

    /// Loads the recipe and the files it names, and checks that they fit together.
    ///
    /// - Throws: `ConfigError` naming the file and key of the first problem.
    public func plan() throws -> Plan {
        let demo = try ConfigLoader.load(DemoFile.self, from: recipe, displayPath: Self.display(recipe))
        let folder = recipe.deletingLastPathComponent()
        let divisionsURL = folder.appendingPathComponent(demo.divisions).standardized
        let divisions = try ConfigLoader.load(
            DivisionsFile.self,
            from: divisionsURL,
            displayPath: Self.display(divisionsURL)
        )
        let stationsFolder = folder.appendingPathComponent(demo.stations).standardized
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: stationsFolder.path)
                .filter { $0.hasSuffix(".yaml") }.sorted()
        } catch {
            throw ConfigError(
                code: .unreadable,
                file: Self.display(recipe),
                keyPath: "stations",
                detail: LocalizedText(
                    "无法读取社工站目录 \(stationsFolder.path)",
                    en: "cannot read the stations folder \(stationsFolder.path)"
                )
            )
        }
        let stations = try names.map { name throws(ConfigErrors) in
            let url = stationsFolder.appendingPathComponent(name)
            return try ConfigLoader.load(StationFile.self, from: url, displayPath: Self.display(url))
        }
        let plan = Plan(demo: demo, divisions: divisions, stations: stations)
        try check(plan, stationFiles: names.map { Self.display(stationsFolder.appendingPathComponent($0)) })
        return plan
    }

    private func check(_ plan: Plan, stationFiles: [String]) throws(ConfigError) {
        let file = Self.display(recipe)
        func inconsistent(_ file: String, _ key: String, _ zh: String, _ en: String) -> ConfigError {
            ConfigError(code: .inconsistent, file: file, keyPath: key, detail: LocalizedText(zh, en: en))
        }
        for (kind, volume) in plan.demo.services {
            guard ServiceKind.known.contains(ServiceKind(rawValue: kind)) else {
                throw inconsistent(file, "services.\(kind)", "未知的服务类型", "unknown kind of service")
            }
            for (key, range, least) in [("people", volume.people, 1), ("minutes", volume.minutes, 0)] {
                guard range.count == 2, range[0] >= least, range[0] <= range[1],
                    key != "minutes" || range[1] <= RecordService.maximumDurationMinutes
                else {
                    throw inconsistent(
                        file,
                        "services.\(kind).\(key)",
                        "应为 [最小, 最大],且最小 ≥ \(least)",
                        "expected [least, most] with least ≥ \(least)"
                    )
                }
            }
            guard volume.records >= 0 else {
                throw inconsistent(file, "services.\(kind).records", "记录条数不能为负", "records cannot be negative")
            }
        }
        let townships = Set(plan.divisions.townships.map(\.code))
        guard plan.divisions.townships.allSatisfy({ plan.divisions.county.code.contains($0.code) }) else {
            throw inconsistent(file, "divisions", "有镇(街道)不在该县内", "a township lies outside the county")
        }
        var seen = Set<String>()
        for (station, path) in zip(plan.stations, stationFiles) {
            guard townships.contains(station.township) else {
                throw inconsistent(
                    path,
                    "township",
                    "镇(街道)\(station.township) 不在区划文件中",
                    "township \(station.township) is not in the divisions file"
                )
            }
            let ids =
                [station.id.rawValue] + station.workers.map(\.id.rawValue)
                + station.programs.flatMap { [$0.id.rawValue] + $0.subProjects.map(\.id.rawValue) }
            for id in ids where !seen.insert(id).inserted {
                throw inconsistent(path, "id", "标识 \(id) 重复", "the id \(id) is used twice")
            }
        }
    }

    /// What `build` made: the workspace and the year its records fall in.
    public struct Built: Sendable {
        /// The demo workspace.
        public var workspace: Workspace
        /// The calendar year of the synthetic records.
        public var year: CivilPeriod
    }

    /// Builds the demo into `folder`, replacing an earlier demo there.
    ///
    /// - Parameter progress: called after each batch with (records written, records planned).
    /// - Throws: `RuntimeError` `.occupied` when `folder` holds anything but an earlier demo.
    public func build(
        into folder: URL,
        progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> Built {
        let plan = try plan()
        try clear(folder)
        let workspace = try await Workspace.create(
            at: folder,
            file: WorkspaceFile(
                name: plan.demo.name,
                county: plan.divisions.county.code,
                database: Workspace.defaultDatabase,
                demo: true
            )
        )
        try await workspace.withStore(logger: logger) { store in
            let yearStart = try CivilDate(year: plan.demo.year, month: 1, day: 1)
            try await store.commit(
                DirectoryChange.make(
                    divisions: plan.divisions,
                    stations: plan.stations,
                    actor: .demo,
                    at: Self.instant(of: yearStart, hour: 9)
                )
            )
            let total = plan.recordCount
            var written = 0
            var generator = SplitMix64(seed: plan.demo.seed)
            for file in plan.stations {
                let records = try synthesizeYear(for: file, plan: plan, using: &generator)
                for start in stride(from: 0, to: records.count, by: Self.batchSize) {
                    let batch = records[start..<min(start + Self.batchSize, records.count)]
                    var change = ChangeSet()
                    for (index, record) in batch.enumerated() {
                        let instant = Self.instant(of: record.date, hour: 17).addingTimeInterval(Double(index))
                        change.record(record, at: file.station, by: .demo, at: instant)
                    }
                    try await store.commit(change)
                    written += batch.count
                    progress(written, total)
                }
            }
            logger.info(
                "demo workspace built",
                metadata: [
                    "workspace.path": "\(folder.path)", "demo.stations": "\(plan.stations.count)",
                    "demo.records": "\(written)",
                ]
            )
        }
        return Built(workspace: workspace, year: try CivilPeriod.year(plan.demo.year))
    }

    /// One station's synthetic year, sorted by date.
    private func synthesizeYear(
        for file: StationFile,
        plan: Plan,
        using generator: inout SplitMix64
    ) throws
        -> [ServiceRecord]
    {
        let year = try CivilPeriod.year(plan.demo.year)
        let villages = plan.divisions.townships.first { $0.code == file.township }?.villages.map(\.code) ?? []
        let workers = file.stationWorkers.map(\.id)
        let programs = file.stationPrograms
        var records: [ServiceRecord] = []
        for kind in ServiceKind.known {
            guard let volume = plan.demo.services[kind.rawValue] else { continue }
            for _ in 0..<volume.records {
                let date = year.start.adding(days: generator.uniform(0...(year.dayCount - 1)))
                let people = generator.uniform(volume.people[0]...volume.people[1])
                let minutes = generator.uniform(volume.minutes[0]...volume.minutes[1])
                let village = volume.inVillage == true ? generator.pick(villages) : nil
                let lead = generator.pick(workers)
                let second = generator.uniform(0...2) == 0 ? generator.pick(workers) : nil
                let program = generator.pick(programs)
                let subProject = program.flatMap { generator.pick($0.subProjects) }
                let milliseconds = UInt64(Self.instant(of: date, hour: 12).millisecondsSince1970)
                records.append(
                    ServiceRecord(
                        id: .generate(using: &generator, milliseconds: milliseconds),
                        station: file.id,
                        kind: kind,
                        date: date,
                        durationMinutes: minutes,
                        village: village,
                        workers: Array(Set([lead, second].compactMap { $0 })).sorted(),
                        participants: .headCount(people),
                        program: program?.program.id,
                        programVersion: program?.program.version,
                        subProject: subProject?.id
                    )
                )
            }
        }
        return records.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
    }

    /// Removes an earlier demo from `folder`; refuses a folder with anything else in it.
    private func clear(_ folder: URL) throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: folder.path) else { return }
        let contents = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
        guard !contents.isEmpty else { return }
        let isEarlierDemo = (try? Workspace.open(at: folder))?.file.demo == true
        guard isEarlierDemo else {
            throw RuntimeError(
                code: .occupied,
                detail: LocalizedText(
                    "\(folder.relativePath) 不是空目录,也不是演示工作区;为免覆盖数据,请换一个目录",
                    en:
                        "\(folder.relativePath) is neither empty nor a demo workspace; choose another folder so nothing is overwritten"
                )
            )
        }
        for name in contents where name == Workspace.fileName || name.hasPrefix("yizhan.sqlite") {
            try manager.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// `url`'s path relative to the current folder when it lies below it, else absolute.
    static func display(_ url: URL) -> String {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardized.path + "/"
        let path = url.standardized.path
        return path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path
    }

    /// `hour`:00 in Asia/Shanghai on `date`, as an instant.
    static func instant(of date: CivilDate, hour: Int) -> Date {
        Date(timeIntervalSince1970: Double(date.daysSinceEpoch * 86_400 + (hour - 8) * 3_600))
    }
}
