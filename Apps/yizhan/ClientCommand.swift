import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanPrivacy
import YizhanReports
import YizhanRuntime

/// `yizhan client …`: the people a station serves, their personal data sealed and shown masked.
struct ClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client",
        abstract: "服务对象(个人信息加密保存、默认脱敏显示) / clients, their personal data sealed and masked",
        subcommands: [Add.self, List.self, Show.self, ConsentCommand.self, Erase.self]
    )

    /// `yizhan client add`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "登记服务对象 / register a client",
            discussion: """
                登记须有知情同意:签署日期与范围(须含个人信息收集与使用);未满 14 周岁的须由监护人同意。
                身份证号按 GB 11643 校验;同一身份证号不能重复登记(按密钥摘要比对,不解密)。
                姓名、身份证号、电话加密保存,事件与日志中没有这些信息。
                Registration needs informed consent (its date, a scope including personal information; a
                guardian's for a child under 14). ID numbers are checked (GB 11643); a person already
                registered is refused, found by a keyed digest. Names, ID numbers and phones are sealed; no
                event or log carries them.

                示例 / Example:
                  yizhan client add --station baibu --village 330424102201 --name 王小明 \\
                    --id-number 330424198506120014 --phone 13800001234 --category 孤寡老人 \\
                    --consent-date 2021-03-01 --consent-scope 接受服务 --consent-scope 个人信息收集与使用 \\
                    --consent-scope 转介 --risk 中
                """
        )

        @OptionGroup var options: GlobalOptions
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "村(社区)区划代码 / village code") var village: String
        @Option(help: "姓名 / name") var name: String
        @Option(name: .customLong("id-number"), help: "身份证号 / resident ID number") var idNumber: String?
        @Option(help: "电话 / phone") var phone: String?
        @Option(name: .customLong("category"), help: "类别,可多次 / category (repeatable)") var categories: [String] = []
        @OptionGroup var consent: ConsentOptions
        @Option(help: "风险等级:低、中、高 / risk level: low, medium, high") var risk: String?
        @Option(help: "所属家庭标识(yizhan household add) / household id") var household: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let request = ClientRequest(
                    station: station,
                    village: village,
                    name: name,
                    idNumber: idNumber,
                    phone: phone,
                    categories: categories,
                    consentDate: consent.date,
                    consentScope: consent.scope,
                    consentBy: consent.givenBy,
                    risk: risk,
                    household: household
                )
                let stored = try await RegisterClient(
                    store: store,
                    vault: try await workspace.vault(for: store),
                    clock: workspace.clock
                )
                .register(
                    request,
                    actor: .commandLineUser
                )
                let payload = try stored.event.decodePayload(as: ClientRegistered.self)
                if options.json {
                    try Terminal.json(["client": payload.client.rawValue, "sequence": "\(stored.sequence)"])
                } else {
                    Terminal.out(
                        options.language == .zhHans
                            ? "已登记服务对象 \(payload.client)(事件 #\(stored.sequence))"
                            : "registered client \(payload.client) (event #\(stored.sequence))"
                    )
                }
            }
        }
    }

    /// `yizhan client list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "列出服务对象(脱敏) / list clients, masked",
            discussion: "示例 / Example:\n  yizhan client list --station baibu"
        )

        @OptionGroup var options: GlobalOptions
        @Option(help: "只看该社工站 / only this station") var station: String?
        @Option(help: "最多列出条数 / at most this many") var limit: Int = 50

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope = try station.map { .station(try StationID($0)) } ?? .within(workspace.file.county)
                let list = try await LimitedList.read(limit: limit) { try await store.clients(in: scope, limit: $0) }
                let clients = list.items
                let vault = try await workspace.vault(for: store)
                // A row that does not open is marked and the list goes on: one damaged row must not
                // hide every other client.
                let views = clients.map { client in
                    var card = ClientCard.masked(client, opening: vault)
                    if card.unreadable == true { card.name = options.language == .zhHans ? "〔无法解密〕" : "[cannot open]" }
                    return card
                }
                if options.json {
                    try Terminal.json(views)
                    return
                }
                let zh = options.language == .zhHans
                var table = TextTable(
                    columns: [
                        .init(zh ? "标识" : "id"), .init(zh ? "社工站" : "station"), .init(zh ? "村(社区)" : "village"),
                        .init(zh ? "姓名" : "name"), .init(zh ? "身份证号" : "ID number"), .init(zh ? "电话" : "phone"),
                        .init(zh ? "类别" : "categories"), .init(zh ? "风险" : "risk"),
                    ]
                )
                let extra = Dictionary(
                    try await store.stations(in: scope).map { ($0.id, $0.clientCategoryNames) },
                    uniquingKeysWith: { first, _ in first }
                )
                for (client, view) in zip(clients, views) {
                    let names = extra[client.station] ?? [:]
                    table.append([
                        view.id, view.station, view.village, view.name, view.idNumber ?? "—", view.phone ?? "—",
                        client.categories.map { names[$0.rawValue] ?? $0.label(in: options.language) }.joined(
                            separator: "、"
                        ),
                        client.risk?.label(in: options.language) ?? "—",
                    ])
                }
                Terminal.out(table.render())
                Terminal.out(list.summary(("人", "clients"), note: ("(已脱敏)", " (masked)"), in: options.language))
                let unreadable = views.filter { $0.unreadable == true }.count
                if unreadable > 0 {
                    Terminal.error(
                        zh
                            ? "其中 \(unreadable) 人的个人信息无法解密:数据已被改动;请从备份恢复这些行"
                            : "\(unreadable) of them cannot be opened: the data was altered; restore these rows from a backup"
                    )
                }
            }
        }
    }

    /// `yizhan client show ID [--reveal --reason PURPOSE]`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "查看一位服务对象 / show one client",
            discussion: """
                默认脱敏;--reveal 显示完整信息,须用 --reason 说明目的,并记录一条 personaldata.revealed
                事件(谁、何时、为何、看了哪些字段)。
                Masked by default; --reveal shows everything, needs --reason, and records a
                personaldata.revealed event (who, when, why, which fields).

                示例 / Example:
                  yizhan client show 01a1… --reveal --reason 核实身份
                """
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "服务对象标识 / client id") var id: String
        @OptionGroup var revealing: RevealOptions

        func run() async throws {
            try await options.withStore { workspace, store in
                let clientID = try ClientID(id)
                let purpose = try revealing.purpose()
                let vault = try await workspace.vault(for: store)
                let view: ClientCard
                if let purpose {
                    let (client, data) = try await RevealClient(store: store, vault: vault, clock: workspace.clock)
                        .reveal(
                            clientID,
                            in: .within(workspace.file.county),
                            purpose: purpose,
                            actor: .commandLineUser
                        )
                    view = ClientCard(client, data, revealed: true)
                } else {
                    guard let client = try await store.clients([clientID]).first else {
                        throw InputError(issues: [
                            InputIssue(
                                code: .unknownReference,
                                field: "client",
                                found: id,
                                expected: LocalizedText("已登记的服务对象标识", en: "the id of a registered client")
                            )
                        ])
                    }
                    view = ClientCard(client, try vault.open(client), revealed: false)
                }
                if options.json {
                    try Terminal.json(view)
                    return
                }
                let zh = options.language == .zhHans
                let rows: [(String, String, String)] = [
                    ("标识", "id", view.id), ("社工站", "station", view.station), ("村(社区)", "village", view.village),
                    ("姓名", "name", view.name), ("身份证号", "ID number", view.idNumber ?? "—"),
                    ("电话", "phone", view.phone ?? "—"),
                    (
                        "类别", "categories",
                        view.categories.map { ClientCategory(rawValue: $0).label(in: options.language) }.joined(
                            separator: "、"
                        )
                    ),
                    (
                        "知情同意", "consent",
                        view.consentOn.map { day in
                            let scopes = (view.consentScope ?? []).map {
                                ConsentScope(rawValue: $0).label(in: options.language)
                            }
                            let giver = view.consentBy.flatMap(ConsentGiver.init(rawValue:))?.label(
                                in: options.language
                            )
                            return "\(day)(\(scopes.joined(separator: zh ? "、" : ", ")))"
                                + (giver.map { " \($0)" } ?? "")
                        } ?? (zh ? "未记录" : "not recorded")
                    ),
                    ("风险等级", "risk", view.risk.flatMap(RiskLevel.init(rawValue:))?.label(in: options.language) ?? "—"),
                ]
                var table = TextTable(columns: [.init(zh ? "项" : "field"), .init(zh ? "值" : "value")])
                for (zhLabel, enLabel, value) in rows { table.append([zh ? zhLabel : enLabel, value]) }
                Terminal.out(table.render())
                if purpose != nil { Terminal.out(zh ? "(已记录本次查看)" : "(this view was recorded)") }
            }
        }
    }

    /// `yizhan client consent ID --consent-date D --consent-scope S… [--consent-by 监护人]`.
    struct ConsentCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "consent",
            abstract: "记录重新签署的知情同意书 / record a client's renewed consent",
            discussion: """
                新的同意书取代原有的知情同意(例如转介前增签「转介」),按登记时的规则检查;
                记录事件 client.consentrecorded(只含标识、日期与范围)。
                The new form replaces the consent kept (e.g. adding 转介 before a referral), checked as at
                registration, with a client.consentrecorded event (ids, the day and the scope only).

                示例 / Example:
                  yizhan client consent 01a1… --consent-date 2021-12-20 --consent-scope 接受服务 \\
                    --consent-scope 个人信息收集与使用 --consent-scope 转介
                """
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "服务对象标识 / client id") var id: String
        @Option(help: "只在该社工站内查找 / only within this station") var station: String?
        @OptionGroup var consent: ConsentOptions

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope = try station.map { .station(try StationID($0)) } ?? .within(workspace.file.county)
                let client = try await RecordConsent(
                    store: store,
                    vault: try await workspace.vault(for: store),
                    clock: workspace.clock
                )
                .record(
                    id,
                    in: scope,
                    date: consent.date,
                    consentScope: consent.scope,
                    givenBy: consent.givenBy,
                    actor: .commandLineUser
                )
                let scopes = client.consent?.scope.map { $0.label(in: options.language) } ?? []
                if options.json {
                    try Terminal.json(["client": client.id.rawValue, "scope": scopes.joined(separator: ",")])
                } else {
                    Terminal.out(
                        options.language == .zhHans
                            ? "已更新 \(client.id) 的知情同意:\(scopes.joined(separator: "、"))"
                            : "recorded the consent of \(client.id): \(scopes.joined(separator: ", "))"
                    )
                }
            }
        }
    }
}
