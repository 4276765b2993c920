import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan case open | move | list | show | overdue`: case work (个案) through its stages.
struct CaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "个案:接案 → 预估 → 计划 → 介入 → 评估 → 结案(另有转介、中止) / case work",
        discussion: """
            每个阶段有日期和负责社工;只允许上述顺序的转移(评估可退回介入,任一进行中阶段可转介或中止)。
            某阶段停留超过模板 caseStageDays 规定的天数即为逾期:yizhan case overdue 为每个逾期阶段发出
            一次 case.overdue 事件(可由 yizhan-notify 推送到工作群;适合每天由 cron 运行)。

            Each stage is dated and owned by a worker; only the stage machine's moves are allowed. A case
            is overdue when a stage lasts longer than its template's caseStageDays; `yizhan case overdue`
            raises case.overdue once per overdue stage (run it daily from cron).

            示例 / Examples:
              yizhan case open --station baibu --client C --worker baibu-w3 --date 2021-03-01
              yizhan case move CASE --to 预估 --date 2021-03-05 --worker baibu-w3
              yizhan case list --station baibu --open
              yizhan case overdue --as-of 2021-06-30
            """,
        subcommands: [Open.self, Move.self, List.self, Show.self, Overdue.self]
    )

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "接案 / open a case at intake")
        @OptionGroup var options: GlobalOptions
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "服务对象标识 / client id") var client: String
        @Option(help: "接案社工标识 / worker id") var worker: String
        @Option(help: "接案日期 YYYY-MM-DD(默认今天) / date") var date: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let (file, stored) = try await CaseWork(store: store, clock: workspace.clock).open(
                    station: station,
                    client: client,
                    worker: worker,
                    date: date ?? workspace.today.description,
                    actor: .commandLineUser
                )
                Terminal.out(
                    options.language == .zhHans
                        ? "已接案 \(file.id)(事件 #\(stored.sequence))"
                        : "opened case \(file.id) (event #\(stored.sequence))"
                )
            }
        }
    }

    struct Move: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "转到下一阶段 / move a case to a stage")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "个案标识 / case id") var id: String
        @Option(help: "目标阶段:预估、计划、介入、评估、结案、转介、中止(或英文代码) / the stage") var to: String
        @Option(help: "负责社工标识 / worker id") var worker: String
        @Option(help: "日期 YYYY-MM-DD(默认今天) / date") var date: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let (file, stored) = try await CaseWork(store: store, clock: workspace.clock).move(
                    id,
                    to: to,
                    date: date ?? workspace.today.description,
                    worker: worker,
                    actor: .commandLineUser
                )
                let stage = file.stage.label(in: options.language)
                Terminal.out(
                    options.language == .zhHans
                        ? "个案 \(file.id) 已转到\(stage)(事件 #\(stored.sequence))"
                        : "case \(file.id) moved to \(stage) (event #\(stored.sequence))"
                )
            }
        }
    }

    /// One case as `list` and `show` print it (ids, stages and dates: no personal data).
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出个案 / list cases")
        @OptionGroup var options: GlobalOptions
        @Option(help: "只看该社工站 / only this station") var station: String?
        @Flag(help: "只列进行中的个案 / only open cases") var open = false
        @Flag(help: "只列逾期的个案 / only overdue cases") var overdue = false
        @Option(
            name: .customLong("as-of"),
            help: "按该日判断逾期(默认工作区的今天) / judge overdue on this date (the workspace's today by default)"
        ) var asOf: String?
        @Option(help: "最多列出条数 / at most this many") var limit: Int = 100

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope = try station.map { .station(try StationID($0)) } ?? .within(workspace.file.county)
                let day =
                    try asOf.map { try CivilDate(parsing: $0) }
                    ?? workspace.today
                let stations = Dictionary(
                    try await store.stations(in: scope).map { ($0.id, $0) },
                    uniquingKeysWith: { first, _ in first }
                )
                let files = try await store.caseFiles(in: scope, openOnly: open || overdue, limit: max(1, limit))
                let views = files.map { CaseCard($0, station: stations[$0.station], on: day) }.filter {
                    !overdue || $0.overdue
                }
                if options.json {
                    try Terminal.json(views)
                    return
                }
                let zh = options.language == .zhHans
                var table = TextTable(
                    columns: [
                        .init(zh ? "个案" : "case"), .init(zh ? "社工站" : "station"), .init(zh ? "服务对象" : "client"),
                        .init(zh ? "阶段" : "stage"), .init(zh ? "始于" : "since"),
                        .init(zh ? "天数" : "days", alignment: .right), .init(zh ? "时限" : "limit", alignment: .right),
                        .init(zh ? "逾期" : "overdue"),
                    ]
                )
                for (file, view) in zip(files.filter { file in views.contains { $0.id == file.id.rawValue } }, views) {
                    table.append([
                        view.id, view.station, view.client, file.stage.label(in: options.language), view.since,
                        String(view.days), view.limit.map(String.init) ?? "—", view.overdue ? (zh ? "是" : "yes") : "",
                    ])
                }
                Terminal.out(table.render())
                Terminal.out(zh ? "共 \(views.count) 个个案(按 \(day) 计)" : "\(views.count) cases (as of \(day))")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "查看个案及其各阶段 / show a case and its stages")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "个案标识 / case id") var id: String

        func run() async throws {
            try await options.withStore { workspace, store in
                guard let caseID = try? CaseID(id), let file = try await store.caseFile(caseID) else {
                    throw InputError(issues: [
                        InputIssue(
                            code: .unknownReference,
                            field: "case",
                            found: id,
                            expected: LocalizedText("已开的个案标识", en: "the id of a case")
                        )
                    ])
                }
                let today = workspace.today
                let view = CaseCard(file, station: try await store.station(file.station), on: today)
                if options.json {
                    try Terminal.json(view)
                    return
                }
                let zh = options.language == .zhHans
                Terminal.out(
                    zh
                        ? "个案 \(view.id)(\(view.station),服务对象 \(view.client)):\(file.stage.label(in: .zhHans))"
                        : "case \(view.id) (\(view.station), client \(view.client)): \(file.stage.rawValue)"
                )
                var table = TextTable(
                    columns: [.init(zh ? "阶段" : "stage"), .init(zh ? "始于" : "since"), .init(zh ? "负责社工" : "worker")]
                )
                for entry in file.history {
                    table.append([
                        entry.stage.label(in: options.language), entry.since.description, entry.worker.rawValue,
                    ])
                }
                Terminal.out(table.render())
            }
        }
    }

    struct Overdue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "为逾期的个案发出 case.overdue 事件(每个阶段一次) / raise case.overdue for overdue cases"
        )
        @OptionGroup var options: GlobalOptions
        @Option(help: "只看该社工站 / only this station") var station: String?
        @Option(
            name: .customLong("as-of"),
            help: "按该日判断(默认工作区的今天) / judge on this date (the workspace's today by default)"
        ) var asOf: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope = try station.map { .station(try StationID($0)) } ?? .within(workspace.file.county)
                let day = try asOf.map { try CivilDate(parsing: $0) }
                let announced = try await CaseWork(store: store, clock: workspace.clock).announceOverdue(
                    in: scope,
                    on: day,
                    actor: .commandLineUser
                )
                if options.json {
                    try Terminal.json(announced)
                    return
                }
                let zh = options.language == .zhHans
                for notice in announced {
                    Terminal.out(
                        zh
                            ? "个案 \(notice.case)(\(notice.station))在\(notice.stage.label(in: .zhHans))已 \(notice.days) 天,时限 \(notice.limit) 天"
                            : "case \(notice.case) (\(notice.station)) has been at \(notice.stage.rawValue) for \(notice.days) days; the limit is \(notice.limit)"
                    )
                }
                Terminal.out(
                    zh ? "发出 \(announced.count) 条 case.overdue 事件" : "raised \(announced.count) case.overdue events"
                )
            }
        }
    }
}
