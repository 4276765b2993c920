import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan household add | list`: households (家庭) that clients belong to.
struct HouseholdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "household",
        abstract: "家庭:登记家庭,服务对象用 client add --household 加入 / households",
        discussion: """
            示例 / Examples:
              yizhan household add --station baibu --village 330424102201
              yizhan client add --station baibu --village 330424102201 --name 王小明 --household HOUSEHOLD
              yizhan household list --station baibu
            """,
        subcommands: [Add.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记家庭 / register a household")
        @OptionGroup var options: GlobalOptions
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "村(社区)区划代码 / village code") var village: String

        func run() async throws {
            try await options.withStore { workspace, store in
                let household = try await RegisterHousehold(store: store, clock: workspace.clock).register(
                    station: station,
                    village: village,
                    actor: .commandLineUser
                )
                Terminal.out(
                    options.language == .zhHans ? "已登记家庭 \(household.id)" : "registered household \(household.id)"
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出家庭及其人数 / list households")
        @OptionGroup var options: GlobalOptions
        @Option(help: "只看该社工站 / only this station") var station: String?

        /// One household with how many clients it has.
        struct Line: Encodable {
            var household: Household
            var members: Int
        }

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope = try station.map { .station(try StationID($0)) } ?? .within(workspace.file.county)
                let clients = try await store.clients(in: scope, limit: Int.max)
                let counts = Dictionary(grouping: clients.compactMap(\.household), by: { $0 }).mapValues(\.count)
                let lines = try await store.households(in: scope).map {
                    Line(household: $0, members: counts[$0.id] ?? 0)
                }
                if options.json {
                    try Terminal.json(lines)
                    return
                }
                let zh = options.language == .zhHans
                var table = TextTable(
                    columns: [
                        .init(zh ? "家庭" : "household"), .init(zh ? "社工站" : "station"),
                        .init(zh ? "村(社区)" : "village"), .init(zh ? "人数" : "members", alignment: .right),
                    ]
                )
                for line in lines {
                    table.append([
                        line.household.id.rawValue, line.household.station.rawValue, line.household.village.rawValue,
                        String(line.members),
                    ])
                }
                Terminal.out(table.render())
                Terminal.out(zh ? "共 \(lines.count) 户" : "\(lines.count) households")
            }
        }
    }
}
