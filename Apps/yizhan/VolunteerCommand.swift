import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanPrivacy
import YizhanReports
import YizhanRuntime

/// `yizhan volunteer add | list`: the station's volunteer registry under real names, kept sealed.
struct VolunteerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "volunteer",
        abstract: "志愿者实名登记(加密保存,脱敏显示) / volunteers, registered under real names",
        discussion: """
            姓名、身份证号、电话与服务对象一样加密保存、脱敏显示;同一身份证号不能重复登记为志愿者。
            名册可用 yizhan import volunteers 导入,yizhan export volunteers 导出。

            示例 / Examples:
              yizhan volunteer add --station baibu --name 陈志愿 --id-number 330424199001010018 --village 330424102201
              yizhan volunteer list --station baibu
              yizhan volunteer activity --station baibu --name 敬老院助餐 --date 2021-03-05 --cap-hours 3
              yizhan volunteer hours ACTIVITY --volunteer V --in "2021-03-05 09:00" --out "2021-03-05 11:30" --code 123456
              yizhan volunteer hours correct HOURS --station baibu --out "2021-03-05 10:30" --reason "签退时间录错"
              yizhan volunteer redeem V --item rice-5kg --key 兑换单-0001 --date 2021-03-06
              yizhan volunteer passbook V
              yizhan volunteer certificate V --station baibu --from 2021-01-01 --to 2021-12-31
            """,
        subcommands: [
            Add.self, List.self, Team.self, Activity.self, HoursGroup.self, Passbook.self, Redeem.self, Expire.self,
            Certificate.self, Erase.self,
        ]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记志愿者 / register a volunteer")
        @OptionGroup var options: GlobalOptions
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "姓名 / name") var name: String
        @Option(name: .customLong("id-number"), help: "身份证号 / resident ID number") var idNumber: String?
        @Option(help: "电话 / phone") var phone: String?
        @Option(help: "村(社区)区划代码 / village code") var village: String?
        @Option(name: .customLong("registered-on"), help: "登记日期(默认今天) / registration day") var registeredOn: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let volunteer = try await RegisterVolunteer(
                    store: store,
                    vault: try await workspace.vault(for: store),
                    clock: workspace.clock
                )
                .register(
                    VolunteerRequest(
                        station: station,
                        name: name,
                        idNumber: idNumber,
                        phone: phone,
                        village: village,
                        registeredOn: registeredOn
                    ),
                    actor: .commandLineUser
                )
                let code = volunteer.checkInCode ?? "—"
                Terminal.out(
                    options.language == .zhHans
                        ? "已登记志愿者 \(volunteer.id)(签到码 \(code),请交本人保管)"
                        : "registered volunteer \(volunteer.id) (check-in code \(code): give it to them)"
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出志愿者(脱敏) / list volunteers, masked")
        @OptionGroup var options: GlobalOptions
        @Option(help: "只看该社工站 / only this station") var station: String?
        @Option(help: "最多列出条数 / at most this many") var limit: Int = 50

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope = try station.map { .station(try StationID($0)) } ?? .within(workspace.file.county)
                let vault = try await workspace.vault(for: store)
                let list = try await LimitedList.read(limit: limit) { try await store.volunteers(in: scope, limit: $0) }
                let lines = list.items.map { VolunteerCard(masking: $0, opening: vault) }
                if options.json {
                    try Terminal.json(lines)
                    return
                }
                let zh = options.language == .zhHans
                var table = TextTable(
                    columns: [
                        .init(zh ? "标识" : "id"), .init(zh ? "社工站" : "station"), .init(zh ? "村(社区)" : "village"),
                        .init(zh ? "姓名" : "name"), .init(zh ? "身份证号" : "ID number"), .init(zh ? "电话" : "phone"),
                        .init(zh ? "登记日期" : "registered"),
                    ]
                )
                for line in lines {
                    table.append([
                        line.id, line.station, line.village ?? "—", line.name, line.idNumber ?? "—", line.phone ?? "—",
                        line.registeredOn,
                    ])
                }
                Terminal.out(table.render())
                Terminal.out(list.summary(("名志愿者", "volunteers"), note: ("(已脱敏)", " (masked)"), in: options.language))
            }
        }
    }

    struct Team: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "志愿服务队:成立(--name)或加入已有的队(--team) / form a team or add to one",
            discussion: """
                示例 / Examples:
                  yizhan volunteer team --station baibu --name 巾帼志愿服务队 --volunteer V1 --volunteer V2
                  yizhan volunteer team --station baibu --team TEAM --volunteer V3
                  yizhan volunteer team --station baibu --list
                """
        )
        @OptionGroup var options: GlobalOptions
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "新服务队的名称 / a new team's name") var name: String?
        @Option(help: "已有服务队的标识 / an existing team") var team: String?
        @Option(name: .customLong("volunteer"), help: "志愿者标识,可多次 / volunteer id (repeatable)") var volunteers:
            [String] = []
        @Flag(help: "列出本站的服务队 / list the station's teams") var list = false

        func run() async throws {
            try await options.withStore { workspace, store in
                let zh = options.language == .zhHans
                if list {
                    let teams = try await store.volunteerTeams(in: .station(try StationID(station)))
                    if options.json {
                        try Terminal.json(teams)
                        return
                    }
                    var table = TextTable(
                        columns: [
                            .init(zh ? "服务队" : "team"), .init(zh ? "名称" : "name"),
                            .init(zh ? "人数" : "members", alignment: .right),
                        ]
                    )
                    for team in teams { table.append([team.id.rawValue, team.name, String(team.members.count)]) }
                    Terminal.out(table.render())
                    Terminal.out(zh ? "共 \(teams.count) 支服务队" : "\(teams.count) teams")
                    return
                }
                let formed = try await VolunteerWork(store: store, clock: workspace.clock).team(
                    team,
                    station: station,
                    name: name,
                    members: volunteers,
                    actor: .commandLineUser
                )
                Terminal.out(
                    zh
                        ? "服务队 \(formed.id)(\(formed.name)):\(formed.members.count) 人"
                        : "team \(formed.id) (\(formed.name)): \(formed.members.count) members"
                )
            }
        }
    }

    struct Activity: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "安排志愿活动 / schedule a volunteer activity")
        @OptionGroup var options: GlobalOptions
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "活动名称 / name") var name: String
        @Option(help: "日期 YYYY-MM-DD / date") var date: String
        @Option(name: .customLong("cap-hours"), help: "每人最多计入的小时数 / most hours credited per volunteer")
        var capHours: Double?

        func run() async throws {
            try await options.withStore { workspace, store in
                let activity = try await VolunteerWork(store: store, clock: workspace.clock).schedule(
                    station: station,
                    name: name,
                    date: date,
                    capMinutes: capHours.map { Int(($0 * 60).rounded()) },
                    actor: .commandLineUser
                )
                Terminal.out(
                    options.language == .zhHans ? "已安排志愿活动 \(activity.id)" : "scheduled activity \(activity.id)"
                )
            }
        }
    }

    struct Passbook: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "志愿者积分存折明细 / a volunteer's passbook statement")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "志愿者标识 / volunteer id") var volunteer: String

        /// One line of the statement.
        struct Line: Encodable {
            var date: String
            var kind: String
            var points: Int
            var balance: Int
            var reference: String?
        }

        func run() async throws {
            try await options.withStore { workspace, store in
                guard let id = try? VolunteerID(volunteer), try await store.volunteer(id) != nil else {
                    throw InputError(issues: [
                        InputIssue(
                            code: .unknownReference,
                            field: "volunteer",
                            found: volunteer,
                            expected: LocalizedText("已登记的志愿者标识", en: "the id of a volunteer")
                        )
                    ])
                }
                var balance = 0
                let lines = try await store.passbook(of: id).map { entry in
                    balance += entry.points
                    return Line(
                        date: entry.on.description,
                        kind: entry.kind.rawValue,
                        points: entry.points,
                        balance: balance,
                        reference: entry.reference
                    )
                }
                if options.json {
                    try Terminal.json(lines)
                    return
                }
                let zh = options.language == .zhHans
                var table = TextTable(
                    columns: [
                        .init(zh ? "日期" : "date"), .init(zh ? "摘要" : "entry"),
                        .init(zh ? "积分" : "points", alignment: .right), .init(zh ? "余额" : "balance", alignment: .right),
                    ]
                )
                for line in lines {
                    let kind = PassbookEntryKind(rawValue: line.kind)?.label(in: options.language) ?? line.kind
                    table.append([
                        line.date, kind, line.points > 0 ? "+\(line.points)" : String(line.points),
                        String(line.balance),
                    ])
                }
                Terminal.out(table.render())
                Terminal.out(zh ? "余额 \(balance) 分" : "balance \(balance) points")
            }
        }
    }

    struct Redeem: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "用积分兑换物品 / redeem points for an item")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "志愿者标识 / volunteer id") var volunteer: String
        @Option(help: "兑换目录中的物品(标识或名称) / catalogue item") var item: String
        @Option(help: "兑换单号:重试时用同一单号不会重复扣分 / receipt number (makes retries harmless)") var key: String
        @Option(help: "日期 YYYY-MM-DD / date") var date: String

        func run() async throws {
            try await options.withStore { workspace, store in
                let outcome = try await VolunteerWork(store: store, clock: workspace.clock).redeem(
                    volunteer: volunteer,
                    item: item,
                    key: key,
                    date: date,
                    actor: .commandLineUser
                )
                let zh = options.language == .zhHans
                switch outcome {
                case .booked(let balance):
                    Terminal.out(zh ? "已兑换,积分余额 \(balance)" : "redeemed; points balance \(balance)")
                case .alreadyBooked:
                    Terminal.out(
                        zh ? "兑换单 \(key) 此前已兑换,未重复扣分" : "receipt \(key) was redeemed before; nothing taken again"
                    )
                case .insufficient(let balance):
                    throw InputError(issues: [
                        InputIssue(
                            code: .conflict,
                            field: "item",
                            found: item,
                            expected: LocalizedText(
                                "余额足够的物品(余额 \(balance) 分,未兑换)",
                                en: "an item the balance covers (it is \(balance); nothing redeemed)"
                            )
                        )
                    ])
                }
            }
        }
    }

    struct Expire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "按本站有效期让过期积分失效(宜每天运行) / let lapsed points expire (run daily)"
        )
        @OptionGroup var options: GlobalOptions
        @Option(help: "社工站标识 / station id") var station: String
        @Option(name: .customLong("as-of"), help: "按该日计算(默认工作区的今天) / as of this day (the workspace's today by default)")
        var asOf: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let day =
                    try asOf.map { try CivilDate(parsing: $0) }
                    ?? workspace.today
                let work = VolunteerWork(store: store, clock: workspace.clock)
                var lapsed = 0
                for volunteer in try await store.volunteers(in: .station(try StationID(station)), limit: Int.max) {
                    if case .booked = try await work.expire(
                        volunteer: volunteer.id.rawValue,
                        asOf: day,
                        actor: .commandLineUser
                    ) {
                        lapsed += 1
                    }
                }
                Terminal.out(
                    options.language == .zhHans
                        ? "\(lapsed) 名志愿者有积分过期(按 \(day) 计)" : "\(lapsed) volunteers had points lapse (as of \(day))"
                )
            }
        }
    }

    struct Certificate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "开具志愿服务记录证明(谁记录谁证明) / a volunteer service record certificate"
        )
        @OptionGroup var options: GlobalOptions
        @Argument(help: "志愿者标识 / volunteer id") var volunteer: String
        @Option(help: "开具证明的社工站(只计入本站记录的时长) / the certifying station") var station: String
        @Option(help: "起始日期 YYYY-MM-DD / from") var from: String
        @Option(help: "截止日期 YYYY-MM-DD / to") var to: String

        func run() async throws {
            try await options.withStore { workspace, store in
                guard let id = try? VolunteerID(volunteer), let person = try await store.volunteer(id),
                    let certifier = try await store.station(try StationID(station))
                else {
                    throw InputError(issues: [
                        InputIssue(
                            code: .unknownReference,
                            field: "volunteer",
                            found: volunteer,
                            expected: LocalizedText("已登记的志愿者与社工站", en: "a registered volunteer and station")
                        )
                    ])
                }
                let period = try CivilPeriod(start: try CivilDate(parsing: from), end: try CivilDate(parsing: to))
                let attendances = try await store.volunteerHours(of: id, at: certifier.id, in: period)
                // The certificate names the person: that is a reveal, recorded before it is shown.
                let data = try await RevealClient(
                    store: store,
                    vault: try await workspace.vault(for: store),
                    clock: workspace.clock
                ).revealAll(
                    [person],
                    in: .station(certifier.id),
                    purpose: .certificate,
                    actor: .commandLineUser
                )[id]
                let minutes = attendances.map(\.hours.minutes).reduce(0, +)
                let zh = options.language == .zhHans
                Terminal.out(zh ? "志愿服务记录证明" : "Volunteer service record certificate")
                Terminal.out("")
                Terminal.out(
                    zh
                        ? "兹证明 \(data?.name ?? "—")(身份证号 \(data?.idNumber?.masked ?? "—"))于 \(period.start) 至 \(period.end) 在\(certifier.name)参加志愿服务 \(attendances.count) 次,累计 \(Self.hours(minutes)) 小时。"
                        : "\(data?.name ?? "—") (ID \(data?.idNumber?.masked ?? "—")) served \(attendances.count) times with \(certifier.name) from \(period.start) to \(period.end): \(Self.hours(minutes)) hours in all."
                )
                var table = TextTable(
                    columns: [
                        .init(zh ? "日期" : "date"), .init(zh ? "活动" : "activity"),
                        .init(zh ? "时长(小时)" : "hours", alignment: .right), .init(zh ? "记录方式" : "recorded by"),
                    ]
                )
                for attendance in attendances {
                    table.append([
                        attendance.activity.heldOn.description, attendance.activity.name,
                        Self.hours(attendance.hours.minutes), attendance.hours.method.label(in: options.language),
                    ])
                }
                Terminal.out(table.render())
                Terminal.out(
                    zh
                        ? "证明单位:\(certifier.name)(谁记录谁证明)"
                        : "Certified by \(certifier.name), which recorded these hours."
                )
            }
        }

        /// Minutes as hours with up to two decimals: 150 → 2.5.
        static func hours(_ minutes: Int) -> String {
            let value = Double(minutes) / 60
            return value == value.rounded()
                ? String(Int(value))
                : String(format: "%.2f", value).replacingOccurrences(of: "0$", with: "", options: .regularExpression)
        }
    }
}
