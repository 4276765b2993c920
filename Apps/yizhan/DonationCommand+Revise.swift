import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanKernel
import YizhanRuntime

extension DonationCommand {
    /// `yizhan donation show ID --station S`: a gift as it stands, and its versions.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "查看一笔捐赠及其更正历史 / show a gift and its history",
            discussion: "示例 / Example:\n  yizhan donation show GIFT --station xitangqiao"
        )
        @OptionGroup var options: GlobalOptions
        @Argument(help: "捐赠编号(yizhan donation list --gifts 可查) / the gift's id") var id: String
        @Option(help: "社工站标识 / station id") var station: String

        /// What `--json` prints.
        struct Output: Encodable {
            var donation: Donation
            var version: Int
            var voided: Bool
            var revisions: [RevisionLine]
        }

        func run() async throws {
            try await options.withStore { workspace, store in
                let (stored, _) = try await ReviseDonation(store: store, clock: workspace.clock)
                    .find(id, station: station)
                let history: [EntryRevision<Donation>] = try await store.entryRevisions(of: stored.entry.id)
                let revisions = history.map { RevisionLine($0) }
                if options.json {
                    try Terminal.json(
                        Output(
                            donation: stored.entry,
                            version: stored.version,
                            voided: stored.isVoided,
                            revisions: revisions
                        )
                    )
                    return
                }
                let gift = stored.entry
                let language = options.language
                let rows: [(String, String, String)] = [
                    ("编号", "id", gift.id.rawValue), ("社工站", "station", gift.station.rawValue),
                    ("日期", "date", gift.receivedOn.description),
                    (
                        "捐赠方", "donor",
                        gift.donorName.map { "\($0)(\(gift.donorKind.label(in: language)))" }
                            ?? gift.donorKind.label(in: language)
                    ),
                    ("类型", "kind", gift.kind.label(in: language) + (gift.isMatching ? "(配捐)" : "")),
                    ("金额", "amount", gift.amount.description), ("物资", "goods", gift.goods ?? "—"),
                    ("项目", "purpose", gift.purpose ?? "—"), ("渠道", "channel", gift.channel ?? "—"),
                    ("慈善基金", "charity fund", gift.charityFund?.rawValue ?? "—"),
                    ("版本", "version", "\(stored.version)"),
                    ("状态", "state", RevisionHistory.state(voided: stored.isVoided, in: language)),
                ]
                Terminal.out(RevisionHistory.render(rows, revisions, in: language))
            }
        }
    }

    /// `yizhan donation correct ID --station S`.
    struct Correct: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "更正一笔捐赠(保留原版本) / correct a gift, keeping the version before",
            discussion: """
                只给要改的项;更正同新捐赠一样校验,成为新版本并记 donation.corrected 事件(只列改了哪些项与
                金额变化,理由只存在历史里);捐入慈善基金的更正不能使基金余额为负。
                Give only what changes; it is checked as a new gift is, and becomes a new version.

                示例 / Example:
                  yizhan donation correct GIFT --station xitangqiao --amount 12.50 --reason "金额录错,应为 12.50 元"
                """
        )
        @OptionGroup var options: GlobalOptions
        @Argument(help: "捐赠编号 / the gift's id") var id: String
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "更正理由(必填,不写姓名、证件号、电话) / why (required)") var reason: String
        @Option(parsing: .unconditional, help: "金额或价值(元) / amount in yuan") var amount: String?
        @Option(help: "日期 YYYY-MM-DD / date") var date: String?
        @Option(name: .customLong("donor-kind"), help: "基金会、企业、个人、基金 / donor kind") var donorKind: String?
        @Option(help: "捐赠单位(个人不记姓名) / donor organisation") var donor: String?
        @Option(help: "资金或物资 / money or goods") var kind: String?
        @Option(help: "物资名称 / goods") var goods: String?
        @Option(help: "项目或用途 / purpose") var purpose: String?
        @Option(help: "渠道 / channel") var channel: String?
        @Option(help: "是否配捐:是 或 否 / a matching gift: yes or no") var matching: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let correction = DonationCorrection(
                    date: date,
                    amount: amount,
                    donorKind: donorKind,
                    donor: donor,
                    kind: kind,
                    goods: goods,
                    purpose: purpose,
                    channel: channel,
                    isMatching: try matching.map(Self.yesOrNo)
                )
                let revision = try await ReviseDonation(store: store, clock: workspace.clock)
                    .correct(id, station: station, with: correction, reason: reason, actor: .commandLineUser)
                if options.json {
                    try Terminal.json(["donation": id, "version": "\(revision.version)"])
                    return
                }
                let changed = revision.changedFields.joined(separator: ", ")
                let before = revision.previous.amount
                let after = revision.current?.amount ?? .zero
                Terminal.out(
                    options.language == .zhHans
                        ? "已更正捐赠 \(id):第 \(revision.version) 版(改动 \(changed);金额 \(before) → \(after))"
                        : "corrected gift \(id): version \(revision.version) (\(changed); amount \(before) → \(after))"
                )
            }
        }

        /// `是`/`yes`/`true` or `否`/`no`/`false`.
        static func yesOrNo(_ text: String) throws -> Bool {
            switch text.lowercased() {
            case "是", "yes", "true", "配捐": return true
            case "否", "no", "false": return false
            default:
                throw InputError.single(.invalidFormat, "matching", text, "是 或 否", "yes or no")
            }
        }
    }

    /// `yizhan donation void ID --station S`.
    struct VoidGift: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "void",
            abstract: "作废一笔捐赠(保留历史,不再计入合计) / void a gift",
            discussion: "示例 / Example:\n  yizhan donation void GIFT --station xitangqiao --reason \"重复录入\""
        )
        @OptionGroup var options: GlobalOptions
        @Argument(help: "捐赠编号 / the gift's id") var id: String
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "作废理由(必填) / why (required)") var reason: String

        func run() async throws {
            try await options.withStore { workspace, store in
                let revision = try await ReviseDonation(store: store, clock: workspace.clock).void(
                    id,
                    station: station,
                    reason: reason,
                    actor: .commandLineUser
                )
                if options.json {
                    try Terminal.json(["donation": id, "version": "\(revision.version)"])
                    return
                }
                Terminal.out(
                    options.language == .zhHans
                        ? "已作废捐赠 \(id)(第 \(revision.version) 版;不再计入 \(revision.previous.amount))"
                        : "voided gift \(id) (version \(revision.version); \(revision.previous.amount) no longer counted)"
                )
            }
        }
    }
}
