import ArgumentParser
import Foundation
import YizhanApproval
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan approval status | submit | approve | return | unapprove | accept | reopen | history |
/// remind`: a period's figures rise from the station to the county and the city (issue 25).
struct ApprovalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approval",
        abstract: "逐级提交与审核:社工站提交、县级审核、市级接收,提交后该期间数据锁定 / submission and approval",
        discussion: """
            审核流程在模板的 approvals: 下(海盐:haiyan-month 月度台账、haiyan-year 年度报表;温州:
            wenzhou-half-year、wenzhou-year)。状态:未提交 → 已提交(站长)→ 已审核(县级)→ 已接收(市级)。
            退回与重新开放须写原因;已审核在市级接收前可由县级撤销。提交后,该期间的服务记录、捐赠与支出
            不能再录入、更正或导入,直到被退回。每一步以 --as 指明执行的账号(yizhan user add 建立),
            权限按该账号的授权检查:站长 stationHead@站点,县级 countyAdmin@县代码,市级 countyAdmin@市代码。

            Workflows live under a template's approvals:. Each step names the account taking it (--as);
            its grants decide what it may do. Once submitted, the period's records, gifts and expenses
            are locked until the period is returned.

            示例 / Examples:
              yizhan approval status --workflow haiyan-month --period 2021-11
              yizhan approval submit --workflow haiyan-month --period 2021-11 --station baibu --as baibu.head
              yizhan approval return --workflow haiyan-month --period 2021-11 --station baibu \\
                  --reason 11月10日走访时长有误 --as county.admin
              yizhan approval approve --workflow haiyan-month --period 2021-11 --station baibu --as county.admin
              yizhan approval history --workflow haiyan-month --period 2021-11 --station baibu
              yizhan approval remind
            """,
        subcommands: [
            Status.self, Step.Submit.self, Step.Approve.self, Step.Return.self, Step.Unapprove.self,
            Step.Accept.self, Step.Reopen.self, History.self, Remind.self,
        ]
    )

    /// The options every approval command shares.
    struct Common: ParsableArguments {
        @OptionGroup var options: GlobalOptions
        @Option(help: "审核流程(模板 approvals: 的 id) / workflow id") var workflow: String?
        @Option(help: "期间:月 2021-11、半年 2021-H2、年 2021(默认含今天的一期) / period") var period: String?

        var zh: Bool { options.language == .zhHans }

        /// Runs `body` with the use cases, the workflow and the period.
        func run(
            _ body: (ApprovalWork, ApprovalWorkflow, ApprovalPeriod, Workspace, any StationStore) async throws -> Void
        ) async throws {
            try await options.withStore { workspace, store in
                let work = ApprovalWork(
                    store: store,
                    workflows: try ShippedConfig.approvalWorkflows(enabledIn: workspace.file),
                    home: workspace.file.county,
                    clock: workspace.clock
                )
                let flow = try work.workflow(workflow)
                try await body(work, flow, try work.period(period, in: flow), workspace, store)
            }
        }

        /// The principal of the account `login` names, or the operator reading everything.
        ///
        /// - Throws: `ValidationError` for an unknown or disabled account.
        func principal(_ login: String?, in store: any StationStore) async throws -> Principal {
            guard let login else {
                return Principal(actor: .commandLineUser, user: nil, grants: [Grant(role: .viewer, scope: .all)])
            }
            guard let name = LoginName(rawValue: login), let account = try await store.account(login: name),
                !account.isDisabled
            else {
                throw ValidationError(
                    zh
                        ? "没有可用的账号 \(login)(yizhan user list 查看,yizhan user add 新建)"
                        : "no active account \(login) (yizhan user list; yizhan user add)"
                )
            }
            return Principal(account)
        }

        /// How tables name an actor: an account's login (`county.admin`) instead of `user:<id>`.
        func names(in store: any StationStore) async throws -> (Actor?) -> String {
            let logins = Dictionary(
                try await store.accounts().map { ($0.actor, $0.login.rawValue) },
                uniquingKeysWith: { first, _ in first }
            )
            return { actor in actor.map { logins[$0] ?? $0.rawValue } ?? "—" }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "各社工站在该期间的状态 / where each station's period stands"
        )
        @OptionGroup var common: Common
        @Option(help: "以该账号查看(列出其可执行的步骤) / see as this account") var `as`: String?

        /// One station's state, as `--json` prints it.
        struct Line: Encodable {
            var station: String
            var name: String
            var state: ApprovalState
            var version: Int
            var dueOn: String
            var overdue: Bool
            var lastActor: String?
            var lastStepAt: String?
            var digest: String?
            var actions: [ApprovalAction]
        }

        func run() async throws {
            try await common.run { work, workflow, period, _, store in
                let principal = try await common.principal(`as`, in: store)
                let rows = try await work.status(of: workflow, period: period, by: principal)
                let name = try await common.names(in: store)
                let lines = rows.map { row in
                    Line(
                        station: row.station.id.rawValue,
                        name: row.station.name,
                        state: row.approval.state,
                        version: row.approval.version,
                        dueOn: row.dueOn.description,
                        overdue: row.isOverdue,
                        lastActor: row.approval.lastActor.map { name($0) },
                        lastStepAt: row.approval.lastStepAt.map(Terminal.shanghaiTime),
                        digest: row.approval.digest,
                        actions: row.actions
                    )
                }
                if common.options.json { return try Terminal.json(lines) }
                let language = common.options.language
                let zh = common.zh
                Terminal.out(
                    "\(workflow.name)(\(workflow.id))· \(period.label(in: language)) · "
                        + (zh ? "截止 \(workflow.dueDay(of: period))" : "due \(workflow.dueDay(of: period))")
                )
                var table = TextTable(
                    columns: [
                        .init(zh ? "社工站" : "station"), .init(zh ? "状态" : "state"),
                        .init(zh ? "最后一步" : "last step"), .init(zh ? "可执行" : "may do"),
                    ]
                )
                for line in lines {
                    let state = line.state.label(in: language) + (line.overdue ? (zh ? "(逾期)" : " (overdue)") : "")
                    let last = line.lastActor.map { "\($0) \(line.lastStepAt ?? "")" } ?? "—"
                    let actions = line.actions.map { $0.rawValue }.joined(separator: ", ")
                    table.append([line.name, state, last, actions.isEmpty ? "—" : actions])
                }
                Terminal.out(table.render())
                let counts = ApprovalState.allCases.map { state in
                    "\(state.label(in: language)) \(lines.filter { $0.state == state }.count)"
                }
                Terminal.out((zh ? "共 \(lines.count) 站:" : "\(lines.count) stations: ") + counts.joined(separator: ","))
            }
        }
    }

    /// The six steps, each its own subcommand with the same options.
    enum Step {
        /// The options of a step.
        struct Options: ParsableArguments {
            @OptionGroup var common: Common
            @Option(help: "社工站标识 / station id") var station: String
            @Option(help: "执行该步骤的账号登录名 / the account taking the step") var `as`: String
            @Option(help: "原因(退回、重新开放必填,会退给社工站) / reason") var reason: String?

            func take(_ action: ApprovalAction) async throws {
                try await common.run { work, workflow, period, _, store in
                    let principal = try await common.principal(`as`, in: store)
                    let step = try await work.take(
                        action,
                        workflow: workflow,
                        period: period,
                        station: station,
                        reason: reason,
                        by: principal,
                        route: "cli approval \(action.rawValue)"
                    )
                    let language = common.options.language
                    Terminal.out(
                        common.zh
                            ? "\(station) \(period.label(in: .zhHans)) \(workflow.name):\(action.label(in: .zhHans)),"
                                + "\(step.from.label(in: .zhHans)) → \(step.to.label(in: .zhHans))(第 \(step.position + 1) 步)"
                            : "\(station) \(period) \(workflow.id): \(action.label(in: language)), "
                                + "\(step.from.label(in: language)) → \(step.to.label(in: language)) (step \(step.position + 1))"
                    )
                    Terminal.out((common.zh ? "数据摘要 " : "figures digest ") + step.digest)
                }
            }
        }

        struct Submit: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "站长提交该期间 / submit (station head)")
            @OptionGroup var step: Options
            func run() async throws { try await step.take(.submit) }
        }

        struct Approve: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "县级审核通过 / approve (county)")
            @OptionGroup var step: Options
            func run() async throws { try await step.take(.approve) }
        }

        struct Return: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "return",
                abstract: "退回社工站(须写原因) / return to the station, with a reason"
            )
            @OptionGroup var step: Options
            func run() async throws { try await step.take(.return) }
        }

        struct Unapprove: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "县级撤销审核(市级接收前) / unapprove (county)")
            @OptionGroup var step: Options
            func run() async throws { try await step.take(.unapprove) }
        }

        struct Accept: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "市级接收 / accept (city)")
            @OptionGroup var step: Options
            func run() async throws { try await step.take(.accept) }
        }

        struct Reopen: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "市级重新开放已接收的期间(须写原因) / reopen (city), with a reason"
            )
            @OptionGroup var step: Options
            func run() async throws { try await step.take(.reopen) }
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "一个期间的全部步骤与原因 / a period's steps")
        @OptionGroup var common: Common
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "以该账号查看 / see as this account") var `as`: String?

        func run() async throws {
            try await common.run { work, workflow, period, _, store in
                let principal = try await common.principal(`as`, in: store)
                let steps = try await work.history(of: workflow, period: period, station: station, by: principal)
                if common.options.json { return try Terminal.json(steps) }
                let name = try await common.names(in: store)
                let language = common.options.language
                let zh = common.zh
                var table = TextTable(
                    columns: [
                        .init("#", alignment: .right), .init(zh ? "时间" : "when"), .init(zh ? "步骤" : "step"),
                        .init(zh ? "状态" : "state"), .init(zh ? "账号" : "by"), .init(zh ? "原因" : "reason"),
                        .init(zh ? "数据摘要" : "digest"),
                    ]
                )
                for step in steps {
                    table.append([
                        String(step.position + 1), Terminal.shanghaiTime(step.at), step.action.label(in: language),
                        "\(step.from.label(in: language)) → \(step.to.label(in: language))", name(step.actor),
                        step.reason ?? "—", String(step.digest.prefix(12)),
                    ])
                }
                Terminal.out(table.render())
                if steps.isEmpty { Terminal.out(zh ? "该期间尚无任何步骤(未提交)" : "no steps yet (open)") }
            }
        }
    }

    struct Remind: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "截止未提交、提交后逾期未审核的提醒(每日定时运行) / raise the day's reminders"
        )
        @OptionGroup var options: GlobalOptions
        @Option(help: "日期 YYYY-MM-DD(默认工作区的今天) / date") var date: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let day = try date.map { try CivilDate(parsing: $0) } ?? workspace.today
                let events = try await ApprovalReminders.raise(
                    store: store,
                    workflows: try ShippedConfig.approvalWorkflows(enabledIn: workspace.file),
                    county: workspace.file.county,
                    on: day,
                    actor: .commandLineUser,
                    at: Date()
                )
                let zh = options.language == .zhHans
                for event in events {
                    let reminder = try? JSONDecoder().decode(ApprovalReminder.self, from: Data(event.payload.utf8))
                    let what =
                        event.type == .approvalOverdue
                        ? (zh ? "逾期未提交" : "not submitted") : (zh ? "逾期未审核" : "not approved")
                    Terminal.out(
                        "\(event.type.rawValue) \(event.station?.rawValue ?? "") \(reminder?.period ?? "") \(what)"
                    )
                }
                Terminal.out(zh ? "新提醒 \(events.count) 条" : "\(events.count) new reminders")
            }
        }
    }
}
