import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan retention`: who is past the retention period `yizhan.yaml` sets, and their erasure.
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "个人信息保存期限:到期名单与删除 / personal data past its retention period",
        discussion: """
            yizhan.yaml 的 retention: 规定最后一次活动满几年后删除个人信息(个人信息保护法第十九条、第四十七条):
              retention: { clients: 3, volunteers: 5 }
            服务对象在个案全部结束后、从最后一次服务或个案环节算起;志愿者从最后一次服务时长、积分或登记算起。
            先用 due 列出到期名单,核对后用 erase --confirm 人数 删除;删除只去掉姓名、身份证号与电话,
            服务记录与统计不变,每人记一条 personaldata.erased 事件(yizhan audit 可查)。
            retention: in yizhan.yaml sets the years after which personal data is erased.
            List who is due, then erase them with --confirm and the count the list printed.
            """,
        subcommands: [Due.self, Erase.self]
    )

    /// The workspace's policy, or an error saying how to set one.
    static func policy(of workspace: Workspace) throws -> RetentionPolicy {
        guard let policy = workspace.file.retention, !policy.isEmpty else {
            throw InputError.single(
                .missing,
                "retention",
                "",
                "yizhan.yaml 中的保存期限,如 retention: { clients: 3, volunteers: 5 }(单位:年)",
                "a retention period in yizhan.yaml, e.g. retention: { clients: 3, volunteers: 5 } (years)"
            )
        }
        return policy
    }

    /// The scope asked for: one station of the county, or the whole county.
    static func scope(_ station: String?, of workspace: Workspace) throws -> Scope {
        try station.map { .station(try StationID($0)) } ?? .within(workspace.file.county)
    }

    /// `yizhan retention due`.
    struct Due: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "due",
            abstract: "列出个人信息已到保存期限的人 / list who is past the retention period",
            discussion: """
                只列编号、社工站与日期,不显示姓名。--on 预览某一天到期的名单(不删除任何人)。
                Lists ids, stations and dates, never names; --on previews the list on a later day.

                示例 / Example:
                  yizhan retention due --workspace yizhan-demo --on 2025-06-30
                """
        )

        @OptionGroup var options: GlobalOptions

        @Option(help: "按这一天计算(预览),YYYY-MM-DD;默认今天 / count as of this day (a preview)")
        var on: String?

        @Option(help: "只列这个社工站的 / only this station's")
        var station: String?

        @Option(help: "最多列出几人 / list at most this many")
        var limit = 20

        func run() async throws {
            try await options.withStore { workspace, store in
                let policy = try RetentionCommand.policy(of: workspace)
                let day = try on.map { try CivilDate(parsing: $0) } ?? workspace.today
                let scope = try RetentionCommand.scope(station, of: workspace)
                let due = try await ReviewRetention(store: store, clock: WorkClock(today: day))
                    .due(in: scope, policy: policy)
                if options.json { return try Terminal.json(due.map(DueRow.init)) }
                Terminal.out(
                    Self.text(due, policy: policy, on: day, isToday: day == workspace.today, limit: limit, options)
                )
            }
        }

        static func text(
            _ due: [ReviewRetention.Due],
            policy: RetentionPolicy,
            on day: CivilDate,
            isToday: Bool,
            limit: Int,
            _ options: GlobalOptions
        ) -> String {
            let zh = options.language == .zhHans
            let clients = due.count { if case .client = $0.activity.person { true } else { false } }
            func years(_ value: Int?) -> String {
                value.map { zh ? "\($0) 年" : "\($0) years" } ?? (zh ? "不限" : "none")
            }
            var lines = [
                zh
                    ? "保存期限:服务对象 \(years(policy.clients)),志愿者 \(years(policy.volunteers))(yizhan.yaml retention:)"
                    : "retention: clients \(years(policy.clients)), volunteers \(years(policy.volunteers))",
                zh
                    ? "截至 \(day) 到期:服务对象 \(clients) 人,志愿者 \(due.count - clients) 人"
                    : "due by \(day): \(clients) clients, \(due.count - clients) volunteers",
            ]
            guard !due.isEmpty else { return lines.joined(separator: "\n") }
            let list = LimitedList(first: limit, of: due)
            var table = TextTable(
                columns: (zh
                    ? ["类别", "标识", "社工站", "最后活动", "到期日"] : ["kind", "id", "station", "last active", "due on"])
                    .map { TextTable.Column($0) }
            )
            for entry in list.items {
                table.append([
                    entry.activity.person.kindLabel(in: options.language), entry.activity.person.rawID,
                    entry.activity.station.rawValue, entry.activity.lastKnownDay?.description ?? "", "\(entry.dueOn)",
                ])
            }
            lines.append(table.render())
            lines.append(list.summary(("人", "people"), in: options.language))
            if isToday {
                lines.append(
                    zh
                        ? "核对后删除:yizhan retention erase --confirm \(due.count)"
                        : "to erase them once reviewed: yizhan retention erase --confirm \(due.count)"
                )
            }
            return lines.joined(separator: "\n")
        }
    }

    /// `yizhan retention erase`.
    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "erase",
            abstract: "删除已到期者的个人信息 / erase the data of everyone past the period",
            discussion: """
                --confirm 给出 due 列出的人数:人数不符(名单已变)时不删除任何人。全部在一个事务中完成。
                --confirm takes the count due printed; if the list changed since, nobody is erased.

                示例 / Example:
                  yizhan retention erase --workspace yizhan-demo --confirm 12
                """
        )

        @OptionGroup var options: GlobalOptions

        @Option(help: "核对过的到期人数 / the number of people due, as reviewed")
        var confirm: Int

        @Option(help: "只删这个社工站的 / only this station's")
        var station: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let policy = try RetentionCommand.policy(of: workspace)
                let erased = try await ReviewRetention(store: store, clock: workspace.clock).erase(
                    in: try RetentionCommand.scope(station, of: workspace),
                    policy: policy,
                    confirmed: confirm,
                    actor: .commandLineUser
                )
                Terminal.out(
                    options.language == .zhHans
                        ? "已删除 \(erased.count) 人的个人信息(理由:保存期满);服务历史保留,只剩编号"
                        : "erased the personal data of \(erased.count) people (retentionExpired); the history stays"
                )
            }
        }
    }

    /// One row of `due --json`.
    struct DueRow: Encodable {
        var kind: String
        var id: String
        var station: String
        var lastActive: String?
        var dueOn: String

        init(_ due: ReviewRetention.Due) {
            kind = due.activity.person.kindLabel(in: .en)
            id = due.activity.person.rawID
            station = due.activity.station.rawValue
            lastActive = due.activity.lastKnownDay?.description
            dueOn = due.dueOn.description
        }
    }
}
