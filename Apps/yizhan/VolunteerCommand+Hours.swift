import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanKernel
import YizhanReports
import YizhanRuntime

extension VolunteerCommand {
    /// `yizhan volunteer hours [record] | list | show | correct | void`: a volunteer's hours, and
    /// their corrections.
    struct HoursGroup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hours",
            abstract: "志愿服务时长:记录、列出、查看、更正、作废(保留历史) / hours: record, list, show, correct, void",
            discussion: """
                不写子命令即记录时长(同 hours record)。录错的签到、签退时间可以更正,误记的可以作废,原来的
                版本留在历史里;证明、存折与报表只计当前版本。积分随之在同一事务里调整(存折记“时长更正”);
                已兑换掉的积分不倒扣到负数,差额写明为“未能扣回”。理由必填,不进事件。

                Without a subcommand, records hours (as hours record). Wrong times can be corrected and
                a wrong attendance voided; the version before stays in its history, and the points follow.

                示例 / Examples:
                  yizhan volunteer hours ACTIVITY --volunteer V --in "2021-03-05 09:00" --out "2021-03-05 11:30" --code 123456
                  yizhan volunteer hours list V --station baibu
                  yizhan volunteer hours correct HOURS --station baibu --out "2021-03-05 10:30" --reason "签退时间录错"
                  yizhan volunteer hours void HOURS --station baibu --reason "误记,当天未到场"
                """,
            subcommands: [Record.self, List.self, Show.self, Correct.self, VoidHours.self],
            defaultSubcommand: Record.self
        )

        /// `yizhan volunteer hours [record] ACTIVITY --volunteer V …`.
        struct Record: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "记录志愿服务时长(本人签到码或工作人员录入) / record hours by check-in code or staff entry"
            )
            @OptionGroup var options: GlobalOptions
            @Argument(help: "志愿活动标识 / activity id") var activity: String
            @Option(help: "志愿者标识 / volunteer id") var volunteer: String
            @Option(name: .customLong("in"), help: "签到时间 “YYYY-MM-DD HH:MM” / check-in") var checkIn: String
            @Option(name: .customLong("out"), help: "签退时间 “YYYY-MM-DD HH:MM” / check-out") var checkOut: String
            @Option(help: "志愿者本人的签到码 / the volunteer's check-in code") var code: String?
            @Option(help: "录入的社工标识 / the worker entering it") var worker: String?

            func run() async throws {
                try await options.withStore { workspace, store in
                    let (hours, booked) = try await VolunteerWork(store: store, clock: workspace.clock).recordHours(
                        activity: activity,
                        volunteer: volunteer,
                        checkIn: checkIn,
                        checkOut: checkOut,
                        code: code,
                        worker: worker,
                        actor: .commandLineUser
                    )
                    let balance: String
                    if case .booked(let after) = booked { balance = String(after) } else { balance = "—" }
                    Terminal.out(
                        options.language == .zhHans
                            ? "已记录时长 \(hours.id):\(hours.minutes) 分钟(\(hours.method.label(in: .zhHans))),积分余额 \(balance)"
                            : "recorded hours \(hours.id): \(hours.minutes) minutes (\(hours.method.label(in: .en))), points balance \(balance)"
                    )
                }
            }
        }

        /// `yizhan volunteer hours list V --station S`.
        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "列出志愿者在本站的服务时长(当前版本) / list a volunteer's hours at the station"
            )
            @OptionGroup var options: GlobalOptions
            @Argument(help: "志愿者标识 / volunteer id") var volunteer: String
            @Option(help: "社工站标识 / station id") var station: String

            /// One attendance as `--json` prints it.
            struct Line: Encodable {
                var hours: String
                var activity: String
                var date: String
                var checkIn: String
                var checkOut: String
                var minutes: Int
                var method: String
            }

            func run() async throws {
                try await options.withStore { workspace, store in
                    let stationID = try InputError.stationID(station)
                    guard let id = try? VolunteerID(volunteer), let found = try await store.volunteer(id),
                        found.station == stationID
                    else {
                        throw InputError.single(
                            .unknownReference,
                            "volunteer",
                            volunteer,
                            "本站登记的志愿者标识(yizhan volunteer list 可查)",
                            "the id of a volunteer of this station (see yizhan volunteer list)"
                        )
                    }
                    let attendances = try await store.volunteerHours(of: id, at: stationID, in: nil)
                    let lines = attendances.map { attendance in
                        Line(
                            hours: attendance.hours.id.rawValue,
                            activity: attendance.activity.name,
                            date: attendance.activity.heldOn.description,
                            checkIn: Self.clock(attendance.hours.checkIn),
                            checkOut: Self.clock(attendance.hours.checkOut),
                            minutes: attendance.hours.minutes,
                            method: attendance.hours.method.code
                        )
                    }
                    if options.json {
                        try Terminal.json(lines)
                        return
                    }
                    let zh = options.language == .zhHans
                    var table = TextTable(
                        columns: [
                            .init(zh ? "时长编号" : "hours"), .init(zh ? "日期" : "date"), .init(zh ? "活动" : "activity"),
                            .init(zh ? "签到" : "in"), .init(zh ? "签退" : "out"),
                            .init(zh ? "分钟" : "minutes", alignment: .right), .init(zh ? "方式" : "method"),
                        ]
                    )
                    for (line, attendance) in zip(lines, attendances) {
                        table.append([
                            line.hours, line.date, line.activity, line.checkIn, line.checkOut, "\(line.minutes)",
                            attendance.hours.method.label(in: options.language),
                        ])
                    }
                    Terminal.out(table.render())
                    let minutes = lines.map(\.minutes).reduce(0, +)
                    Terminal.out(
                        zh
                            ? "共 \(lines.count) 次,\(minutes) 分钟(已作废的不列出,hours show 可查)"
                            : "\(lines.count) attendances, \(minutes) minutes (voided ones not listed; see hours show)"
                    )
                }
            }

            /// `09:00`, Beijing time.
            static func clock(_ date: Date) -> String { String(date.shanghaiText.dropFirst(11).dropLast(3)) }
        }

        /// `yizhan volunteer hours show HOURS --station S`.
        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "查看一次服务时长及其更正历史 / show an attendance and its history"
            )
            @OptionGroup var options: GlobalOptions
            @Argument(help: "时长编号(hours list 可查) / the attendance's id") var id: String
            @Option(help: "社工站标识 / station id") var station: String

            /// What `--json` prints.
            struct Output: Encodable {
                var hours: VolunteerHours
                var version: Int
                var voided: Bool
                var revisions: [RevisionLine]
            }

            func run() async throws {
                try await options.withStore { workspace, store in
                    let (stored, activity, _) = try await ReviseHours(store: store, clock: workspace.clock)
                        .find(id, station: station)
                    let history: [EntryRevision<VolunteerHours>] = try await store.entryRevisions(of: stored.entry.id)
                    let revisions = history.map { RevisionLine($0) }
                    if options.json {
                        try Terminal.json(
                            Output(
                                hours: stored.entry,
                                version: stored.version,
                                voided: stored.isVoided,
                                revisions: revisions
                            )
                        )
                        return
                    }
                    let hours = stored.entry
                    let language = options.language
                    let rows: [(String, String, String)] = [
                        ("编号", "id", hours.id.rawValue), ("志愿者", "volunteer", hours.volunteer.rawValue),
                        ("活动", "activity", "\(activity.name)(\(activity.heldOn))"),
                        ("签到", "in", List.clock(hours.checkIn)), ("签退", "out", List.clock(hours.checkOut)),
                        ("计入分钟", "minutes", "\(hours.minutes)"), ("方式", "method", hours.method.label(in: language)),
                        ("版本", "version", "\(stored.version)"),
                        ("状态", "state", RevisionHistory.state(voided: stored.isVoided, in: language)),
                    ]
                    Terminal.out(RevisionHistory.render(rows, revisions, in: language))
                }
            }
        }

        /// `yizhan volunteer hours correct HOURS --station S`.
        struct Correct: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "更正一次服务时长的签到、签退时间(保留原版本) / correct an attendance's times",
                discussion: """
                    示例 / Example:
                      yizhan volunteer hours correct HOURS --station baibu --out "2021-03-05 10:30" --reason "签退时间录错"
                    """
            )
            @OptionGroup var options: GlobalOptions
            @Argument(help: "时长编号 / the attendance's id") var id: String
            @Option(help: "社工站标识 / station id") var station: String
            @Option(help: "更正理由(必填,不写姓名、证件号、电话) / why (required)") var reason: String
            @Option(name: .customLong("in"), help: "签到时间 “YYYY-MM-DD HH:MM” / check-in") var checkIn: String?
            @Option(name: .customLong("out"), help: "签退时间 “YYYY-MM-DD HH:MM” / check-out") var checkOut: String?

            func run() async throws {
                try await options.withStore { workspace, store in
                    let outcome = try await ReviseHours(store: store, clock: workspace.clock).correct(
                        id,
                        station: station,
                        with: HoursCorrection(checkIn: checkIn, checkOut: checkOut),
                        reason: reason,
                        actor: .commandLineUser
                    )
                    let revision = outcome.revision
                    if options.json {
                        try Terminal.json(HoursGroup.Outcome(outcome))
                        return
                    }
                    let before = revision.previous.minutes
                    let after = revision.current?.minutes ?? 0
                    Terminal.out(
                        options.language == .zhHans
                            ? "已更正时长 \(id):第 \(revision.version) 版(\(before) → \(after) 分钟);"
                                + HoursGroup.points(outcome.adjustment, in: .zhHans)
                            : "corrected hours \(id): version \(revision.version) (\(before) → \(after) minutes); "
                                + HoursGroup.points(outcome.adjustment, in: .en)
                    )
                }
            }
        }

        /// `yizhan volunteer hours void HOURS --station S`.
        struct VoidHours: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "void",
                abstract: "作废一次服务时长(保留历史,不再计入证明和报表) / void an attendance"
            )
            @OptionGroup var options: GlobalOptions
            @Argument(help: "时长编号 / the attendance's id") var id: String
            @Option(help: "社工站标识 / station id") var station: String
            @Option(help: "作废理由(必填) / why (required)") var reason: String

            func run() async throws {
                try await options.withStore { workspace, store in
                    let outcome = try await ReviseHours(store: store, clock: workspace.clock).void(
                        id,
                        station: station,
                        reason: reason,
                        actor: .commandLineUser
                    )
                    if options.json {
                        try Terminal.json(HoursGroup.Outcome(outcome))
                        return
                    }
                    let revision = outcome.revision
                    Terminal.out(
                        options.language == .zhHans
                            ? "已作废时长 \(id)(第 \(revision.version) 版;不再计入 \(revision.previous.minutes) 分钟);"
                                + HoursGroup.points(outcome.adjustment, in: .zhHans)
                            : "voided hours \(id) (version \(revision.version); \(revision.previous.minutes) minutes no longer counted); "
                                + HoursGroup.points(outcome.adjustment, in: .en)
                    )
                }
            }
        }

        /// A revision as `--json` prints it.
        struct Outcome: Encodable {
            var hours: String
            var version: Int
            var minutes: Int
            var points: Int
            var unrecovered: Int
            var balance: Int

            init(_ outcome: HoursRevisionOutcome) {
                hours = outcome.revision.entry.rawValue
                version = outcome.revision.version
                minutes = outcome.revision.current?.minutes ?? 0
                points = outcome.adjustment.points
                unrecovered = outcome.adjustment.unrecovered
                balance = outcome.adjustment.balance
            }
        }

        /// How the points moved: `积分 -2,余额 5`, with what could not be taken back.
        static func points(_ adjustment: PointsAdjustment, in language: Language) -> String {
            let moved = adjustment.points > 0 ? "+\(adjustment.points)" : "\(adjustment.points)"
            let zh = language == .zhHans
            var text = zh ? "积分 \(moved),余额 \(adjustment.balance)" : "points \(moved), balance \(adjustment.balance)"
            if adjustment.unrecovered > 0 {
                text +=
                    zh
                    ? "(另有 \(adjustment.unrecovered) 分已兑换,未能扣回)"
                    : " (\(adjustment.unrecovered) more were redeemed already and are not taken back)"
            }
            return text
        }
    }
}
