import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan resource add | list | map`: the resources a station can call on, and its resource map.
struct ResourceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resource",
        abstract: "资源地图:各村(社区)的场地、企业、商户、单位,以及社会组织、志愿者、慈善基金、待认领微心愿 / the resource map",
        discussion: """
            种子 000 §三:“汇聚各镇(街道)辖区村(社区)、企业、商家、志愿者等社会资源,绘制资源地图”。
            resource add 登记场地、企业、商户、单位等;resource map 按村(社区)与类型由数据库计数,
            并计入社区社会组织、居住在该村的志愿者、服务该村的慈善基金和尚待认领的微心愿。

            示例 / Examples:
              yizhan resource add --station baibu --village 330424102201 --kind 商户 --name 示例理发店 --offers 每月义剪一次
              yizhan resource map --station baibu
            """,
        subcommands: [Add.self, List.self, Map.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记一项资源 / add a resource")
        @OptionGroup var options: GlobalOptions
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "村(社区)区划代码 / village code") var village: String
        @Option(help: "场地、企业、商户、单位、其他 / kind") var kind: String
        @Option(help: "名称 / name") var name: String
        @Option(help: "可提供的支持 / what it offers") var offers: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let resource = try await CommunityWork(store: store, clock: workspace.clock).addResource(
                    station: station,
                    village: village,
                    kind: kind,
                    name: name,
                    offers: offers,
                    actor: .commandLineUser
                )
                Terminal.out(options.language == .zhHans ? "已登记资源 \(resource.id)" : "added resource \(resource.id)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出登记的资源 / list resources")
        @OptionGroup var options: GlobalOptions
        @Option(help: "只看该社工站 / only this station") var station: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope = try station.map { .station(try StationID($0)) } ?? .within(workspace.file.county)
                let resources = try await store.resources(in: scope)
                if options.json {
                    try Terminal.json(resources)
                    return
                }
                let zh = options.language == .zhHans
                var table = TextTable(
                    columns: [
                        .init(zh ? "标识" : "id"), .init(zh ? "社工站" : "station"), .init(zh ? "村(社区)" : "village"),
                        .init(zh ? "类型" : "kind"), .init(zh ? "名称" : "name"), .init(zh ? "可提供" : "offers"),
                    ]
                )
                for entry in resources {
                    table.append([
                        entry.id.rawValue, entry.station.rawValue, entry.village.rawValue,
                        entry.kind.label(in: options.language), entry.name, entry.offers ?? "—",
                    ])
                }
                Terminal.out(table.render())
                Terminal.out(zh ? "共 \(resources.count) 项" : "\(resources.count) resources")
            }
        }
    }

    struct Map: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "按村(社区)与类型的资源地图 / the resource map")
        @OptionGroup var options: GlobalOptions
        @Option(help: "只看该社工站 / only this station") var station: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope = try station.map { .station(try StationID($0)) } ?? .within(workspace.file.county)
                let cells = try await store.resourceMap(in: scope)
                if options.json {
                    try Terminal.json(cells)
                    return
                }
                let zh = options.language == .zhHans
                let kinds = ResourceKind.allCases.filter { kind in cells.contains { $0.kind == kind } }
                let names = Dictionary(
                    try await store.orgUnits(within: workspace.file.county).map { ($0.code, $0.name) },
                    uniquingKeysWith: { first, _ in first }
                )
                var table = TextTable(
                    columns: [.init(zh ? "村(社区)" : "village")]
                        + kinds.map { .init($0.label(in: options.language), alignment: .right) }
                )
                for village in Array(Set(cells.map(\.village))).sorted() {
                    table.append(
                        [names[village] ?? village.rawValue]
                            + kinds.map { kind in
                                String(cells.first { $0.village == village && $0.kind == kind }?.count ?? 0)
                            }
                    )
                }
                table.append(
                    [zh ? "合计" : "total"]
                        + kinds.map { kind in String(cells.filter { $0.kind == kind }.reduce(0) { $0 + $1.count }) }
                )
                Terminal.out(table.render())
            }
        }
    }
}
