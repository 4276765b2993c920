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
    /// The brand plugins whose record fields the recipe's `brandFields` may give (the apps pass
    /// `BrandCatalog.builtIn`); a rule for a field none of them registers is refused.
    public let plugins: [any BrandPlugin]
    let logger: Logger

    /// A builder for the recipe at `recipe` (a relative path is taken from the current folder).
    public init(recipe: URL, plugins: [any BrandPlugin] = [], logger: Logger = Logger(label: "yizhan.demo")) {
        self.recipe = recipe.absoluteURL.standardized
        self.plugins = plugins
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
        /// The validated files, as `ConfigApply` takes them.
        public var files: ConfigValidator.Result

        /// The ids of the approval workflows of the templates the demo's stations extend.
        var approvalWorkflows: [String] {
            let templates = Set(stations.compactMap(\.extends))
            var ids: [String] = []
            for template in templates.sorted() {
                for workflow in files.templates[template]?.approvals ?? [] where !ids.contains(workflow.id) {
                    ids.append(workflow.id)
                }
            }
            return ids
        }

        /// How many service records the plan generates.
        public var recordCount: Int { stations.count * demo.services.values.reduce(0) { $0 + $1.records } }
    }

    /// Loads the recipe and validates the files it names (divisions, stations, templates) together.
    ///
    /// - Throws: `ConfigErrors` with every problem found.
    public func plan() throws -> Plan {
        let demo = try ConfigLoader.load(DemoFile.self, from: recipe, displayPath: Self.display(recipe))
        let folder = recipe.deletingLastPathComponent()
        let paths = [demo.divisions, demo.stations] + (demo.templates.map { [$0] } ?? [])
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let files = ConfigValidator.validate(
            paths.map { folder.appendingPathComponent($0).standardized },
            relativeTo: here
        )
        guard files.problems.isEmpty else { throw ConfigErrors(files.problems) }
        guard let divisions = files.divisions.first else {
            throw ConfigErrors([
                ConfigError(
                    code: .missingKey,
                    file: Self.display(recipe),
                    keyPath: "divisions",
                    detail: LocalizedText("配方没有给出区划文件", en: "the recipe names no divisions file")
                )
            ])
        }
        let plan = Plan(demo: demo, divisions: divisions, stations: files.stations, files: files)
        try check(plan)
        let brandProblems = Self.checkBrandFields(
            demo.brandFields ?? [],
            plan: plan,
            plugins: try PluginSetup.registry(plugins)
        )
        guard brandProblems.isEmpty else {
            throw ConfigErrors(
                brandProblems.map {
                    ConfigError(code: .inconsistent, file: Self.display(recipe), keyPath: $0.key, detail: $0.problem)
                }
            )
        }
        return plan
    }

    private func check(_ plan: Plan) throws(ConfigErrors) {
        let file = Self.display(recipe)
        func inconsistent(_ key: String, _ zh: String, _ en: String) -> ConfigErrors {
            ConfigErrors([ConfigError(code: .inconsistent, file: file, keyPath: key, detail: LocalizedText(zh, en: en))]
            )
        }
        for (kind, volume) in plan.demo.services.sorted(by: { $0.key < $1.key }) {
            guard ServiceKind.known.contains(ServiceKind(rawValue: kind)) else {
                throw inconsistent("services.\(kind)", "未知的服务类型", "unknown kind of service")
            }
            for (key, range, least) in [("people", volume.people, 1), ("minutes", volume.minutes, 0)] {
                guard range.count == 2, range[0] >= least, range[0] <= range[1],
                    key != "minutes" || range[1] <= RecordService.maximumDurationMinutes
                else {
                    throw inconsistent(
                        "services.\(kind).\(key)",
                        "应为 [最小, 最大],且最小 ≥ \(least)",
                        "expected [least, most] with least ≥ \(least)"
                    )
                }
            }
        }
        if let staff = plan.demo.staff {
            for (key, range) in [
                ("classHours", staff.classHours), ("minutesPerDay", staff.minutesPerDay),
                ("villagePercent", staff.villagePercent),
            ] where range.count != 2 || range[0] > range[1] {
                throw inconsistent("staff.\(key)", "应为 [最小, 最大]", "expected [least, most]")
            }
        }
        guard plan.divisions.townships.allSatisfy({ plan.divisions.county.code.contains($0.code) }) else {
            throw inconsistent("divisions", "有镇(街道)不在该县内", "a township lies outside the county")
        }
    }

    /// What `build` made: the workspace and the year its records fall in.
    public struct Built: Sendable {
        /// The demo workspace.
        public var workspace: Workspace
        /// The calendar year of the synthetic records.
        public var year: CivilPeriod
        /// The accounts made for the server, with their passwords (to be shown once).
        public var accounts: [DemoAccount]
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
                demo: true,
                asOf: try CivilDate(year: plan.demo.year, month: 12, day: 31),
                approvals: plan.approvalWorkflows,
                retention: plan.demo.retention
            )
        )
        let accounts = try await workspace.withStore(logger: logger) { store in
            let yearStart = try CivilDate(year: plan.demo.year, month: 1, day: 1)
            let configuration = try await ConfigApply.plan(
                plan.files,
                county: plan.divisions.county.code,
                store: store,
                actor: .demo,
                at: Self.instant(of: yearStart, hour: 9)
            )
            try await store.commit(configuration.change)
            let total = plan.recordCount
            var written = 0
            var generator = SplitMix64(seed: plan.demo.seed)
            // The brand plugins' data draws from a generator of its own, so the rest of the demo is
            // the same with or without it.
            var brandGenerator = SplitMix64(seed: plan.demo.seed ^ 0x159_3_1398)
            let brandRules = plan.demo.brandFields ?? []
            let brands = try Self.brandWork(brandRules, plan: plan, using: &brandGenerator)
            if !brands.change.isEmpty { try await store.commit(brands.change) }
            for file in plan.stations {
                var records = try synthesizeYear(for: file, plan: plan, using: &generator)
                Self.applyBrandFields(brandRules, work: brands, station: file.id, to: &records, using: &brandGenerator)
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
            let brandWishes = try Self.brandWishes(brandRules, work: brands, plan: plan, using: &brandGenerator)
            if !brandWishes.isEmpty { try await store.commit(brandWishes) }
            for batch in plan.demo.donations ?? [] {
                guard let file = plan.stations.first(where: { $0.id.rawValue == batch.station }) else { continue }
                var change = ChangeSet()
                for donation in try Self.gifts(of: batch, at: file.station.id, using: &generator) {
                    change.receive(
                        donation,
                        at: file.station,
                        by: .demo,
                        at: Self.instant(of: donation.receivedOn, hour: 20)
                    )
                }
                try await store.commit(change)
            }
            if let recipe = plan.demo.staff {
                let year = try CivilPeriod.year(plan.demo.year)
                for file in plan.stations {
                    let villages =
                        plan.divisions.townships.first { $0.code == file.township }?.villages.map(\.code) ?? []
                    for change in Self.staffYear(
                        of: file,
                        recipe: recipe,
                        villages: villages,
                        year: year,
                        using: &generator
                    ) {
                        try await store.commit(change)
                    }
                }
            }
            if let recipe = plan.demo.volunteering {
                try await Self.buildVolunteering(
                    recipe,
                    plan: plan,
                    vault: try await workspace.vault(for: store),
                    store: store,
                    using: &generator
                )
            }
            if let recipe = plan.demo.funds {
                try await Self.buildFunds(recipe, plan: plan, store: store, using: &generator)
            }
            if let recipe = plan.demo.community {
                try await Self.buildCommunity(recipe, plan: plan, store: store, using: &generator)
            }
            if let recipe = plan.demo.evaluations {
                try await Self.buildEvaluations(
                    recipe,
                    plan: plan,
                    recipeFolder: self.recipe.deletingLastPathComponent(),
                    store: store,
                    using: &generator
                )
            }
            logger.info(
                "demo workspace built",
                metadata: [
                    "workspace.path": "\(folder.path)", "demo.stations": "\(plan.stations.count)",
                    "demo.records": "\(written)",
                ]
            )
            guard let first = plan.stations.first else { return [DemoAccount]() }
            return try await Self.makeAccounts(in: workspace, store: store, station: first.id)
        }
        return Built(workspace: workspace, year: try CivilPeriod.year(plan.demo.year), accounts: accounts)
    }

    /// The gifts of `batch`: `count` of them whose amounts add up to its total to the fen (each at
    /// least 1 fen, the rest shared by random weights), spread over its days and purposes in turn.
    static func gifts(
        of batch: DemoFile.DonationBatch,
        at station: StationID,
        using generator: inout SplitMix64
    ) throws
        -> [Donation]
    {
        let count = Int64(batch.count)
        let each = try batch.each.map { try Fen(parsing: $0).value }
        let total = try each.map { $0 * count } ?? Fen(parsing: batch.total ?? "0").value
        let weights = (0..<batch.count).map { _ in Int64(generator.uniform(200...1_000)) }
        let weightSum = weights.reduce(0, +)
        let shareable = total - count
        var amounts = weights.map { each ?? (1 + shareable * $0 / weightSum) }
        var left = total - amounts.reduce(0, +)
        var index = 0
        while left > 0 {
            amounts[index % amounts.count] += 1
            left -= 1
            index += 1
        }
        let days = batch.to.daysSinceEpoch - batch.from.daysSinceEpoch + 1
        return amounts.enumerated().map { offset, amount in
            let day = CivilDate(daysSinceEpoch: batch.from.daysSinceEpoch + offset % max(1, days))
            let milliseconds = UInt64(Self.instant(of: day, hour: 20).millisecondsSince1970)
            return Donation(
                id: .generate(using: &generator, milliseconds: milliseconds),
                station: station,
                donorKind: batch.donorKind,
                donorName: batch.donorKind == .individual ? nil : batch.donor,
                kind: batch.kind ?? .money,
                amount: Fen(amount),
                goods: batch.goods,
                receivedOn: day,
                purpose: batch.purposes.isEmpty ? nil : batch.purposes[offset % batch.purposes.count],
                channel: batch.channel,
                isMatching: batch.matching ?? false
            )
        }
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
