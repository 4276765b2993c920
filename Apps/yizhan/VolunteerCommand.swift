import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanPrivacy
import YizhanReports
import YizhanRuntime

/// `yizhan volunteer add | list`: the station's volunteer registry under real names, kept sealed.
struct VolunteerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "volunteer",
        abstract: "志愿者实名登记(加密保存,脱敏显示) / volunteers, registered under real names",
        discussion: """
            姓名、身份证号、电话与服务对象一样加密保存、脱敏显示;同一身份证号不能重复登记为志愿者。
            名册可用 yizhan import volunteers 导入,yizhan export volunteers 导出。

            示例 / Examples:
              yizhan volunteer add --station baibu --name 陈志愿 --id-number 330424199001010018 --village 330424102201
              yizhan volunteer list --station baibu
            """,
        subcommands: [Add.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记志愿者 / register a volunteer")
        @OptionGroup var options: GlobalOptions
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "姓名 / name") var name: String
        @Option(name: .customLong("id-number"), help: "身份证号 / resident ID number") var idNumber: String?
        @Option(help: "电话 / phone") var phone: String?
        @Option(help: "村(社区)区划代码 / village code") var village: String?
        @Option(name: .customLong("registered-on"), help: "登记日期(默认今天) / registration day") var registeredOn: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let volunteer = try await RegisterVolunteer(store: store, vault: try workspace.vault()).register(
                    VolunteerRequest(
                        station: station,
                        name: name,
                        idNumber: idNumber,
                        phone: phone,
                        village: village,
                        registeredOn: registeredOn
                    ),
                    actor: .cli
                )
                Terminal.out(
                    options.language == .zhHans ? "已登记志愿者 \(volunteer.id)" : "registered volunteer \(volunteer.id)"
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出志愿者(脱敏) / list volunteers, masked")
        @OptionGroup var options: GlobalOptions
        @Option(help: "只看该社工站 / only this station") var station: String?
        @Option(help: "最多列出条数 / at most this many") var limit: Int = 50

        /// One volunteer, masked.
        struct Line: Encodable {
            var id: String
            var station: String
            var village: String?
            var registeredOn: String
            var name: String
            var idNumber: String?
            var phone: String?
        }

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope = try station.map { .station(try StationID($0)) } ?? .within(workspace.file.county)
                let vault = try workspace.vault()
                let lines = try await store.volunteers(in: scope, limit: max(1, limit)).map { volunteer in
                    let data = try volunteer.personal.map(vault.open)
                    return Line(
                        id: volunteer.id.rawValue,
                        station: volunteer.station.rawValue,
                        village: volunteer.village?.rawValue,
                        registeredOn: volunteer.registeredOn.description,
                        name: data?.maskedName ?? "—",
                        idNumber: data?.idNumber?.masked,
                        phone: data?.phone?.masked
                    )
                }
                if options.json {
                    try Terminal.json(lines)
                    return
                }
                let zh = options.language == .zhHans
                var table = TextTable(
                    columns: [
                        .init(zh ? "标识" : "id"), .init(zh ? "社工站" : "station"), .init(zh ? "村(社区)" : "village"),
                        .init(zh ? "姓名" : "name"), .init(zh ? "身份证号" : "ID number"), .init(zh ? "电话" : "phone"),
                        .init(zh ? "登记日期" : "registered"),
                    ]
                )
                for line in lines {
                    table.append([
                        line.id, line.station, line.village ?? "—", line.name, line.idNumber ?? "—", line.phone ?? "—",
                        line.registeredOn,
                    ])
                }
                Terminal.out(table.render())
                Terminal.out(zh ? "共 \(lines.count) 名志愿者(已脱敏)" : "\(lines.count) volunteers (masked)")
            }
        }
    }
}
