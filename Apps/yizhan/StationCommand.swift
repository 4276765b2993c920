import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan station …`.
struct StationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "station",
        abstract: "社工站 / stations",
        subcommands: [List.self]
    )

    /// `yizhan station list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "列出本县社工站及其人员、项目 / list the county's stations with staff and programs",
            discussion: "示例 / Example:\n  yizhan station list --workspace yizhan-demo"
        )

        @OptionGroup var options: GlobalOptions

        /// One line of the listing.
        struct Line: Encodable {
            var station: Station
            var tally: StationTally?
        }

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope = Scope.within(workspace.file.county)
                let stations = try await store.stations(in: scope)
                let tallies = try await store.stationTallies(in: scope)
                let lines = stations.map { station in
                    Line(station: station, tally: tallies.first { $0.station == station.id })
                }
                if options.json {
                    try Terminal.json(lines)
                    return
                }
                let zh = options.language == .zhHans
                var table = TextTable(
                    columns: [
                        .init(zh ? "标识" : "id"), .init(zh ? "名称" : "name"), .init(zh ? "区划代码" : "division"),
                        .init(zh ? "面积" : "m²", alignment: .right), .init(zh ? "社工" : "workers", alignment: .right),
                        .init(zh ? "持证" : "certified", alignment: .right),
                        .init(zh ? "党员" : "party", alignment: .right),
                        .init(zh ? "项目" : "programs", alignment: .right),
                        .init(zh ? "子项目" : "sub-projects", alignment: .right),
                    ]
                )
                for line in lines {
                    let tally = line.tally
                    table.append([
                        line.station.id.rawValue, line.station.name, line.station.orgUnit.rawValue,
                        groupedDigits(line.station.areaSquareMeters), "\(tally?.workers ?? 0)",
                        "\(tally?.certifiedWorkers ?? 0)", "\(tally?.partyMembers ?? 0)", "\(tally?.programs ?? 0)",
                        "\(tally?.subProjects ?? 0)",
                    ])
                }
                Terminal.out(table.render())
                Terminal.out(zh ? "共 \(lines.count) 个社工站" : "\(lines.count) stations")
            }
        }
    }
}
