import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanCompliance
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan eval open | score | submit | show | list | rectify | done | remind`: mid-term and final
/// evaluations against an indicator scheme (seed 001 §八), and the year's reminders.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "中期、末期评估:开启、评分(自评与第三方分开)、提交冻结、整改与提醒 / evaluations",
        discussion: """
            指标体系与年度日程在 config/evaluations/ 下(默认 wenzhou-2021:项目管理、服务绩效、经费使用,
            种子 001 §八)。带度量的指标据数据计分,其余由自评与第三方分别打分;提交时全部人工指标须有两种
            评分,据数据的得分按提交日计算,之后成绩冻结。整改事项有责任社工与期限,到期未完成记
            rectification.due;截止日前按 noticeDays 记 deadline.approaching(eval remind,可由定时任务每日运行)。

            Indicator schemes and the year's deadlines live under config/evaluations/. Indicators with a
            metric are scored from data; the others by the station (self) and the third party apart. On
            submission the scores are frozen. `eval remind` raises deadline.approaching and
            rectification.due; run it daily (cron).

            示例 / Examples:
              yizhan eval open --station qinshan --period midTerm --date 2021-07-01
              yizhan eval score EVAL-ID --indicator records --self 9 --third-party 8.5
              yizhan eval submit EVAL-ID --date 2021-07-20
              yizhan eval rectify EVAL-ID --item 为示例社区08指定定点联系社工 --owner qinshan-w1 --due 2021-09-30
              yizhan eval done RECT-ID --date 2021-09-15
              yizhan eval show EVAL-ID
              yizhan eval list --year 2021
              yizhan eval remind
            """,
        subcommands: [Open.self, Score.self, Submit.self, Show.self, List.self, Rectify.self, Done.self, Remind.self]
    )

    /// The options every evaluation command shares.
    struct Common: ParsableArguments {
        @OptionGroup var options: GlobalOptions
        @Option(help: "评估方案(config/evaluations/ 下的文件名) / indicator scheme") var scheme = "wenzhou-2021"
        @Option(help: "日期 YYYY-MM-DD(默认工作区的今天) / date, the workspace's today by default") var date: String?

        /// Runs `body` with the scheme's use cases and the day.
        func run(_ body: (EvaluationWork, Workspace, CivilDate) async throws -> Void) async throws {
            try await options.withStore { workspace, store in
                let file = try ShippedConfig.scheme(id: scheme)
                let day = try date.map { try CivilDate(parsing: $0) } ?? workspace.today
                try await body(
                    EvaluationWork(store: store, scheme: file, actor: .commandLineUser, clock: workspace.clock),
                    workspace,
                    day
                )
            }
        }

        var zh: Bool { options.language == .zhHans }
    }

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "开启一次评估 / open an evaluation")
        @OptionGroup var common: Common
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "midTerm(中期)或 final(末期) / period") var period: String

        func run() async throws {
            try await common.run { work, _, day in
                let evaluation = try await work.open(station: station, period: period, on: day, at: Date())
                Terminal.out(
                    common.zh
                        ? "已开启\(evaluation.period.label(in: .zhHans)):\(evaluation.id)(\(station),\(evaluation.year) 年)"
                        : "opened the \(evaluation.period.label(in: .en)) evaluation \(evaluation.id)"
                )
            }
        }
    }

    struct Score: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "为一项指标评分 / score an indicator")
        @OptionGroup var common: Common
        @Argument(help: "评估编号 / evaluation id") var evaluation: String
        @Option(help: "指标标识 / indicator id") var indicator: String
        @Option(name: .customLong("self"), parsing: .unconditional, help: "自评分 / self-assessment points")
        var selfPoints: String?
        @Option(name: .customLong("third-party"), parsing: .unconditional, help: "第三方评分 / third-party points")
        var thirdParty: String?
        @Option(help: "评语 / note") var note: String?

        func run() async throws {
            try await common.run { work, _, _ in
                var points: [Assessor: String] = [:]
                points[.selfAssessment] = selfPoints
                points[.thirdParty] = thirdParty
                let scores = try await work.score(
                    evaluation: evaluation,
                    indicator: indicator,
                    points: points,
                    note: note,
                    at: Date()
                )
                for score in scores {
                    Terminal.out(
                        common.zh
                            ? "\(indicator) \(score.assessor.label(in: .zhHans)) \(score.points) 分"
                            : "\(indicator) \(score.assessor.label(in: .en)) \(score.points) points"
                    )
                }
            }
        }
    }

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "提交并冻结成绩 / submit and freeze")
        @OptionGroup var common: Common
        @Argument(help: "评估编号 / evaluation id") var evaluation: String

        func run() async throws {
            try await common.run { work, _, day in
                let submitted = try await work.submit(evaluation, on: day, at: Date())
                let total = work.scheme.totalPoints
                Terminal.out(
                    common.zh
                        ? "已提交 \(submitted.id):自评 \(submitted.selfTotal ?? .zero)/\(total) 分,第三方 \(submitted.thirdPartyTotal ?? .zero)/\(total) 分;成绩已冻结"
                        : "submitted \(submitted.id): self \(submitted.selfTotal ?? .zero)/\(total), third party \(submitted.thirdPartyTotal ?? .zero)/\(total); frozen"
                )
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "查看评估的指标与得分 / show an evaluation")
        @OptionGroup var common: Common
        @Argument(help: "评估编号 / evaluation id") var evaluation: String

        func run() async throws {
            try await common.run { work, _, day in
                let sheet = try await work.sheet(evaluation, on: day)
                let language = common.options.language
                let zh = common.zh
                let state =
                    sheet.evaluation.submittedOn.map { zh ? "已提交 \($0)(冻结)" : "submitted \($0) (frozen)" }
                    ?? (zh ? "进行中(据数据得分按 \(day) 计算)" : "open (data scores as of \(day))")
                Terminal.out(
                    "\(sheet.evaluation.station) \(sheet.evaluation.year) \(sheet.evaluation.period.label(in: language)) · \(work.scheme.name) · \(state)"
                )
                var table = TextTable(
                    columns: [
                        .init(zh ? "指标" : "indicator"), .init(zh ? "分值" : "points", alignment: .right),
                        .init(zh ? "自评" : "self", alignment: .right),
                        .init(zh ? "第三方" : "third party", alignment: .right), .init(zh ? "计分" : "scored by"),
                    ]
                )
                for group in work.scheme.indicators {
                    table.append([group.name, String(group.points), "", "", ""])
                    for indicator in group.indicators {
                        let scoredBy =
                            indicator.metric.map { metric in
                                let value = sheet.measured[indicator.id].map { " = \($0)" } ?? ""
                                return (zh ? "数据 " : "data ") + metric + value
                            } ?? (zh ? "人工" : "by hand")
                        table.append([
                            "  " + indicator.name, String(indicator.points),
                            sheet.points(indicator, by: .selfAssessment)?.description ?? "—",
                            sheet.points(indicator, by: .thirdParty)?.description ?? "—", scoredBy,
                        ])
                    }
                }
                table.append([
                    zh ? "合计" : "total", String(work.scheme.totalPoints),
                    sheet.total(by: .selfAssessment, in: work.scheme).description,
                    sheet.total(by: .thirdParty, in: work.scheme).description, "",
                ])
                Terminal.out(table.render())
                for item in sheet.rectifications {
                    let status = item.doneOn.map { zh ? "已于 \($0) 完成" : "done \($0)" } ?? (zh ? "未完成" : "open")
                    Terminal.out(
                        zh
                            ? "整改 \(item.id):\(item.item)(责任人 \(item.owner),期限 \(item.dueOn),\(status))"
                            : "rectification \(item.id): \(item.item) (owner \(item.owner), due \(item.dueOn), \(status))"
                    )
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出评估 / list evaluations")
        @OptionGroup var options: GlobalOptions
        @Option(help: "只看该社工站 / only this station") var station: String?
        @Option(help: "年度 / year") var year: Int?

        /// One evaluation, as `--json` prints it.
        struct Line: Encodable {
            var id: String
            var station: String
            var year: Int
            var period: String
            var scheme: String
            var openedOn: String
            var submittedOn: String?
            var selfTotal: String?
            var thirdPartyTotal: String?
        }

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope =
                    try station.map { .station(try InputError.stationID($0)) } ?? .within(workspace.file.county)
                let lines = try await store.evaluations(in: scope, year: year).map {
                    Line(
                        id: $0.id.rawValue,
                        station: $0.station.rawValue,
                        year: $0.year,
                        period: $0.period.rawValue,
                        scheme: $0.scheme,
                        openedOn: $0.openedOn.description,
                        submittedOn: $0.submittedOn?.description,
                        selfTotal: $0.selfTotal?.description,
                        thirdPartyTotal: $0.thirdPartyTotal?.description
                    )
                }
                if options.json { return try Terminal.json(lines) }
                let zh = options.language == .zhHans
                var table = TextTable(
                    columns: [
                        .init(zh ? "编号" : "id"), .init(zh ? "社工站" : "station"), .init(zh ? "年度" : "year"),
                        .init(zh ? "评估" : "period"), .init(zh ? "开启" : "opened"), .init(zh ? "提交" : "submitted"),
                        .init(zh ? "自评" : "self", alignment: .right),
                        .init(zh ? "第三方" : "third party", alignment: .right),
                    ]
                )
                for line in lines {
                    table.append([
                        line.id, line.station, String(line.year),
                        EvaluationPeriod(rawValue: line.period)?.label(in: options.language) ?? line.period,
                        line.openedOn, line.submittedOn ?? (zh ? "进行中" : "open"), line.selfTotal ?? "—",
                        line.thirdPartyTotal ?? "—",
                    ])
                }
                Terminal.out(table.render())
                Terminal.out(zh ? "共 \(lines.count) 次评估" : "\(lines.count) evaluations")
            }
        }
    }

    struct Rectify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "提出整改事项 / raise a rectification item")
        @OptionGroup var common: Common
        @Argument(help: "评估编号 / evaluation id") var evaluation: String
        @Option(help: "整改事项 / what must be put right") var item: String
        @Option(help: "责任社工标识 / the worker responsible") var owner: String
        @Option(help: "期限 YYYY-MM-DD / due date") var due: String
        @Option(help: "所涉指标 / the indicator it concerns") var indicator: String?

        func run() async throws {
            try await common.run { work, _, day in
                let raised = try await work.rectify(
                    evaluation: evaluation,
                    item: item,
                    owner: owner,
                    due: due,
                    indicator: indicator,
                    on: day,
                    at: Date()
                )
                Terminal.out(
                    common.zh
                        ? "已提出整改 \(raised.id):责任人 \(raised.owner),期限 \(raised.dueOn)"
                        : "raised \(raised.id): owner \(raised.owner), due \(raised.dueOn)"
                )
            }
        }
    }

    struct Done: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "整改完成 / mark an item done")
        @OptionGroup var common: Common
        @Argument(help: "整改事项编号 / rectification id") var rectification: String

        func run() async throws {
            try await common.run { work, _, day in
                let item = try await work.complete(rectification, on: day, at: Date())
                Terminal.out(common.zh ? "整改 \(item.id) 已于 \(day) 完成" : "\(item.id) done \(day)")
            }
        }
    }

    struct Remind: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "记录到期提醒:deadline.approaching 与 rectification.due / raise the day's reminders"
        )
        @OptionGroup var common: Common

        func run() async throws {
            try await common.run { work, workspace, day in
                let raised = try await Reminders.raise(
                    store: work.store,
                    scheme: work.scheme,
                    county: workspace.file.county,
                    on: day,
                    actor: .commandLineUser,
                    at: Date()
                )
                for event in raised {
                    Terminal.out(
                        "\(event.type.rawValue) \(event.station?.rawValue ?? event.orgUnit.rawValue) \(event.payload)"
                    )
                }
                Terminal.out(common.zh ? "\(day):记录提醒 \(raised.count) 条" : "\(day): \(raised.count) reminders raised")
            }
        }
    }
}
