import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan organisation add | stage | list | count`: community social organisations (社区社会组织).
struct OrganisationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organisation",
        abstract: "社区社会组织:类型、登记或备案、所在村(社区)、孵化阶段,及各社区数量对照目标 / community organisations",
        discussion: """
            各社区(村)的数量目标来自社工站模板的指标(metric 为 organisationsPerUrbanCommunity、
            organisationsPerRuralCommunity);城市社区与农村社区按区划代码区分(村级 001–199 为社区,200–399 为村)。

            Targets come from the station's template indicators; urban and rural communities are told
            apart by their division code.

            示例 / Examples:
              yizhan organisation add --station baibu --village 330424102201 --name 示例村老年互助会 --kind 互助类 --status 备案 --stage 孵化中 --since 2021-03-01
              yizhan organisation stage ORG --station baibu --stage 已出壳 --status 登记
              yizhan organisation list --station baibu
              yizhan organisation count --station qinshan
            """,
        subcommands: [Add.self, Stage.self, List.self, Count.self],
        aliases: ["org"]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记一个社区社会组织 / add an organisation")
        @OptionGroup var options: GlobalOptions
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "村(社区)区划代码 / village code") var village: String
        @Option(help: "名称 / name") var name: String
        @Option(help: "服务类、公益类、互助类、其他 / kind") var kind: String
        @Option(help: "登记或备案 / registered or filed") var status: String
        @Option(help: "孵化中、培育中、已出壳 / incubation stage") var stage: String = "incubating"
        @Option(help: "登记或备案日期 / since") var since: String

        func run() async throws {
            try await options.withStore { workspace, store in
                let organisation = try await CommunityWork(store: store, clock: workspace.clock).addOrganisation(
                    station: station,
                    village: village,
                    name: name,
                    kind: kind,
                    status: status,
                    stage: stage,
                    since: since,
                    actor: .commandLineUser
                )
                Terminal.out(
                    options.language == .zhHans
                        ? "已登记社区社会组织 \(organisation.id)(\(organisation.kind.label(in: .zhHans)))"
                        : "added organisation \(organisation.id) (\(organisation.kind.rawValue))"
                )
            }
        }
    }

    struct Stage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "推进孵化阶段 / move an organisation on")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "组织标识 / organisation id") var organisation: String
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "孵化中、培育中、已出壳 / stage") var stage: String
        @Option(help: "登记或备案 / status") var status: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let moved = try await CommunityWork(store: store, clock: workspace.clock).advanceOrganisation(
                    organisation,
                    station: station,
                    stage: stage,
                    status: status,
                    actor: .commandLineUser
                )
                Terminal.out(
                    options.language == .zhHans
                        ? "\(moved.name):\(moved.stage.label(in: .zhHans)),\(moved.status.label(in: .zhHans))"
                        : "\(moved.id): \(moved.stage.rawValue), \(moved.status.rawValue)"
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出社区社会组织 / list organisations")
        @OptionGroup var options: GlobalOptions
        @Option(help: "只看该社工站 / only this station") var station: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope = try station.map { .station(try StationID($0)) } ?? .within(workspace.file.county)
                let organisations = try await store.organisations(in: scope)
                if options.json {
                    try Terminal.json(organisations)
                    return
                }
                let language = options.language
                let zh = language == .zhHans
                var table = TextTable(
                    columns: [
                        .init(zh ? "标识" : "id"), .init(zh ? "社工站" : "station"), .init(zh ? "村(社区)" : "village"),
                        .init(zh ? "名称" : "name"), .init(zh ? "类型" : "kind"), .init(zh ? "登记/备案" : "status"),
                        .init(zh ? "阶段" : "stage"), .init(zh ? "日期" : "since"),
                    ]
                )
                for entry in organisations {
                    table.append([
                        entry.id.rawValue, entry.station.rawValue, entry.village.rawValue, entry.name,
                        entry.kind.label(in: language), entry.status.label(in: language),
                        entry.stage.label(in: language),
                        entry.since.description,
                    ])
                }
                Terminal.out(table.render())
                Terminal.out(zh ? "共 \(organisations.count) 个" : "\(organisations.count) organisations")
            }
        }
    }

    struct Count: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "各社区(村)社区社会组织数对照目标 / organisations per community against the targets"
        )
        @OptionGroup var options: GlobalOptions
        @Option(help: "只看该社工站 / only this station") var station: String?

        /// One village's count.
        struct Line: Encodable {
            var station: String
            var village: String
            var name: String
            var kind: String
            var organisations: Int
            var serviceMutualAid: Int
            var target: Int?
            var meetsTarget: Bool?
        }

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope = try station.map { .station(try StationID($0)) } ?? .within(workspace.file.county)
                let rows = try await CommunityWork(store: store, clock: workspace.clock).organisationCounts(in: scope)
                let lines = rows.map { row in
                    Line(
                        station: row.station.rawValue,
                        village: row.village.code.rawValue,
                        name: row.village.name,
                        kind: row.kind.rawValue,
                        organisations: row.count,
                        serviceMutualAid: row.serviceMutualAid,
                        target: row.target,
                        meetsTarget: row.meetsTarget
                    )
                }
                if options.json {
                    try Terminal.json(lines)
                    return
                }
                let zh = options.language == .zhHans
                var table = TextTable(
                    columns: [
                        .init(zh ? "社工站" : "station"), .init(zh ? "村(社区)" : "village"), .init(zh ? "类型" : "kind"),
                        .init(zh ? "组织数" : "count", alignment: .right),
                        .init(zh ? "服务/公益/互助" : "service etc.", alignment: .right),
                        .init(zh ? "目标" : "target", alignment: .right), .init(zh ? "达标" : "met"),
                    ]
                )
                for row in rows {
                    table.append([
                        row.station.rawValue, row.village.name, row.kind.label(in: options.language), String(row.count),
                        String(row.serviceMutualAid), row.target.map { "≥\($0)" } ?? "—",
                        row.meetsTarget.map { $0 ? (zh ? "是" : "yes") : (zh ? "否" : "no") } ?? "—",
                    ])
                }
                Terminal.out(table.render())
                let total = rows.reduce(0) { $0 + $1.count }
                let service = rows.reduce(0) { $0 + $1.serviceMutualAid }
                let short = rows.filter { $0.meetsTarget == false }.count
                let share = total == 0 ? 0 : service * 100 / total
                Terminal.out(
                    zh
                        ? "共 \(rows.count) 个村(社区)、\(total) 个组织,服务、公益、互助类占 \(share)%;\(short) 个村(社区)未达目标"
                        : "\(rows.count) communities, \(total) organisations, \(share)% service, public-benefit or mutual-aid; \(short) below target"
                )
            }
        }
    }
}
