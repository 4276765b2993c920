import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel

/// `yizhan template …`: the standard templates counties roll out.
struct TemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "模板 / templates",
        subcommands: [Rollout.self]
    )

    /// `yizhan template rollout TEMPLATE --county CODE`.
    struct Rollout: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "向全县推行模板 / roll a template out to a county",
            discussion: """
                为县内还没有社工站文件的每个镇(街道)生成一个继承该模板的文件(子项目按槽位下限预填“待填写”),
                并列出模板对每个已有社工站意味着什么:需要补足的槽位、适用的指标与目标。社工站文件只引用模板,
                推行从不覆盖各站自己的项目与增补。
                Writes a station file extending the template for every township without one, and shows what the
                template means for each existing station. Station files only reference their template, so a roll-out
                never overwrites a station's own programs or additions.

                示例 / Example:
                  yizhan template rollout haiyan-123n --county 330424 --dry-run
                """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "模板标识 / template id")
        var template: String

        @Option(help: "县级区划代码 / the county's division code")
        var county: String

        @Option(help: "配置目录(默认 config) / the configuration folder")
        var config: String = "config"

        @Flag(name: .customLong("dry-run"), help: "只显示,不写文件 / show, write nothing")
        var dryRun = false

        func validate() throws {
            guard let code = try? DivisionCode(county), code.level == .county else {
                throw ValidationError("--county 应为县级区划代码(6 位),例如 330424 / expected a county code such as 330424")
            }
        }

        func run() async throws {
            try await options.reporting {
                let code = try DivisionCode(county)
                let report = try TemplateRollout.rollout(
                    template: template,
                    county: code,
                    in: URL(fileURLWithPath: config),
                    write: !dryRun
                )
                let zh = options.language == .zhHans
                for file in report.created {
                    Terminal.out((zh ? (dryRun ? "将新建 " : "已新建 ") : (dryRun ? "would create " : "created ")) + file)
                }
                for station in report.stations {
                    let problems = station.problems.map { "    " + $0.detail.text(in: options.language) }
                    let indicators = station.indicators.map { indicator -> String in
                        let target = [indicator.atLeast.map { "≥ \($0)" }, indicator.atMost.map { "≤ \($0)" }]
                            .compactMap { $0 }.joined(separator: " ")
                        let state = indicator.disabled == true ? (zh ? "(本站停用)" : " (disabled here)") : ""
                        return "    \(indicator.name ?? indicator.id) \(target) \(indicator.unit ?? "")\(state)"
                    }
                    let head = problems.isEmpty ? (zh ? "符合模板" : "meets the template") : (zh ? "需要调整:" : "needs:")
                    Terminal.out(
                        ([("\(station.station)(\(station.file)):\(head)")] + problems + indicators).joined(
                            separator: "\n"
                        )
                    )
                }
                Terminal.out(
                    zh
                        ? "模板 \(report.template.name) v\(report.template.version):新建 \(report.created.count) 个社工站文件,已有 \(report.stations.count) 个"
                        : "template \(report.template.id) v\(report.template.version): \(report.created.count) station files new, \(report.stations.count) existing"
                )
            }
        }
    }
}
