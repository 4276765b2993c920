import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan group form | session | list | show`: group work (小组) and its attendance.
struct GroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "小组工作:成立小组、记录每节活动的出席 / group work and attendance",
        discussion: """
            小组由本站服务对象组成;每节活动是一条“小组”服务记录,出席的组员即其服务对象,计入服务人次。
            yizhan group show 列出每节的出席与每位组员的出席率(以编号显示,不含姓名)。

            A group's members are clients of the station; each session is a group-session service record
            whose participants are the members present, counted in person-times.

            示例 / Examples:
              yizhan group form --station baibu --name 留守儿童成长小组 --member C1 --member C2 --planned-sessions 6 --date 2021-03-01
              yizhan group session GROUP --date 2021-03-08 --duration 90 --worker baibu-w3 --present C1 --present C2
              yizhan group show GROUP
            """,
        subcommands: [Form.self, Session.self, List.self, Show.self]
    )

    struct Form: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "成立小组 / form a group")
        @OptionGroup var options: GlobalOptions
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "小组名称 / group name") var name: String
        @Option(name: .customLong("member"), help: "组员(服务对象标识),可多次 / member client id (repeatable)")
        var members: [String] = []
        @Option(name: .customLong("planned-sessions"), parsing: .unconditional, help: "计划节数 / planned sessions")
        var plannedSessions: Int?
        @Option(help: "成立日期 YYYY-MM-DD / date formed") var date: String
        @Option(help: "服务项目标识 / program id") var program: String?
        @Option(name: .customLong("sub-project"), help: "子项目标识 / sub-project id") var subProject: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let group = try await GroupWork(store: store, clock: workspace.clock).form(
                    station: station,
                    name: name,
                    members: members,
                    date: date,
                    plannedSessions: plannedSessions,
                    program: program,
                    subProject: subProject,
                    actor: .commandLineUser
                )
                Terminal.out(
                    options.language == .zhHans
                        ? "已成立小组 \(group.id)(\(group.name),组员 \(group.members.count) 人)"
                        : "formed group \(group.id) (\(group.name), \(group.members.count) members)"
                )
            }
        }
    }

    struct Session: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "记录一节小组活动及出席 / record a session")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "小组标识 / group id") var group: String
        @Option(help: "日期 YYYY-MM-DD / date") var date: String
        @Option(parsing: .unconditional, help: "时长(分钟) / minutes") var duration: Int
        @Option(name: .customLong("worker"), help: "带领社工,可多次 / worker id (repeatable)") var workers: [String] = []
        @Option(name: .customLong("present"), help: "出席的组员,可多次 / member present (repeatable)")
        var present: [String] = []

        func run() async throws {
            try await options.withStore { workspace, store in
                let record = try await GroupWork(store: store, clock: workspace.clock).session(
                    of: group,
                    date: date,
                    durationMinutes: duration,
                    workers: workers,
                    present: present,
                    actor: .commandLineUser
                )
                Terminal.out(
                    options.language == .zhHans
                        ? "已记录小组活动 \(record.id)(出席 \(record.personTimes) 人)"
                        : "recorded session \(record.id) (\(record.personTimes) present)"
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出小组 / list groups")
        @OptionGroup var options: GlobalOptions
        @Option(help: "只看该社工站 / only this station") var station: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope = try station.map { .station(try StationID($0)) } ?? .within(workspace.file.county)
                let groups = try await store.groups(in: scope)
                if options.json {
                    try Terminal.json(groups)
                    return
                }
                let zh = options.language == .zhHans
                var table = TextTable(
                    columns: [
                        .init(zh ? "小组" : "group"), .init(zh ? "社工站" : "station"), .init(zh ? "名称" : "name"),
                        .init(zh ? "成立" : "formed"), .init(zh ? "组员" : "members", alignment: .right),
                        .init(zh ? "已开展/计划" : "held/planned", alignment: .right),
                    ]
                )
                for group in groups {
                    let held = try await store.serviceRecords(ServiceRecordQuery(group: group.id, limit: 1_000)).count
                    table.append([
                        group.id.rawValue, group.station.rawValue, group.name, group.formedOn.description,
                        String(group.members.count), "\(held)/\(group.plannedSessions.map(String.init) ?? "—")",
                    ])
                }
                Terminal.out(table.render())
                Terminal.out(zh ? "共 \(groups.count) 个小组" : "\(groups.count) groups")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "查看小组的出席 / show a group's attendance")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "小组标识 / group id") var group: String

        /// The attendance the JSON gives: per session who came, per member how often.
        struct Attendance: Encodable {
            var group: ServiceGroup
            var sessions: [Session]
            var members: [Member]

            struct Session: Encodable {
                var record: String
                var date: String
                var present: [String]
            }

            struct Member: Encodable {
                var client: String
                var attended: Int
                var rate: Double
            }
        }

        func run() async throws {
            try await options.withStore { workspace, store in
                guard let id = try? GroupID(group), let found = try await store.group(id) else {
                    throw InputError(issues: [
                        InputIssue(
                            code: .unknownReference,
                            field: "group",
                            found: group,
                            expected: LocalizedText("已成立的小组标识", en: "the id of a group")
                        )
                    ])
                }
                let sessions = try await store.serviceRecords(ServiceRecordQuery(group: id, limit: 1_000))
                    .sorted { ($0.date, $0.id.rawValue) < ($1.date, $1.id.rawValue) }
                let attendance = Attendance(
                    group: found,
                    sessions: sessions.map {
                        .init(
                            record: $0.id.rawValue,
                            date: $0.date.description,
                            present: $0.participants.clients.map(\.rawValue)
                        )
                    },
                    members: found.members.map { member in
                        let attended = sessions.filter { $0.participants.clients.contains(member) }.count
                        return .init(
                            client: member.rawValue,
                            attended: attended,
                            rate: sessions.isEmpty ? 0 : Double(attended) / Double(sessions.count)
                        )
                    }
                )
                if options.json {
                    try Terminal.json(attendance)
                    return
                }
                let zh = options.language == .zhHans
                Terminal.out(
                    zh
                        ? "\(found.name)(\(found.station),\(found.formedOn) 成立,已开展 \(sessions.count)/\(found.plannedSessions.map(String.init) ?? "—") 节)"
                        : "\(found.name) (\(found.station), formed \(found.formedOn), \(sessions.count)/\(found.plannedSessions.map(String.init) ?? "—") sessions held)"
                )
                var table = TextTable(
                    columns: [.init(zh ? "组员" : "member")]
                        + sessions.map { .init(String($0.date.description.suffix(5))) }
                        + [.init(zh ? "出席率" : "attendance", alignment: .right)]
                )
                for member in attendance.members {
                    let marks = sessions.map {
                        $0.participants.clients.map(\.rawValue).contains(member.client) ? "✓" : "·"
                    }
                    table.append([member.client] + marks + [String(format: "%.0f%%", member.rate * 100)])
                }
                Terminal.out(table.render())
            }
        }
    }
}
