import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan request add | list | show | accept | start | transfer | send-back | answer | close | rate
/// | reopen | overdue`: residents' requests, complaints and disputes (seed 002 §三: 受理 → 转办 → 反馈 → 督办);
/// a dispute's rounds of mediation are `yizhan dispute`.
struct RequestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "居民诉求:登记 → 受理 → 办理 → 反馈 → 办结,转办、退回、评价、重办、督办 / residents' requests",
        discussion: """
            诉求的分类、时限与办理层级来自 yizhan.yaml 的 requests:(config/requests/ 下的文件),省略时用内置规则
            (联络员 → 网格员 → 社区书记 → 社工站 → 专门机构 → 县级团队)。首问负责:电话、来访与网格巡查由接待的
            工作人员登记(--tier 与 --staff),登记后由其承办,直至转办。办理的每一步由持有该诉求的层级(及人员)完成。
            诉求内容、姓名、电话与每步说明加密保存,事件中只有编号、分类、层级与时间;yizhan request show --reveal
            须写 --reason,并记录一条 personaldata.revealed 事件。
            yizhan request overdue 检查时限(督办):每个超时的时限发出一次 request.overdue,并上升一级
            (request.escalated,可由 yizhan-notify 推送到工作群;适合每小时由 cron 运行)。
            矛盾纠纷(分类为 dispute 的诉求)登记时用 --parties 写当事人(加密保存)、--method 写调处方式;
            调解轮次与化解用 yizhan dispute round|settle 记录。

            Categories, limits and tiers come from requests: in yizhan.yaml (a file of config/requests/), else
            the shipped rules. Whoever takes a call or a visit registers it (--tier, --staff) and holds it until
            it is transferred. What residents write, their name and phone, and every note are sealed; events
            carry ids, categories, tiers and times only. `yizhan request overdue` raises request.overdue once
            per passed limit and moves the request one tier up.

            示例 / Examples:
              yizhan request add --station baibu --village 330424102201 --category ordinary --channel phone \\
                --tier liaison --staff contact:baibu-liaison-1 --description 楼道灯坏了
              yizhan request list --open
              yizhan request accept REQUEST --tier liaison --staff contact:baibu-liaison-1
              yizhan request transfer REQUEST --to gridWorker --tier liaison --staff contact:baibu-liaison-1 --note 需电工
              yizhan request answer REQUEST --tier gridWorker --staff account:wang --note 已修好
              yizhan request rate REQUEST --rating 满意
              yizhan request overdue
            """,
        subcommands: [
            Add.self, List.self, Show.self, Accept.self, Start.self, Transfer.self, SendBack.self, Answer.self,
            Close.self, Rate.self, Reopen.self, Overdue.self,
        ]
    )

    /// The desk over the workspace's store, with its request rules and key.
    static func desk(_ workspace: Workspace, _ store: any StationStore) async throws -> RequestDesk {
        RequestDesk(
            store: store,
            policy: try ShippedConfig.requestPolicy(enabledIn: workspace.file),
            vault: try await workspace.vault(for: store),
            clock: workspace.clock
        )
    }

    /// The member of staff acting.
    struct StaffOptions: ParsableArguments {
        @Option(help: "你所在的层级代码,如 liaison、gridWorker、station / the tier you act for") var tier: String
        @Option(help: "你是谁:account:登录名 或 contact:联系人编号 / who you are") var staff: String

        func actor() throws -> RequestActor {
            guard let assignee = RequestAssignee(staff) else {
                throw InputError.single(
                    .invalidFormat,
                    "staff",
                    staff,
                    "account:登录名、contact:联系人编号 或 agency:机构代码",
                    "account:LOGIN, contact:ID or agency:CODE"
                )
            }
            return .staff(RequestStaff(tier: tier, assignee: assignee))
        }
    }

    /// The request `text` names: its id, or the tracking code a resident reads out, in `scope`.
    static func requestID(_ text: String, _ desk: RequestDesk, in scope: Scope) async throws -> RequestID {
        if let id = try? RequestID(text) { return id }
        if let code = TrackingCode(typed: text) { return try await desk.request(trackedBy: code, in: scope).id }
        throw InputError.single(
            .unknownReference,
            "request",
            text,
            "诉求编号(yizhan request list 可查)",
            "a request's id (see yizhan request list)"
        )
    }

    static func choice<Choice: LabelledChoice>(_ text: String, _ field: String) throws -> Choice {
        if let found = Choice.matching(text) { return found }
        let zh = Choice.allCases.map { "\($0.label(in: .zhHans))(\($0.rawValue))" }.joined(separator: "、")
        throw InputError.single(
            .invalidFormat,
            field,
            text,
            "以下之一:\(zh)",
            "one of: \(Choice.allCases.map(\.rawValue).joined(separator: ", "))"
        )
    }

    /// Takes `action` on the request `id` names for `actor` and prints what it did: every step
    /// command ends here.
    static func take(
        _ action: RequestAction,
        on id: String,
        by actor: RequestActor,
        note: String? = nil,
        options: GlobalOptions
    ) async throws {
        try await options.withStore { workspace, store in
            let desk = try await desk(workspace, store)
            let scope = Scope.within(workspace.file.county)
            let step = try await desk.act(
                action,
                on: try await requestID(id, desk, in: scope),
                by: actor,
                note: note,
                in: scope
            )
            if options.json {
                try Terminal.json(RequestCard(step.request, workflow: desk.workflow))
                return
            }
            Terminal.out(report(step, policy: desk.workflow.policy, in: options.language))
        }
    }

    /// What a step did, in one line.
    static func report(_ step: RequestStep, policy: RequestPolicy, in language: Language) -> String {
        let request = step.request
        let tier = policy.tier(request.holder.tier)?.name ?? request.holder.tier
        let holder = request.holder.assignee.map { "\(tier) \($0)" } ?? tier
        return language == .zhHans
            ? "诉求 \(request.id):\(request.state.label(in: .zhHans)),由\(holder) 承办(第 \(step.position + 1) 步)"
            : "request \(request.id): \(request.state.rawValue), held by \(holder) (step \(step.position + 1))"
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记一件诉求(电话、来访、网格巡查) / register a request")
        @OptionGroup var options: GlobalOptions
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "村(社区)区划代码 / village code") var village: String
        @Option(help: "分类代码,如 ordinary、utility、emergency、complaint、dispute / category") var category: String
        @Option(help: "来源:电话(phone)、来访(visit)、网格巡查(gridPatrol) / channel") var channel: String
        @OptionGroup var staff: StaffOptions
        @Option(help: "诉求内容(加密保存) / what the resident said (sealed)") var description: String
        @Option(help: "居民姓名(可省略,加密保存) / the resident's name") var name: String?
        @Option(help: "居民电话(可省略,加密保存) / their phone") var phone: String?
        @Flag(help: "居民要求匿名 / the resident asked to stay anonymous") var anonymous = false
        @Option(help: "纠纷的当事人(纠纷必填,加密保存) / a dispute's parties (sealed)") var parties: String?
        @Option(help: "纠纷的调处方式:调解、协商、仲裁、转司法(省略为调解) / a dispute's method") var method: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let channel: RequestChannel = try choice(channel, "channel")
                let disputeMethod: DisputeMethod? = try method.map { try choice($0, "method") }
                let contact: PersonalData? =
                    if name != nil || phone != nil {
                        PersonalData(name: name ?? "", phone: try phone.map { try PhoneNumber($0) })
                    } else {
                        nil
                    }
                guard case .staff(let receiver) = try staff.actor() else { return }
                let desk = try await RequestCommand.desk(workspace, store)
                let request = try await desk.file(
                    RequestFiling(
                        station: try InputError.stationID(station),
                        village: try DivisionCode(village),
                        category: category,
                        channel: channel,
                        anonymous: anonymous,
                        receiver: receiver,
                        description: description,
                        contact: contact,
                        parties: parties,
                        method: disputeMethod
                    ),
                    in: .within(workspace.file.county)
                )
                if options.json {
                    try Terminal.json(RequestCard(request, workflow: desk.workflow))
                    return
                }
                let due = desk.workflow.due(.accept, of: request).map(\.shanghaiText) ?? "—"
                Terminal.out(
                    options.language == .zhHans
                        ? "已登记诉求 \(request.id),由 \(receiver.assignee) 承办;受理时限 \(due)"
                        : "registered request \(request.id), held by \(receiver.assignee); accept by \(due)"
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出诉求 / list requests")
        @OptionGroup var options: GlobalOptions
        @Option(help: "只看该社工站 / only this station") var station: String?
        @Flag(help: "只列未办结的 / only those not closed") var open = false
        @Flag(help: "只列已超过时限的 / only those past a limit") var overdue = false

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope =
                    try station.map { .station(try InputError.stationID($0)) } ?? .within(workspace.file.county)
                let workflow = RequestWorkflow(policy: try ShippedConfig.requestPolicy(enabledIn: workspace.file))
                let states: Set<RequestState>? =
                    open || overdue ? [.registered, .accepted, .inProgress, .answered] : nil
                let now = workspace.clock.now()
                let cards = try await store.residentRequests(in: scope, states: states)
                    .map { RequestCard($0, workflow: workflow, at: now) }
                    .filter { !overdue || !$0.late.isEmpty }
                if options.json {
                    try Terminal.json(cards)
                    return
                }
                let zh = options.language == .zhHans
                var table = TextTable(
                    columns: [
                        .init(zh ? "诉求" : "request"), .init(zh ? "社工站" : "station"), .init(zh ? "村(社区)" : "village"),
                        .init(zh ? "分类" : "category"), .init(zh ? "状态" : "state"), .init(zh ? "承办" : "held by"),
                        .init(zh ? "登记" : "filed"), .init(zh ? "下一时限" : "next limit"), .init(zh ? "已超时" : "late"),
                    ]
                )
                for card in cards {
                    table.append([
                        card.id, card.station, card.village, card.categoryName, card.stateName, card.holder,
                        card.filedAt, card.nextDue ?? "—", card.late.joined(separator: "、"),
                    ])
                }
                Terminal.out(table.render())
                Terminal.out(zh ? "共 \(cards.count) 件诉求" : "\(cards.count) requests")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "查看一件诉求及其办理经过 / show a request and its steps",
            discussion: """
                默认不显示诉求内容、姓名、电话和说明;--reveal 显示它们,须用 --reason 说明目的,并记录一条
                personaldata.revealed 事件。
                What the resident wrote, who they are and the notes are shown only with --reveal and --reason,
                which records a personaldata.revealed event.
                """
        )
        @OptionGroup var options: GlobalOptions
        @Argument(help: "诉求编号 / request id") var id: String
        @OptionGroup var revealing: RevealOptions

        func run() async throws {
            try await options.withStore { workspace, store in
                let desk = try await RequestCommand.desk(workspace, store)
                let scope = Scope.within(workspace.file.county)
                let requestID = try await RequestCommand.requestID(id, desk, in: scope)
                let revealed: RevealedRequest? =
                    if let purpose = try revealing.purpose() {
                        try await desk.reveal(requestID, in: scope, purpose: purpose, actor: .commandLineUser)
                    } else {
                        nil
                    }
                let request =
                    if let revealed { revealed.request } else { try await desk.request(requestID, in: scope) }
                let steps = try await store.requestSteps(requestID)
                let card = RequestCard(request, workflow: desk.workflow, at: workspace.clock.now())
                let zh = options.language == .zhHans
                if options.json {
                    try Terminal.json(
                        RequestDetail(
                            request: card,
                            description: revealed?.description,
                            name: revealed?.contact?.name,
                            phone: revealed?.contact?.phone?.rawValue,
                            parties: revealed?.parties,
                            steps: steps.map { step in
                                RequestDetail.Step(
                                    position: step.position,
                                    at: step.at.shanghaiText,
                                    kind: step.kind.rawValue,
                                    actor: step.actor.description,
                                    state: step.request.state.rawValue,
                                    tier: step.request.holder.tier,
                                    note: RequestCard.note(of: step, request: request, revealed: revealed)
                                )
                            }
                        )
                    )
                    return
                }
                Terminal.out(
                    zh
                        ? "诉求 \(card.id)(\(card.station),\(card.village),\(card.categoryName)):\(card.stateName),由\(card.holder) 承办"
                        : "request \(card.id) (\(card.station), \(card.village), \(card.category)): \(card.state), held by \(card.holder)"
                )
                if let revealed {
                    Terminal.out((zh ? "  内容:" : "  said: ") + revealed.description)
                    if let contact = revealed.contact {
                        Terminal.out(
                            (zh ? "  联系人:" : "  contact: ") + contact.name
                                + (contact.phone.map { " \($0.rawValue)" } ?? "")
                        )
                    }
                } else {
                    Terminal.out(
                        zh ? "  内容与联系方式已加密(--reveal --reason 查看)" : "  content sealed (--reveal --reason to see it)"
                    )
                }
                if let dispute = card.dispute {
                    Terminal.out((zh ? "  纠纷:" : "  dispute: ") + dispute.summary(zh: zh))
                    if let parties = revealed?.parties { Terminal.out((zh ? "  当事人:" : "  parties: ") + parties) }
                }
                var table = TextTable(
                    columns: [
                        .init("#", alignment: .right), .init(zh ? "时间(北京)" : "time (Beijing)"),
                        .init(zh ? "步骤" : "step"),
                        .init(zh ? "谁" : "who"), .init(zh ? "状态" : "state"), .init(zh ? "层级" : "tier"),
                        .init(zh ? "说明" : "note"),
                    ]
                )
                for step in steps {
                    table.append([
                        String(step.position + 1), step.at.shanghaiText, RequestCard.stepName(step.kind, zh: zh),
                        step.actor.description, step.request.state.label(in: options.language),
                        desk.workflow.policy.tier(step.request.holder.tier)?.name ?? step.request.holder.tier,
                        RequestCard.note(of: step, request: request, revealed: revealed) ?? "",
                    ])
                }
                Terminal.out(table.render())
            }
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "受理:持有该诉求的层级接下它 / accept a request"
        )
        @OptionGroup var step: StepOptions
        func run() async throws { try await step.take(.accept) }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "开始办理 / start work on it")
        @OptionGroup var step: StepOptions
        func run() async throws { try await step.take(.start) }
    }

    struct SendBack: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "send-back",
            abstract: "退回:把转错的诉求退给转来的一方(受理前) / send a mis-routed request back"
        )
        @OptionGroup var step: StepOptions
        func run() async throws { try await step.take(.sendBack) }
    }

    struct Answer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "反馈:答复居民(答复写在 --note,加密保存) / answer the resident"
        )
        @OptionGroup var step: StepOptions
        func run() async throws { try await step.take(.answer) }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "办结 / close it")
        @OptionGroup var step: StepOptions
        func run() async throws { try await step.take(.close) }
    }

    /// A request, who acts on it, and a note.
    struct StepOptions: ParsableArguments {
        @OptionGroup var options: GlobalOptions
        @Argument(help: "诉求编号 / request id") var id: String
        @OptionGroup var staff: StaffOptions
        @Option(help: "说明(加密保存) / a note (sealed)") var note: String?

        func take(_ action: RequestAction) async throws {
            try await RequestCommand.take(action, on: id, by: try staff.actor(), note: note, options: options)
        }
    }

    struct Transfer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "转办:交给另一层级、人员或专门机构 / hand it to another tier, person or agency"
        )
        @OptionGroup var step: StepOptions
        @Option(help: "接手的层级代码 / the tier it goes to") var to: String
        @Option(help: "接手的人员或机构:account:…、contact:…、agency:…(可省略) / who takes it") var assignee: String?

        func run() async throws {
            let target = try assignee.map { text in
                guard let found = RequestAssignee(text) else {
                    throw InputError.single(
                        .invalidFormat,
                        "assignee",
                        text,
                        "account:登录名、contact:联系人编号 或 agency:机构代码",
                        "account:LOGIN, contact:ID or agency:CODE"
                    )
                }
                return found
            }
            try await step.take(.transfer(to: RequestHolder(tier: to, assignee: target)))
        }
    }

    /// The resident's steps, entered by staff from a call-back (回访).
    struct Rate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "记录居民的评价(回访):满意、基本满意、不满意;不满意且在时限内即重办 / record the resident's rating"
        )
        @OptionGroup var options: GlobalOptions
        @Argument(help: "诉求编号 / request id") var id: String
        @Option(help: "满意、基本满意 或 不满意 / the rating") var rating: String

        func run() async throws {
            try await RequestCommand.take(.rate(try choice(rating, "rating")), on: id, by: .resident, options: options)
        }
    }

    struct Reopen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "居民要求重办(办结后时限内) / the resident reopens it")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "诉求编号 / request id") var id: String

        func run() async throws {
            try await RequestCommand.take(.reopen, on: id, by: .resident, options: options)
        }
    }

    struct Overdue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "督办:为超过时限的诉求发出 request.overdue 并上升一级 / supervise: raise overdue requests"
        )
        @OptionGroup var options: GlobalOptions
        @Option(help: "只看该社工站 / only this station") var station: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope =
                    try station.map { .station(try InputError.stationID($0)) } ?? .within(workspace.file.county)
                let desk = try await RequestCommand.desk(workspace, store)
                let steps = try await desk.supervise(in: scope)
                if options.json {
                    try Terminal.json(steps.map { RequestCard($0.request, workflow: desk.workflow) })
                    return
                }
                for step in steps {
                    Terminal.out(RequestCommand.report(step, policy: desk.workflow.policy, in: options.language))
                }
                Terminal.out(
                    options.language == .zhHans
                        ? "督办 \(steps.count) 件诉求" : "supervised \(steps.count) requests"
                )
            }
        }
    }
}
