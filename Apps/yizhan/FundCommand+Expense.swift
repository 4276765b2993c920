import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanKernel
import YizhanReports
import YizhanRuntime

extension FundCommand {
    /// `yizhan fund expense list | show | correct | void`: the expenses of a line, and their corrections.
    struct ExpenseGroup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "expense",
            abstract: "支出:列出、查看、更正、作废(保留历史) / expenses: list, show, correct, void",
            discussion: """
                录错的支出可以更正或作废,原来的版本留在支出的历史里。更正只给要改的项,像新支出一样校验
                (金额、日期在科目年度内、用途;调高金额超出科目余额须 --authorise),事件 expense.corrected
                只列改了哪些项与金额变化;作废记 expense.voided,此后不再计入科目已支出。理由必填,不进事件。

                A wrong expense can be corrected or voided; the version before stays in its history.
                """,
            subcommands: [List.self, Show.self, Correct.self, VoidExpense.self]
        )

        /// `yizhan fund expense list LINE`.
        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "列出一个预算科目的支出(含已作废的) / list a line's expenses, voided ones marked"
            )
            @OptionGroup var options: GlobalOptions
            @Argument(help: "预算科目标识(yizhan fund list 可查) / budget line id") var line: String

            func run() async throws {
                try await options.withStore { workspace, store in
                    guard let id = try? BudgetLineID(line), try await store.budgetLine(id) != nil else {
                        throw InputError.single(
                            .unknownReference,
                            "line",
                            line,
                            "已设立的预算科目标识(yizhan fund list 可查)",
                            "the id of a budget line (see yizhan fund list)"
                        )
                    }
                    let expenses = try await store.expenses(of: id)
                    if options.json {
                        try Terminal.json(
                            expenses.map { Row(expense: $0.entry, version: $0.version, voided: $0.isVoided) }
                        )
                        return
                    }
                    let zh = options.language == .zhHans
                    var table = TextTable(
                        columns: [
                            .init(zh ? "支出" : "expense"), .init(zh ? "日期" : "date"),
                            .init(zh ? "金额" : "amount", alignment: .right), .init(zh ? "用途" : "purpose"),
                            .init(zh ? "版本" : "version", alignment: .right), .init(zh ? "状态" : "state"),
                        ]
                    )
                    for stored in expenses {
                        let expense = stored.entry
                        table.append([
                            expense.id.rawValue, expense.spentOn.description, expense.amount.description,
                            expense.purpose, "\(stored.version)",
                            stored.isVoided ? (zh ? "已作废" : "voided") : (zh ? "有效" : "current"),
                        ])
                    }
                    Terminal.out(table.render())
                    let counted = expenses.filter { !$0.isVoided }
                    let sum = Fen(counted.map(\.entry.amount.value).reduce(0, +))
                    Terminal.out(
                        zh
                            ? "共 \(expenses.count) 笔,计入 \(counted.count) 笔,合计 \(sum)"
                            : "\(expenses.count) expenses, \(counted.count) counted, \(sum) in all"
                    )
                }
            }

            /// One expense as `--json` prints it.
            struct Row: Encodable {
                var expense: Expense
                var version: Int
                var voided: Bool
            }
        }

        /// `yizhan fund expense show ID --station S`.
        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "查看一笔支出及其更正历史 / show an expense and its history"
            )
            @OptionGroup var options: GlobalOptions
            @Argument(help: "支出编号 / the expense's id") var id: String
            @Option(help: "社工站标识 / station id") var station: String

            /// What `--json` prints.
            struct Output: Encodable {
                var expense: Expense
                var version: Int
                var voided: Bool
                var revisions: [RevisionLine]
            }

            func run() async throws {
                try await options.withStore { workspace, store in
                    let (stored, line, _) = try await ReviseExpense(store: store, clock: workspace.clock)
                        .find(id, station: station)
                    let history: [EntryRevision<Expense>] = try await store.entryRevisions(of: stored.entry.id)
                    let revisions = history.map { RevisionLine($0) }
                    if options.json {
                        try Terminal.json(
                            Output(
                                expense: stored.entry,
                                version: stored.version,
                                voided: stored.isVoided,
                                revisions: revisions
                            )
                        )
                        return
                    }
                    let expense = stored.entry
                    let rows: [(String, String, String)] = [
                        ("编号", "id", expense.id.rawValue), ("预算科目", "line", "\(line.name)(\(line.id))"),
                        ("日期", "date", expense.spentOn.description), ("金额", "amount", expense.amount.description),
                        ("用途", "purpose", expense.purpose), ("超支理由", "over-spend", expense.overspendReason ?? "—"),
                        ("版本", "version", "\(stored.version)"),
                        ("状态", "state", RevisionHistory.state(voided: stored.isVoided, in: options.language)),
                    ]
                    Terminal.out(RevisionHistory.render(rows, revisions, in: options.language))
                }
            }
        }

        /// `yizhan fund expense correct ID --station S`.
        struct Correct: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "更正一笔支出(保留原版本) / correct an expense, keeping the version before",
                discussion: """
                    示例 / Example:
                      yizhan fund expense correct EXPENSE --station baibu --amount 1100 --reason "金额录错,应为 1100 元"
                    """
            )
            @OptionGroup var options: GlobalOptions
            @Argument(help: "支出编号 / the expense's id") var id: String
            @Option(help: "社工站标识 / station id") var station: String
            @Option(help: "更正理由(必填,不写姓名、证件号、电话) / why (required)") var reason: String
            @Option(parsing: .unconditional, help: "金额(元) / amount in yuan") var amount: String?
            @Option(help: "日期 YYYY-MM-DD / date") var date: String?
            @Option(help: "用途 / what it was for") var purpose: String?
            @Option(help: "超支理由(授权超支并记录事件) / reason to allow an over-spend (recorded)") var authorise: String?

            func run() async throws {
                try await options.withStore { workspace, store in
                    let revision = try await ReviseExpense(store: store, clock: workspace.clock).correct(
                        id,
                        station: station,
                        with: ExpenseCorrection(amount: amount, date: date, purpose: purpose, authorise: authorise),
                        reason: reason,
                        actor: .commandLineUser
                    )
                    if options.json {
                        try Terminal.json(["expense": id, "version": "\(revision.version)"])
                        return
                    }
                    let changed = revision.changedFields.joined(separator: ", ")
                    let before = revision.previous.amount
                    let after = revision.current?.amount ?? .zero
                    Terminal.out(
                        options.language == .zhHans
                            ? "已更正支出 \(id):第 \(revision.version) 版(改动 \(changed);金额 \(before) → \(after))"
                            : "corrected expense \(id): version \(revision.version) (\(changed); amount \(before) → \(after))"
                    )
                }
            }
        }

        /// `yizhan fund expense void ID --station S`.
        struct VoidExpense: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "void",
                abstract: "作废一笔支出(保留历史,不再计入已支出) / void an expense"
            )
            @OptionGroup var options: GlobalOptions
            @Argument(help: "支出编号 / the expense's id") var id: String
            @Option(help: "社工站标识 / station id") var station: String
            @Option(help: "作废理由(必填) / why (required)") var reason: String

            func run() async throws {
                try await options.withStore { workspace, store in
                    let revision = try await ReviseExpense(store: store, clock: workspace.clock).void(
                        id,
                        station: station,
                        reason: reason,
                        actor: .commandLineUser
                    )
                    if options.json {
                        try Terminal.json(["expense": id, "version": "\(revision.version)"])
                        return
                    }
                    Terminal.out(
                        options.language == .zhHans
                            ? "已作废支出 \(id)(第 \(revision.version) 版;不再计入 \(revision.previous.amount))"
                            : "voided expense \(id) (version \(revision.version); \(revision.previous.amount) no longer counted)"
                    )
                }
            }
        }
    }
}
