import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanKernel

/// `yizhan dispute round | settle`: the rounds of mediation of a dispute and its settlement under
/// 矛盾纠纷联排联化 (seed 002 §三); the dispute is a request of the dispute kind (`yizhan request add
/// --category dispute --parties …`), and every other step of it is a `yizhan request` command.
struct DisputeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispute",
        abstract: "矛盾纠纷:记录每一轮调解及其结果、调解成功 / disputes: rounds of mediation, settlement",
        discussion: """
            纠纷是分类为纠纷(如 dispute)的诉求:用 yizhan request add --category dispute --parties … 登记
            (当事人加密保存,--method 调解、协商、仲裁 或 转司法),受理、反馈、办结仍用 yizhan request。
            规则(yizhan.yaml 的 requests: 可改):一般纠纷 5 天未化解即为复杂纠纷,复杂纠纷再给 15 天;
            调解 3 轮未成或超过时限即上报县级团队(dispute.referred,诉求转到最高一级)。yizhan request
            overdue 检查这些时限。

            A dispute is a request of a dispute category. A general dispute unsettled after 5 days becomes
            complex and gets 15 more; after 3 unsettled rounds, or past its limit, it goes to the county's team.

            示例 / Examples:
              yizhan dispute round REQUEST --result 未达成 --tier liaison --staff contact:baibu-liaison-1 \\
                --note 双方同意下周再谈
              yizhan dispute settle REQUEST --tier liaison --staff contact:baibu-liaison-1 --note 签订调解协议
            """,
        subcommands: [Round.self, Settle.self]
    )

    /// The day a round was held or a dispute settled: `--date`, or today in Asia/Shanghai.
    struct DayOption: ParsableArguments {
        @Option(help: "日期,如 2026-12-08(省略为今天) / the day, today if left out") var date: String?

        func day() throws -> CivilDate {
            guard let date else { return CivilDate(shanghaiDayOf: Date().timeIntervalSince1970) }
            guard let day = try? CivilDate(ledgerText: date) else {
                throw InputError.single(.invalidFormat, "date", date, "日期,如 2026-12-08", "a date like 2026-12-08")
            }
            return day
        }
    }

    struct Round: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "记录一轮调解:达成调解 或 未达成(经过写在 --note,加密保存) / record a round of mediation"
        )
        @OptionGroup var step: RequestCommand.StepOptions
        @OptionGroup var day: DayOption
        @Option(help: "结果:达成调解(settled) 或 未达成(unsettled) / the round's result") var result: String

        func run() async throws {
            let outcome: MediationResult = try RequestCommand.choice(result, "result")
            try await step.take(.mediate(day: try day.day(), result: outcome))
        }
    }

    struct Settle: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "记录纠纷已化解(不经新一轮调解,如协商一致或判决) / record a dispute settled"
        )
        @OptionGroup var step: RequestCommand.StepOptions
        @OptionGroup var day: DayOption

        func run() async throws { try await step.take(.settle(day: try day.day())) }
    }
}
