import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan referral add | outcome | list`: referrals (转介) to named agencies and what came of them.
struct ReferralCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referral",
        abstract: "转介:转给哪个机构、结果如何 / referrals to agencies and their outcomes",
        discussion: """
            转介是一条“转介”服务记录(按 record add 的规则检查),另记接收机构和结果。结果只能由
            待反馈 → 已接收 或 未接收,已接收 → 已办结;日期不早于转介日期。

            A referral is a referral service record with the receiving agency and its outcome: pending →
            accepted or declined, accepted → completed, never dated before the referral.

            示例 / Examples:
              yizhan referral add --station baibu --client C --to 县法律援助中心 --date 2021-03-01 --worker baibu-w3
              yizhan referral outcome RECORD --outcome 已接收 --date 2021-03-05
              yizhan referral list --pending
            """,
        subcommands: [Add.self, Outcome.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "转介服务对象 / refer clients to an agency")
        @OptionGroup var options: GlobalOptions
        @Option(help: "社工站标识 / station id") var station: String
        @Option(name: .customLong("client"), help: "服务对象标识,可多次 / client id (repeatable)") var clients: [String] = []
        @Option(help: "接收机构名称 / the receiving agency") var to: String
        @Option(help: "日期 YYYY-MM-DD / date") var date: String
        @Option(name: .customLong("worker"), help: "社工标识,可多次 / worker id (repeatable)") var workers: [String] = []
        @Option(parsing: .unconditional, help: "用时(分钟) / minutes spent") var duration: Int = 30

        func run() async throws {
            try await options.withStore { workspace, store in
                let request = ServiceRecordRequest(
                    station: station,
                    kind: ServiceKind.referral.rawValue,
                    date: date,
                    durationMinutes: duration,
                    workers: workers,
                    clients: clients
                )
                let referral = try await ReferralWork(store: store, clock: workspace.clock).refer(
                    request,
                    to: to,
                    actor: .commandLineUser
                )
                Terminal.out(
                    options.language == .zhHans
                        ? "已转介至\(referral.agency)(转介记录 \(referral.record),待反馈)"
                        : "referred to \(referral.agency) (referral record \(referral.record), pending)"
                )
            }
        }
    }

    struct Outcome: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "记录转介结果 / record a referral's outcome")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "转介记录标识 / the referral's record id") var record: String
        @Option(help: "结果:已接收、未接收、已办结(accepted、declined、completed) / the outcome") var outcome: String
        @Option(help: "日期 YYYY-MM-DD / date") var date: String

        func run() async throws {
            try await options.withStore { workspace, store in
                let referral = try await ReferralWork(store: store, clock: workspace.clock).settle(
                    record,
                    outcome: outcome,
                    date: date,
                    actor: .commandLineUser
                )
                Terminal.out(
                    options.language == .zhHans
                        ? "转介 \(referral.record):\(referral.outcome.label(in: .zhHans))"
                        : "referral \(referral.record): \(referral.outcome.rawValue)"
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出转介 / list referrals")
        @OptionGroup var options: GlobalOptions
        @Option(help: "只看该社工站 / only this station") var station: String?
        @Flag(help: "只列待反馈的 / only pending ones") var pending = false
        @Option(help: "最多列出条数 / at most this many") var limit: Int = 50

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope = try station.map { .station(try StationID($0)) } ?? .within(workspace.file.county)
                let list = try await LimitedList.read(limit: limit) {
                    try await store.referrals(in: scope, pendingOnly: pending, limit: $0)
                }
                let listings = list.items
                if options.json {
                    try Terminal.json(listings)
                    return
                }
                let zh = options.language == .zhHans
                var table = TextTable(
                    columns: [
                        .init(zh ? "转介记录" : "record"), .init(zh ? "社工站" : "station"), .init(zh ? "日期" : "date"),
                        .init(zh ? "接收机构" : "agency"), .init(zh ? "服务对象" : "clients"), .init(zh ? "结果" : "outcome"),
                        .init(zh ? "结果日期" : "outcome date"),
                    ]
                )
                for listing in listings {
                    table.append([
                        listing.referral.record.rawValue, listing.station.rawValue, listing.date.description,
                        listing.referral.agency, listing.clients.map(\.rawValue).joined(separator: "、"),
                        listing.referral.outcome.label(in: options.language),
                        listing.referral.outcomeOn?.description ?? "—",
                    ])
                }
                Terminal.out(table.render())
                Terminal.out(list.summary(("条转介", "referrals"), in: options.language))
            }
        }
    }
}
