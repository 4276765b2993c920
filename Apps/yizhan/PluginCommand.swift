import ArgumentParser
import Foundation
import YizhanBrands
import YizhanCommandLine
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan plugin …`: the brand plugins compiled in, what each registers, and a new one's scaffold.
struct PluginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin",
        abstract: "品牌插件(一站一品) / brand plugins",
        subcommands: [List.self, Show.self, New.self]
    )

    /// The registry of the built-in plugins, with the workspace's renames when there is a workspace.
    static func registry(_ options: GlobalOptions) throws -> PluginRegistry {
        let workspace = options.workspace != nil ? try options.openWorkspace() : try? options.openWorkspace()
        return try BrandCatalog.registry(for: workspace)
    }

    /// How a plugin's scope reads.
    static func scope(_ scope: PluginScope, zh: Bool) -> String {
        switch scope {
        case .station(let id): zh ? "社工站 \(id)" : "station \(id)"
        case .region(let code): zh ? "区划 \(code) 内各站" : "stations within \(code)"
        }
    }

    /// `yizhan plugin list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "列出编译在内的品牌插件 / list the built-in brand plugins",
            discussion: "示例 / Example:\n  yizhan plugin list"
        )

        @OptionGroup var options: GlobalOptions

        /// One plugin, as `--json` prints it.
        struct Row: Encodable {
            var manifest: PluginManifest
            var programs: Int
            var fields: Int
            var indicators: Int
            var sections: Int
            var handlers: Int
        }

        func run() async throws {
            try await options.reporting {
                let registry = try PluginCommand.registry(options)
                let rows = registry.manifests.map { manifest in
                    let own = registry.contributions[manifest.id]
                    return Row(
                        manifest: manifest,
                        programs: own?.programs.count ?? 0,
                        fields: own?.fields.count ?? 0,
                        indicators: own?.indicators.count ?? 0,
                        sections: own?.sections.count ?? 0,
                        handlers: own?.handlers.count ?? 0
                    )
                }
                if options.json {
                    try Terminal.json(rows)
                    return
                }
                let zh = options.language == .zhHans
                var table = TextTable(
                    columns: [
                        .init(zh ? "标识" : "id"), .init(zh ? "名称" : "name"), .init(zh ? "版本" : "version"),
                        .init(zh ? "服务范围" : "serves"), .init(zh ? "字段" : "fields", alignment: .right),
                        .init(zh ? "指标" : "indicators", alignment: .right),
                        .init(zh ? "报表章节" : "sections", alignment: .right),
                        .init(zh ? "事件处理" : "handlers", alignment: .right),
                    ]
                )
                for row in rows {
                    table.append([
                        row.manifest.id, row.manifest.name, row.manifest.version,
                        PluginCommand.scope(row.manifest.scope, zh: zh), "\(row.fields)", "\(row.indicators)",
                        "\(row.sections)", "\(row.handlers)",
                    ])
                }
                Terminal.out(table.render())
                Terminal.out(
                    zh
                        ? "共 \(rows.count) 个插件,内核插件接口 v\(PluginRegistry.kernelAPIVersion);详情:yizhan plugin show 标识"
                        : "\(rows.count) plugins, kernel plugin API v\(PluginRegistry.kernelAPIVersion); details: yizhan plugin show ID"
                )
            }
        }
    }

    /// `yizhan plugin show ID`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "显示插件登记的全部内容 / everything a plugin registers",
            discussion: """
                列出清单、品牌组成部分(含工作区 brands/<标识>.yaml 中的改名)、记录附加字段及取值、
                指标、报表章节、事件处理与声明的事件类型;--yaml 只输出插件自带的品牌 YAML,
                可复制到工作区 brands/<标识>.yaml 后改名。

                示例 / Example:
                  yizhan plugin show baibu-159
                  yizhan plugin show baibu-159 --yaml > 工作区/brands/baibu-159.yaml
                """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "插件标识 / plugin id")
        var id: String

        @Flag(help: "只输出插件自带的品牌 YAML / print only the bundled brand YAML")
        var yaml = false

        /// What `--json` prints.
        struct Output: Encodable {
            struct Field: Encodable {
                var id: String
                var name: LocalizedText
                var options: [String]?
            }
            struct Indicator: Encodable {
                var id: String
                var name: LocalizedText
                var unit: LocalizedText
                var period: String
            }
            struct Section: Encodable {
                var id: String
                var title: LocalizedText
            }
            var manifest: PluginManifest
            var elements: [String: String]
            var programs: [String]
            var fields: [Field]
            var indicators: [Indicator]
            var sections: [Section]
            var handles: [String]
            var emits: [String]
        }

        func run() async throws {
            try await options.reporting {
                let registry = try PluginCommand.registry(options)
                guard let manifest = registry.manifests.first(where: { $0.id == id }),
                    let own = registry.contributions[id]
                else {
                    throw ValidationError(
                        "没有插件 \(id);可选:\(registry.manifests.map(\.id).joined(separator: "、")) / no such plugin"
                    )
                }
                if yaml {
                    Terminal.out(own.programs.map(\.yaml).joined(separator: "\n---\n"))
                    return
                }
                let names = registry.elementNames[id] ?? [:]
                let output = Output(
                    manifest: manifest,
                    elements: names,
                    programs: own.programs.map(\.id),
                    fields: own.fields.map { .init(id: $0.id, name: $0.name, options: $0.options) },
                    indicators: own.indicators.map {
                        .init(id: $0.id, name: $0.name.filling(names), unit: $0.unit, period: $0.period)
                    },
                    sections: own.sections.map { .init(id: $0.id, title: $0.title.filling(names)) },
                    handles: own.handlers.map(\.type.rawValue),
                    emits: own.eventTypes.map(\.rawValue)
                )
                if options.json {
                    try Terminal.json(output)
                } else {
                    Terminal.out(render(output, language: options.language))
                }
            }
        }

        private func render(_ output: Output, language: Language) -> String {
            let zh = language == .zhHans
            let none = zh ? "(无)" : "(none)"
            var lines = [
                "\(output.manifest.name)(\(output.manifest.id) v\(output.manifest.version))",
                (zh ? "服务范围:" : "serves: ") + PluginCommand.scope(output.manifest.scope, zh: zh),
                (zh ? "内核插件接口:v" : "kernel plugin API: v") + "\(output.manifest.kernelAPIVersion)",
                "",
                zh
                    ? "品牌组成部分(名称可在工作区 brands/\(output.manifest.id).yaml 中改)"
                    : "Brand elements (rename in brands/\(output.manifest.id).yaml)",
            ]
            var elements = TextTable(columns: [.init(zh ? "标识" : "id"), .init(zh ? "名称" : "name")])
            for (id, name) in output.elements.sorted(by: { $0.key < $1.key }) { elements.append([id, name]) }
            lines.append(output.elements.isEmpty ? none : elements.render())
            lines += [
                "",
                zh ? "记录附加字段(yizhan record add --field 字段=取值)" : "Record fields (yizhan record add --field KEY=VALUE)",
            ]
            var fields = TextTable(
                columns: [.init(zh ? "字段" : "field"), .init(zh ? "名称" : "name"), .init(zh ? "取值" : "values")]
            )
            for field in output.fields {
                let values =
                    field.options.map { options in
                        options.map { option in output.elements[option].map { "\(option)(\($0))" } ?? option }
                            .joined(separator: zh ? "、" : ", ")
                    } ?? (zh ? "由插件校验" : "checked by the plugin")
                fields.append([field.id, field.name.text(in: language), values])
            }
            lines.append(output.fields.isEmpty ? none : fields.render())
            lines += ["", zh ? "指标" : "Indicators"]
            var indicators = TextTable(
                columns: [.init(zh ? "标识" : "id"), .init(zh ? "名称" : "name"), .init(zh ? "单位" : "unit")]
            )
            for indicator in output.indicators {
                indicators.append([indicator.id, indicator.name.text(in: language), indicator.unit.text(in: language)])
            }
            lines.append(output.indicators.isEmpty ? none : indicators.render())
            lines += ["", zh ? "报表章节(社工站报表)" : "Report sections (station report)"]
            lines +=
                output.sections.isEmpty ? [none] : output.sections.map { "  \($0.id)  \($0.title.text(in: language))" }
            lines += [
                "",
                (zh ? "品牌 YAML:" : "brand YAML: ")
                    + (output.programs.isEmpty ? none : output.programs.joined(separator: ", ")),
            ]
            lines.append(
                (zh ? "处理的事件:" : "handles: ") + (output.handles.isEmpty ? none : output.handles.joined(separator: ", "))
            )
            lines.append(
                (zh ? "声明的事件类型:" : "declares: ") + (output.emits.isEmpty ? none : output.emits.joined(separator: ", "))
            )
            return lines.joined(separator: "\n")
        }
    }
}
