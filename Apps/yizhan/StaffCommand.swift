import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan staff list | villages | train | log | liaison`: a station's workers, their training,
/// logged hours and village liaisons (seed 001 §六).
struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "社工队伍:资质与证书、年度培训课时、工作时数(站内/驻村)、定点联系村(社区) / staff",
        discussion: """
            人员及其职业水平证书、证书编号、专业背景写在社工站配置文件的 workers 中(config apply 写入);
            培训、工时与定点联系在这里记录,每一笔都记为事件。温州指引(种子 001 §六)要求每名驻站社工每年
            不少于 40 课时培训、60% 以上工作时数在社区(村)、每个社区(村)至少一名定点联系社工。

            Workers, certificates and degrees come from the station file; training, logged hours and
            liaisons are recorded here, each as an event.

            示例 / Examples:
              yizhan staff list --station baibu --year 2021
              yizhan staff train baibu-w3 --station baibu --date 2021-05-20 --hours 8 --title 个案管理实务 --external
              yizhan staff log baibu-w3 --station baibu --date 2021-05-21 --minutes 240 --village 330424102201
              yizhan staff liaison baibu-w3 --station baibu --village 330424102201 --date 2021-01-04
              yizhan staff villages --station baibu
            """,
        subcommands: [List.self, Villages.self, Train.self, Log.self, Liaison.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "列出社工及其年度培训课时、工时与驻村占比 / list workers with the year's training and hours"
        )
        @OptionGroup var options: GlobalOptions
        @Option(help: "只看该社工站 / only this station") var station: String?
        @Option(help: "年度(默认今年) / year, this year by default") var year: Int?

        /// One worker's year.
        struct Line: Encodable {
            var station: String
            var id: String
            var name: String
            var role: String
            var age: Int?
            var qualification: String?
            var certificateNumber: String?
            var socialWorkDegree: Bool
            var trainingClassHours: Int
            var stationMinutes: Int
            var villageMinutes: Int
            var villagePercent: Int?
            var liaisonVillages: [String]
        }

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope = try station.map { .station(try StationID($0)) } ?? .within(workspace.file.county)
                let year = year ?? workspace.today.year
                let period = try CivilPeriod.year(year)
                let totals = try await store.staffTotals(in: scope, period: period)
                let liaisons = try await store.liaisons(in: scope).filter {
                    $0.isActive(on: min(period.end, workspace.today))
                }
                var workers: [WorkerID: Worker] = [:]
                for stationID in Set(totals.map(\.station)) {
                    for worker in try await store.workers(of: stationID) { workers[worker.id] = worker }
                }
                let lines = totals.map { total in
                    let worker = workers[total.worker]
                    return Line(
                        station: total.station.rawValue,
                        id: total.worker.rawValue,
                        name: worker?.name ?? "—",
                        role: worker?.role.label(in: options.language) ?? "—",
                        age: worker?.age(on: period.end),
                        qualification: worker?.qualification?.label(in: options.language),
                        certificateNumber: worker?.certificateNumber,
                        socialWorkDegree: worker?.hasSocialWorkDegree ?? false,
                        trainingClassHours: total.classHours,
                        stationMinutes: total.stationMinutes,
                        villageMinutes: total.villageMinutes,
                        villagePercent: total.totalMinutes == 0 ? nil : total.villageMinutes * 100 / total.totalMinutes,
                        liaisonVillages: liaisons.filter { $0.worker == total.worker }.map(\.village.rawValue)
                    )
                }
                if options.json {
                    try Terminal.json(lines)
                    return
                }
                let zh = options.language == .zhHans
                var table = TextTable(
                    columns: [
                        .init(zh ? "社工站" : "station"), .init(zh ? "标识" : "id"), .init(zh ? "姓名" : "name"),
                        .init(zh ? "岗位" : "role"), .init(zh ? "年龄" : "age", alignment: .right),
                        .init(zh ? "证书" : "certificate"), .init(zh ? "证书编号" : "number"),
                        .init(zh ? "专业" : "degree"), .init(zh ? "培训课时" : "training", alignment: .right),
                        .init(zh ? "工时" : "hours", alignment: .right),
                        .init(zh ? "驻村占比" : "in villages", alignment: .right),
                        .init(zh ? "定点联系" : "liaison of"),
                    ]
                )
                for line in lines {
                    table.append([
                        line.station, line.id, line.name, line.role, line.age.map(String.init) ?? "—",
                        line.qualification ?? "—", line.certificateNumber ?? "—",
                        line.socialWorkDegree ? (zh ? "社工相关" : "yes") : "—", String(line.trainingClassHours),
                        Self.hours(line.stationMinutes + line.villageMinutes),
                        line.villagePercent.map { "\($0)%" } ?? "—",
                        line.liaisonVillages.isEmpty ? "—" : line.liaisonVillages.joined(separator: ","),
                    ])
                }
                Terminal.out(table.render())
                Terminal.out(zh ? "\(year) 年,共 \(lines.count) 名社工" : "\(year): \(lines.count) workers")
            }
        }

        static func hours(_ minutes: Int) -> String {
            minutes % 60 == 0 ? String(minutes / 60) : String(format: "%.1f", Double(minutes) / 60)
        }
    }

    struct Villages: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "各村(社区)的定点联系社工,未落实的标“无” / each village's liaisons, “无” where none"
        )
        @OptionGroup var options: GlobalOptions
        @Option(help: "社工站标识 / station id") var station: String

        /// One village and its liaisons today.
        struct Line: Encodable {
            var village: String
            var name: String
            var kind: String?
            var liaisons: [String]
        }

        func run() async throws {
            try await options.withStore { workspace, store in
                guard let id = try? StationID(station), let found = try await store.station(id) else {
                    throw InputError(issues: [
                        InputIssue(
                            code: .unknownReference,
                            field: "station",
                            found: station,
                            expected: LocalizedText("已登记的社工站标识", en: "the id of a registered station")
                        )
                    ])
                }
                let today = workspace.today
                let liaisons = try await store.liaisons(in: .station(id)).filter { $0.isActive(on: today) }
                let villages = try await store.orgUnits(within: found.orgUnit).filter { $0.level == .village }
                let lines = villages.map { village in
                    Line(
                        village: village.code.rawValue,
                        name: village.name,
                        kind: village.code.communityKind?.label(in: options.language),
                        liaisons: liaisons.filter { $0.village == village.code }.map(\.worker.rawValue)
                    )
                }
                if options.json {
                    try Terminal.json(lines)
                    return
                }
                let zh = options.language == .zhHans
                var table = TextTable(
                    columns: [
                        .init(zh ? "区划代码" : "code"), .init(zh ? "村(社区)" : "village"), .init(zh ? "类型" : "kind"),
                        .init(zh ? "定点联系社工" : "liaisons"),
                    ]
                )
                for line in lines {
                    table.append([
                        line.village, line.name, line.kind ?? "—",
                        line.liaisons.isEmpty ? (zh ? "无" : "none") : line.liaisons.joined(separator: ","),
                    ])
                }
                Terminal.out(table.render())
                let missing = lines.filter(\.liaisons.isEmpty).count
                Terminal.out(
                    zh
                        ? "共 \(lines.count) 个村(社区),\(missing) 个尚无定点联系社工"
                        : "\(lines.count) villages, \(missing) without a liaison"
                )
            }
        }
    }

    struct Train: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "记录一次培训 / record training")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "社工标识 / worker id") var worker: String
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "日期 YYYY-MM-DD / date") var date: String
        @Option(parsing: .unconditional, help: "课时 / class hours") var hours: Int
        @Option(help: "培训名称 / course title") var title: String
        @Flag(help: "外部培训(默认内部) / given outside the station") var external = false

        func run() async throws {
            try await options.withStore { workspace, store in
                let record = try await StaffWork(store: store, clock: workspace.clock).train(
                    worker: worker,
                    station: station,
                    date: date,
                    classHours: hours,
                    title: title,
                    isExternal: external,
                    actor: .commandLineUser
                )
                let year = try CivilPeriod.year(record.on.year)
                let total = try await store.staffTotals(in: .station(record.station), period: year).first {
                    $0.worker == record.worker
                }
                let sum = total?.classHours ?? record.classHours
                Terminal.out(
                    options.language == .zhHans
                        ? "已记录培训 \(record.classHours) 课时;\(record.worker) \(record.on.year) 年累计 \(sum) 课时"
                        : "recorded \(record.classHours) class hours; \(record.worker) has \(sum) in \(record.on.year)"
                )
            }
        }
    }

    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "记录工作时数 / log hours worked")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "社工标识 / worker id") var worker: String
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "日期 YYYY-MM-DD / date") var date: String
        @Option(parsing: .unconditional, help: "分钟数 / minutes") var minutes: Int
        @Option(help: "在该村(社区)工作,填区划代码;不填即站内 / village code; omit for the station") var village: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let log = try await StaffWork(store: store, clock: workspace.clock).log(
                    worker: worker,
                    station: station,
                    date: date,
                    minutes: minutes,
                    village: village,
                    actor: .commandLineUser
                )
                let place = log.place.village?.rawValue ?? (options.language == .zhHans ? "站内" : "the station")
                Terminal.out(
                    options.language == .zhHans
                        ? "已记录 \(log.on) 在 \(place) 工作 \(log.minutes) 分钟"
                        : "logged \(log.minutes) minutes at \(place) on \(log.on)"
                )
            }
        }
    }

    struct Liaison: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "指定或结束定点联系村(社区) / designate a village liaison, or end it"
        )
        @OptionGroup var options: GlobalOptions
        @Argument(help: "社工标识 / worker id") var worker: String
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "村(社区)区划代码 / village code") var village: String
        @Option(help: "起始(或结束)日期,默认今天 / first (or last) day, today by default") var date: String?
        @Flag(help: "结束定点联系 / end the assignment") var end = false

        func run() async throws {
            try await options.withStore { workspace, store in
                let liaison = try await StaffWork(store: store, clock: workspace.clock).liaison(
                    worker: worker,
                    station: station,
                    village: village,
                    on: date ?? workspace.today.description,
                    ending: end,
                    actor: .commandLineUser
                )
                let zh = options.language == .zhHans
                if let until = liaison.until {
                    Terminal.out(
                        zh
                            ? "\(liaison.worker) 对 \(liaison.village) 的定点联系已于 \(until) 结束"
                            : "\(liaison.worker) is liaison of \(liaison.village) until \(until)"
                    )
                } else {
                    Terminal.out(
                        zh
                            ? "\(liaison.worker) 自 \(liaison.since) 起定点联系 \(liaison.village)"
                            : "\(liaison.worker) is liaison of \(liaison.village) from \(liaison.since)"
                    )
                }
            }
        }
    }
}
