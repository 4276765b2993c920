import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan fund line | spend | list | expense`: a station's budget lines and expenses.
struct FundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fund",
        abstract: "经费:预算科目(建设、运营、人员、评估 × 县级财政、乡镇自筹、福彩公益金、慈善资金)与支出 / funds",
        discussion: """
            支出超过预算科目的余额会被拒绝;确需超支时用 --authorise 写明理由,授权本身记为一条
            budget.overspendauthorised 事件。金额按元填写,以分为单位保存。

            An expense past its line's remaining amount is refused unless --authorise gives the reason;
            the authorisation is an event. Amounts are yuan on the command line, fen in the store.

            示例 / Examples:
              yizhan fund line --station baibu --year 2021 --category 运营 --source 县级财政 --name 2021年度运营经费 --amount 300000
              yizhan fund spend LINE --amount 1200.50 --date 2021-05-01 --purpose 场地水电
              yizhan fund spend LINE --amount 5000 --date 2021-07-10 --purpose 汛期应急物资 --authorise 防汛应急,经镇政府同意
              yizhan fund list --year 2021
              yizhan fund expense list LINE
              yizhan fund expense correct EXPENSE --station baibu --amount 1100 --reason "金额录错"
            """,
        subcommands: [Line.self, Spend.self, List.self, ExpenseGroup.self]
    )

    struct Line: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "设立预算科目 / set a budget line")
        @OptionGroup var options: GlobalOptions
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "年度 / year") var year: Int
        @Option(help: "类别:建设、运营、人员、评估 / category") var category: String
        @Option(help: "来源:县级财政、乡镇自筹、福彩公益金、慈善资金 / source") var source: String
        @Option(help: "科目名称 / name") var name: String
        @Option(parsing: .unconditional, help: "金额(元) / amount in yuan") var amount: String

        func run() async throws {
            try await options.withStore { workspace, store in
                let line = try await FundWork(store: store, clock: workspace.clock).setLine(
                    station: station,
                    year: year,
                    category: category,
                    source: source,
                    name: name,
                    amount: amount,
                    actor: .commandLineUser
                )
                Terminal.out(
                    options.language == .zhHans
                        ? "已设立预算科目 \(line.id)(\(line.amount))" : "set budget line \(line.id) (\(line.amount))"
                )
            }
        }
    }

    struct Spend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "记录支出 / book an expense")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "预算科目标识 / budget line id") var line: String
        @Option(parsing: .unconditional, help: "金额(元) / amount in yuan") var amount: String
        @Option(help: "日期 YYYY-MM-DD / date") var date: String
        @Option(help: "用途 / what it was for") var purpose: String
        @Option(help: "超支理由(授权超支并记录事件) / reason to allow an over-spend (recorded)") var authorise: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let (expense, booking) = try await FundWork(store: store, clock: workspace.clock).spend(
                    line: line,
                    amount: amount,
                    date: date,
                    purpose: purpose,
                    authorise: authorise,
                    actor: .commandLineUser
                )
                let zh = options.language == .zhHans
                switch booking {
                case .booked(let remaining):
                    Terminal.out(
                        remaining.value < 0
                            ? (zh
                                ? "已记录支出 \(expense.id)(已授权超支,超出 \(Fen(-remaining.value)))"
                                : "booked \(expense.id) (authorised over-spend by \(Fen(-remaining.value)))")
                            : (zh
                                ? "已记录支出 \(expense.id),科目余额 \(remaining)"
                                : "booked \(expense.id); the line has \(remaining) left")
                    )
                case .overspend(let remaining):
                    throw InputError(issues: [
                        InputIssue(
                            code: .conflict,
                            field: "amount",
                            found: amount,
                            expected: LocalizedText(
                                "不超过科目余额 \(remaining) 的金额;确需超支请用 --authorise 写明理由",
                                en:
                                    "no more than the line's remaining \(remaining); pass --authorise with a reason to over-spend"
                            )
                        )
                    ])
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出预算科目及执行情况 / list budget lines")
        @OptionGroup var options: GlobalOptions
        @Option(help: "只看该社工站 / only this station") var station: String?
        @Option(help: "只看该年度 / only this year") var year: Int?

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope = try station.map { .station(try StationID($0)) } ?? .within(workspace.file.county)
                let lines = try await store.budgetLines(in: scope, year: year)
                if options.json {
                    try Terminal.json(lines)
                    return
                }
                let zh = options.language == .zhHans
                var table = TextTable(
                    columns: [
                        .init(zh ? "科目" : "line"), .init(zh ? "社工站" : "station"), .init(zh ? "年度" : "year"),
                        .init(zh ? "类别" : "category"), .init(zh ? "来源" : "source"), .init(zh ? "名称" : "name"),
                        .init(zh ? "预算" : "budget", alignment: .right), .init(zh ? "已支出" : "spent", alignment: .right),
                        .init(zh ? "余额" : "left", alignment: .right),
                    ]
                )
                for entry in lines {
                    let line = entry.line
                    table.append([
                        line.id.rawValue, line.station.rawValue, String(line.year),
                        line.category.label(in: options.language),
                        line.source.label(in: options.language), line.name, line.amount.description,
                        entry.spent.description,
                        Fen(line.amount.value - entry.spent.value).description,
                    ])
                }
                Terminal.out(table.render())
                Terminal.out(zh ? "共 \(lines.count) 个科目" : "\(lines.count) lines")
            }
        }
    }
}
