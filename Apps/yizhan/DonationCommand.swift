import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanLedger
import YizhanReports
import YizhanRuntime

/// `yizhan donation add | list | show | correct | void`: gifts of money and goods a station receives.
struct DonationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "donation",
        abstract: "慈善资源:捐赠(资金或物资,按捐赠方类型) / donations",
        discussion: """
            个人(公众)捐赠不记姓名;基金会、企业、基金记单位名称。金额按元填写,以分保存。整批捐赠
            (如 99公益日 导出的明细)用 yizhan import donations 导入。

            Individual donors stay anonymous; organisations are named. Whole ledgers (a 99公益日 export)
            go in with yizhan import donations.

            示例 / Examples:
              yizhan donation add --station xitangqiao --donor-kind foundation --donor 浙江省妇女儿童基金会 \\
                --kind goods --goods 爱心物资 --amount 20000 --date 2021-09-09 --purpose 暖心365计划 --matching
              yizhan donation list --station xitangqiao
              yizhan donation list --station xitangqiao --gifts --limit 5
              yizhan donation correct GIFT --station xitangqiao --amount 12.50 --reason "金额录错"
            """,
        subcommands: [Add.self, List.self, Show.self, Correct.self, VoidGift.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记一笔捐赠 / record a gift")
        @OptionGroup var options: GlobalOptions
        @Option(help: "社工站标识 / station id") var station: String
        @Option(name: .customLong("donor-kind"), help: "基金会、企业、个人、基金 / donor kind") var donorKind: String
        @Option(help: "捐赠单位(个人不记姓名) / donor organisation") var donor: String?
        @Option(help: "资金(默认)或物资 / money or goods") var kind: String = "money"
        @Option(help: "物资名称 / goods") var goods: String?
        @Option(parsing: .unconditional, help: "金额或价值(元) / amount in yuan") var amount: String
        @Option(help: "日期 YYYY-MM-DD / date") var date: String
        @Option(help: "项目或用途 / purpose") var purpose: String?
        @Option(help: "渠道 / channel") var channel: String?
        @Flag(help: "配捐 / a matching gift") var matching = false

        func run() async throws {
            try await options.withStore { workspace, store in
                let request = DonationRequest(
                    date: date,
                    amount: amount,
                    donorKind: donorKind,
                    donor: donor ?? "",
                    kind: kind,
                    goods: goods ?? "",
                    purpose: purpose ?? "",
                    channel: channel ?? "",
                    isMatching: matching
                )
                let donation = try await ReceiveDonation(store: store, clock: workspace.clock)
                    .receive(request, station: station, actor: .commandLineUser)
                Terminal.out(
                    options.language == .zhHans
                        ? "已登记捐赠 \(donation.id)(\(donation.amount))"
                        : "recorded gift \(donation.id) (\(donation.amount))"
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "按站、渠道、项目汇总捐赠 / totals of gifts")
        @OptionGroup var options: GlobalOptions
        @Option(help: "只看该社工站 / only this station") var station: String?
        @Option(help: "起始日期 YYYY-MM-DD / from") var from: String?
        @Option(help: "截止日期 YYYY-MM-DD / to") var to: String?
        @Flag(help: "逐笔列出(新的在前,含编号),不汇总 / list each gift, newest first, with its id") var gifts = false
        @Option(help: "逐笔列出时最多显示几笔 / at most this many gifts with --gifts") var limit = 50

        /// One line of totals.
        struct Line: Encodable {
            var station: String
            var channel: String
            var purpose: String
            var donorKind: String
            var kind: String
            var matching: Bool
            var gifts: Int
            var totalFen: Int64
        }

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope = try station.map { .station(try StationID($0)) } ?? .within(workspace.file.county)
                var period: CivilPeriod?
                if from != nil || to != nil {
                    let start = try from.map { try CivilDate(parsing: $0) } ?? CivilDate(year: 1000, month: 1, day: 1)
                    let end = try to.map { try CivilDate(parsing: $0) } ?? CivilDate(year: 9999, month: 12, day: 31)
                    period = try CivilPeriod(start: start, end: end)
                }
                let gifts = try await store.donations(in: scope, period: period)
                if self.gifts {
                    try printEach(gifts)
                    return
                }
                var totals: [String: Line] = [:]
                for gift in gifts {
                    let key = [
                        gift.station.rawValue, gift.channel ?? "", gift.purpose ?? "", gift.donorKind.rawValue,
                        gift.kind.rawValue, String(gift.isMatching),
                    ].joined(separator: "|")
                    var line =
                        totals[key]
                        ?? Line(
                            station: gift.station.rawValue,
                            channel: gift.channel ?? "",
                            purpose: gift.purpose ?? "",
                            donorKind: gift.donorKind.rawValue,
                            kind: gift.kind.rawValue,
                            matching: gift.isMatching,
                            gifts: 0,
                            totalFen: 0
                        )
                    line.gifts += 1
                    line.totalFen += gift.amount.value
                    totals[key] = line
                }
                let lines = totals.values.sorted {
                    ($0.station, $0.channel, $0.purpose, $0.donorKind) < (
                        $1.station, $1.channel, $1.purpose, $1.donorKind
                    )
                }
                if options.json {
                    try Terminal.json(lines)
                    return
                }
                let zh = options.language == .zhHans
                var table = TextTable(
                    columns: [
                        .init(zh ? "社工站" : "station"), .init(zh ? "渠道" : "channel"), .init(zh ? "项目" : "purpose"),
                        .init(zh ? "捐赠方" : "donor"), .init(zh ? "类型" : "kind"),
                        .init(zh ? "笔数" : "gifts", alignment: .right),
                        .init(zh ? "金额" : "total", alignment: .right),
                    ]
                )
                for line in lines {
                    let donor = DonorKind(rawValue: line.donorKind)?.label(in: options.language) ?? line.donorKind
                    let kind =
                        (DonationKind(rawValue: line.kind)?.label(in: options.language) ?? line.kind)
                        + (line.matching ? (zh ? "(配捐)" : " (matching)") : "")
                    table.append([
                        line.station, line.channel.isEmpty ? "—" : line.channel,
                        line.purpose.isEmpty ? "—" : line.purpose,
                        donor, kind, line.gifts.formatted(), Fen(line.totalFen).description,
                    ])
                }
                Terminal.out(table.render())
                let sum = Fen(gifts.map(\.amount.value).reduce(0, +))
                Terminal.out(zh ? "共 \(gifts.count) 笔,合计 \(sum)" : "\(gifts.count) gifts, \(sum) in all")
            }
        }

        /// Each gift, newest first, with its id: what a correction names.
        private func printEach(_ all: [Donation]) throws {
            let list = LimitedList(first: limit, of: all.reversed())
            if options.json {
                try Terminal.json(list.items)
                return
            }
            let zh = options.language == .zhHans
            var table = TextTable(
                columns: [
                    .init(zh ? "捐赠" : "gift"), .init(zh ? "日期" : "date"), .init(zh ? "捐赠方" : "donor"),
                    .init(zh ? "类型" : "kind"), .init(zh ? "金额" : "amount", alignment: .right),
                    .init(zh ? "渠道" : "channel"), .init(zh ? "项目" : "purpose"),
                ]
            )
            for gift in list.items {
                let donor = gift.donorName ?? gift.donorKind.label(in: options.language)
                table.append([
                    gift.id.rawValue, gift.receivedOn.description, donor, gift.kind.label(in: options.language),
                    gift.amount.description, gift.channel ?? "—", gift.purpose ?? "—",
                ])
            }
            Terminal.out(table.render())
            Terminal.out(list.summary(("笔捐赠", "gifts"), in: options.language))
        }
    }
}
