import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan charity-fund open | give | grant | list`: community charity funds (社区慈善基金).
struct CharityFundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "charity-fund",
        abstract: "社区慈善基金:设立、捐入、资助支出与余额 / community charity funds",
        discussion: """
            捐入基金的资金记为一笔捐赠(注明基金),资助从余额中支出;余额不足时拒绝,不会出现负数。
            同一基金的资助依次记账,两笔同时支出不会透支。

            Money given to a fund is a gift naming the fund; grants come out of the balance, which
            never goes below zero, even when two grants are made at once.

            示例 / Examples:
              yizhan charity-fund open --station baibu --village 330424102201 --name 示例村慈善基金 --date 2021-01-10
              yizhan charity-fund give FUND --donor-kind 企业 --donor 示例企业 --amount 5000 --date 2021-02-01
              yizhan charity-fund grant FUND --amount 800 --date 2021-03-01 --purpose 困难家庭助学
              yizhan charity-fund list
            """,
        subcommands: [Open.self, Give.self, Grant.self, List.self]
    )

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "设立基金 / open a fund")
        @OptionGroup var options: GlobalOptions
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "服务的村(社区)区划代码,不填即全镇 / village code; omit for the township") var village: String?
        @Option(help: "名称 / name") var name: String
        @Option(help: "设立日期 / date") var date: String

        func run() async throws {
            try await options.withStore { workspace, store in
                let fund = try await CommunityWork(store: store, clock: workspace.clock).openFund(
                    station: station,
                    village: village,
                    name: name,
                    date: date,
                    actor: .commandLineUser
                )
                Terminal.out(options.language == .zhHans ? "已设立慈善基金 \(fund.id)" : "opened fund \(fund.id)")
            }
        }
    }

    struct Give: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "向基金捐入资金 / give money to a fund")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "基金标识 / fund id") var fund: String
        @Option(name: .customLong("donor-kind"), help: "基金会、企业、个人、基金 / donor kind") var donorKind: String
        @Option(help: "捐赠单位(个人不记姓名) / donor organisation") var donor: String?
        @Option(parsing: .unconditional, help: "金额(元) / amount in yuan") var amount: String
        @Option(help: "日期 YYYY-MM-DD / date") var date: String

        func run() async throws {
            try await options.withStore { workspace, store in
                let gift = try await CommunityWork(store: store, clock: workspace.clock).give(
                    to: fund,
                    donorKind: donorKind,
                    donor: donor,
                    amount: amount,
                    date: date,
                    actor: .commandLineUser
                )
                let balance = try await store.charityFunds(in: .station(gift.station)).first {
                    $0.fund.id == gift.charityFund
                }
                let left = balance?.balance.description ?? "—"
                Terminal.out(
                    options.language == .zhHans
                        ? "已捐入 \(gift.amount),基金余额 \(left)" : "gave \(gift.amount); the fund holds \(left)"
                )
            }
        }
    }

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "从基金资助支出 / grant from a fund")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "基金标识 / fund id") var fund: String
        @Option(parsing: .unconditional, help: "金额(元) / amount in yuan") var amount: String
        @Option(help: "日期 YYYY-MM-DD / date") var date: String
        @Option(help: "用途(不写受助人姓名) / what for, no names") var purpose: String

        func run() async throws {
            try await options.withStore { workspace, store in
                let (_, outcome) = try await CommunityWork(store: store, clock: workspace.clock).grant(
                    from: fund,
                    amount: amount,
                    date: date,
                    purpose: purpose,
                    actor: .commandLineUser
                )
                switch outcome {
                case .granted(let balance):
                    Terminal.out(
                        options.language == .zhHans ? "已资助,基金余额 \(balance)" : "granted; the fund holds \(balance)"
                    )
                case .insufficient(let balance):
                    throw InputError(issues: [
                        InputIssue(
                            code: .conflict,
                            field: "amount",
                            found: amount,
                            expected: LocalizedText(
                                "不超过基金余额 \(balance) 的金额",
                                en: "no more than the fund's balance of \(balance)"
                            )
                        )
                    ])
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出基金及余额 / list funds and balances")
        @OptionGroup var options: GlobalOptions
        @Option(help: "只看该社工站 / only this station") var station: String?

        /// One fund.
        struct Line: Encodable {
            var id: String
            var station: String
            var village: String?
            var name: String
            var receivedFen: Int64
            var grantedFen: Int64
            var balanceFen: Int64
        }

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope = try station.map { .station(try StationID($0)) } ?? .within(workspace.file.county)
                let funds = try await store.charityFunds(in: scope)
                if options.json {
                    try Terminal.json(
                        funds.map {
                            Line(
                                id: $0.fund.id.rawValue,
                                station: $0.fund.station.rawValue,
                                village: $0.fund.village?.rawValue,
                                name: $0.fund.name,
                                receivedFen: $0.received.value,
                                grantedFen: $0.granted.value,
                                balanceFen: $0.balance.value
                            )
                        }
                    )
                    return
                }
                let zh = options.language == .zhHans
                var table = TextTable(
                    columns: [
                        .init(zh ? "标识" : "id"), .init(zh ? "社工站" : "station"), .init(zh ? "村(社区)" : "village"),
                        .init(zh ? "名称" : "name"), .init(zh ? "捐入" : "received", alignment: .right),
                        .init(zh ? "资助" : "granted", alignment: .right),
                        .init(zh ? "余额" : "balance", alignment: .right),
                    ]
                )
                for entry in funds {
                    table.append([
                        entry.fund.id.rawValue, entry.fund.station.rawValue, entry.fund.village?.rawValue ?? "—",
                        entry.fund.name, entry.received.description, entry.granted.description,
                        entry.balance.description,
                    ])
                }
                Terminal.out(table.render())
                let balance = Fen(funds.reduce(0) { $0 + $1.balance.value })
                Terminal.out(zh ? "共 \(funds.count) 个基金,余额合计 \(balance)" : "\(funds.count) funds holding \(balance)")
            }
        }
    }
}
