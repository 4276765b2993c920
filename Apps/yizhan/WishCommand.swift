import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan wish post | claim | fulfil | list`: micro-wishes (微心愿).
struct WishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wish",
        abstract: "微心愿:发布、认领、实现 / micro-wishes: posted, claimed, fulfilled",
        discussion: """
            心愿只写需要什么(如“一个新书包”),不写是谁的;个人认领不记姓名,单位认领记单位名称。
            资源地图上登记的商铺、企业认领时用 --resource 指明(名称取自登记,类型默认为企业),
            通元“1398”资源链接台账据此统计各资源方认领的微心愿。
            状态只能依次前进;两人同时认领同一个心愿时只有一人成功。

            A wish says what is needed, never who needs it; people who claim stay anonymous. A shop or
            enterprise on the resource map claims with --resource (its registered name, kind 企业 by
            default), which is how 通元's resource-linking ledger counts wishes per party. A wish
            moves forward one step at a time, and of two claims at once only one lands.

            示例 / Examples:
              yizhan wish post --station baibu --village 330424102201 --wish 一个新书包 --value 80 --date 2021-08-20
              yizhan wish claim WISH --claimant-kind 企业 --claimant 示例文具店 --date 2021-08-22
              yizhan wish claim WISH --resource RESOURCE --date 2021-08-22
              yizhan wish fulfil WISH --date 2021-08-30
              yizhan wish list --station baibu --status posted
            """,
        subcommands: [Post.self, Claim.self, Fulfil.self, List.self]
    )

    struct Post: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "发布微心愿 / post a wish")
        @OptionGroup var options: GlobalOptions
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "村(社区)区划代码 / village code") var village: String
        @Option(help: "心愿内容(不写姓名) / what is wished for, no names") var wish: String
        @Option(parsing: .unconditional, help: "估价(元) / estimated value in yuan") var value: String?
        @Option(help: "日期 YYYY-MM-DD / date") var date: String

        func run() async throws {
            try await options.withStore { workspace, store in
                let posted = try await CommunityWork(store: store, clock: workspace.clock).postWish(
                    station: station,
                    village: village,
                    wish: wish,
                    value: value,
                    date: date,
                    actor: .commandLineUser
                )
                Terminal.out(options.language == .zhHans ? "已发布微心愿 \(posted.id)" : "posted wish \(posted.id)")
            }
        }
    }

    struct Claim: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "认领微心愿 / claim a wish")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "心愿标识 / wish id") var wish: String
        @Option(
            name: .customLong("claimant-kind"),
            help: "基金会、企业、个人、基金(--resource 为商铺或企业时默认企业) / claimant kind"
        )
        var claimantKind: String?
        @Option(help: "认领单位(个人不记姓名) / claiming organisation") var claimant: String?
        @Option(help: "认领的登记资源标识(yizhan resource list) / the registered resource claiming it")
        var resource: String?
        @Option(help: "日期 YYYY-MM-DD / date") var date: String

        func run() async throws {
            try await options.withStore { workspace, store in
                let claimed = try await CommunityWork(store: store, clock: workspace.clock).progressWish(
                    wish,
                    claimantKind: claimantKind,
                    claimantName: claimant,
                    resource: resource,
                    date: date,
                    fulfil: false,
                    actor: .commandLineUser
                )
                Terminal.out(options.language == .zhHans ? "微心愿 \(claimed.id) 已认领" : "wish \(claimed.id) claimed")
            }
        }
    }

    struct Fulfil: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "标记微心愿已实现 / mark a wish fulfilled")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "心愿标识 / wish id") var wish: String
        @Option(help: "日期 YYYY-MM-DD / date") var date: String

        func run() async throws {
            try await options.withStore { workspace, store in
                let done = try await CommunityWork(store: store, clock: workspace.clock).progressWish(
                    wish,
                    claimantKind: nil,
                    claimantName: nil,
                    date: date,
                    fulfil: true,
                    actor: .commandLineUser
                )
                Terminal.out(options.language == .zhHans ? "微心愿 \(done.id) 已实现" : "wish \(done.id) fulfilled")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出微心愿 / list wishes")
        @OptionGroup var options: GlobalOptions
        @Option(help: "只看该社工站 / only this station") var station: String?
        @Option(help: "posted、claimed 或 fulfilled / only this status") var status: String?
        @Option(help: "最多列出条数 / at most this many") var limit: Int = 50

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope = try station.map { .station(try StationID($0)) } ?? .within(workspace.file.county)
                let wanted = try status.map { text in
                    guard let found = MicroWishStatus(rawValue: text) else {
                        throw InputError(issues: [
                            InputIssue(
                                code: .invalidFormat,
                                field: "status",
                                found: text,
                                expected: LocalizedText(
                                    "posted、claimed 或 fulfilled",
                                    en: "posted, claimed or fulfilled"
                                )
                            )
                        ])
                    }
                    return found
                }
                let list = try await LimitedList.read(limit: limit) {
                    try await store.microWishes(in: scope, status: wanted, limit: $0)
                }
                let wishes = list.items
                if options.json {
                    try Terminal.json(wishes)
                    return
                }
                let language = options.language
                let zh = language == .zhHans
                var table = TextTable(
                    columns: [
                        .init(zh ? "标识" : "id"), .init(zh ? "社工站" : "station"), .init(zh ? "村(社区)" : "village"),
                        .init(zh ? "心愿" : "wish"), .init(zh ? "估价" : "value", alignment: .right),
                        .init(zh ? "状态" : "status"), .init(zh ? "发布" : "posted"), .init(zh ? "认领方" : "claimant"),
                    ]
                )
                for wish in wishes {
                    table.append([
                        wish.id.rawValue, wish.station.rawValue, wish.village.rawValue, wish.wish,
                        wish.value?.description ?? "—", wish.status.label(in: language), wish.postedOn.description,
                        wish.claimantName ?? wish.claimantKind?.label(in: language) ?? "—",
                    ])
                }
                Terminal.out(table.render())
                Terminal.out(list.summary(("个", "wishes"), in: language))
            }
        }
    }
}
