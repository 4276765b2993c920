import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanKernel

extension PluginCommand {
    /// `yizhan plugin new NAME`: a plugin folder with a passing test, and the Package.swift lines to add.
    struct New: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "生成新品牌插件的骨架(含一个能通过的测试) / scaffold a brand plugin with a passing test",
            discussion: """
                在 --folder(默认 Plugins)下生成 NAME/(插件、Resources/品牌 YAML)与 NAMETests/(测试),
                然后打印要加入 Package.swift 的几行。已有同名目录时不覆盖。详见 docs/plugins.md。

                示例 / Example:
                  yizhan plugin new Xitangqiao99 --station xitangqiao --brand 西塘桥“99”公益
                """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "插件名(大驼峰英文,如 Xitangqiao99) / plugin name, UpperCamelCase")
        var name: String

        @Option(help: "服务的社工站标识 / the station it serves")
        var station: String

        @Option(help: "品牌名称(默认同插件名) / the brand's name")
        var brand: String?

        @Option(help: "插件标识(默认由插件名转为小写连字符) / plugin id")
        var id: String?

        @Option(help: "放置插件的目录 / the folder to create it in")
        var folder = "Plugins"

        func validate() throws {
            guard let first = name.unicodeScalars.first, ("A"..."Z").contains(first),
                name.unicodeScalars.allSatisfy({
                    ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0)
                })
            else {
                throw ValidationError("插件名应为大驼峰英文字母与数字,如 Xitangqiao99 / NAME: UpperCamelCase letters and digits")
            }
            guard (try? StationID(station)) != nil else {
                throw ValidationError("--station “\(station)” 不是有效的社工站标识 / not a station id")
            }
            guard Self.isPluginID(pluginID) else {
                throw ValidationError("插件标识“\(pluginID)”应为小写字母、数字与 - / plugin id: lower-case letters, digits and '-'")
            }
        }

        /// Lower-case letters, digits and '-', as the conformance suite requires.
        static func isPluginID(_ id: String) -> Bool {
            !id.isEmpty && id.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
        }

        /// The plugin id: `--id`, else the name in lower case with '-' before each inner capital.
        var pluginID: String {
            if let id { return id }
            var result = ""
            for (index, character) in name.enumerated() {
                if character.isUppercase && index > 0 { result += "-" }
                result += character.lowercased()
            }
            return result
        }

        func run() async throws {
            try await options.reporting {
                let root = URL(fileURLWithPath: folder)
                let source = root.appendingPathComponent(name)
                let tests = root.appendingPathComponent("\(name)Tests")
                let manager = FileManager.default
                for existing in [source, tests] where manager.fileExists(atPath: existing.path) {
                    throw ValidationError("\(existing.path) 已存在,未改动任何文件 / exists; nothing written")
                }
                let files: [(URL, String)] = [
                    (source.appendingPathComponent("\(name).swift"), pluginSource),
                    (source.appendingPathComponent("Resources/\(pluginID).yaml"), brandYAML),
                    (tests.appendingPathComponent("\(name)Tests.swift"), testSource),
                ]
                for (url, text) in files {
                    try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(text.utf8).write(to: url, options: .withoutOverwriting)
                }
                if options.json {
                    try Terminal.json(["files": files.map(\.0.path), "package": [packageLines]])
                    return
                }
                let zh = options.language == .zhHans
                Terminal.out(zh ? "已生成:" : "created:")
                for (url, _) in files { Terminal.out("  \(url.path)") }
                Terminal.out("")
                Terminal.out(zh ? "在 Package.swift 的 targets 中加入:" : "add to Package.swift's targets:")
                Terminal.out(packageLines)
                Terminal.out("")
                Terminal.out(
                    zh
                        ? "再把 \"\(name)\" 加入 YizhanBrands 的 dependencies,把 \(name)() 加入 Apps/Brands/BrandCatalog.swift 的 builtIn;然后运行 swift test --filter \(name)Tests。"
                        : "then add \"\(name)\" to YizhanBrands' dependencies and \(name)() to BrandCatalog.builtIn in Apps/Brands/BrandCatalog.swift; run swift test --filter \(name)Tests."
                )
            }
        }

        var packageLines: String {
            """
                    .target(
                        name: "\(name)",
                        dependencies: ["YizhanKernel"],
                        path: "\(folder)/\(name)",
                        resources: [.copy("Resources/\(pluginID).yaml")]
                    ),
                    .testTarget(
                        name: "\(name)Tests",
                        dependencies: ["\(name)", "YizhanKernel", "YizhanPluginTesting", "YizhanSQLite"],
                        path: "\(folder)/\(name)Tests"
                    ),
            """
        }

        var brandYAML: String {
            """
            # yaml-language-server: $schema=../../../config/schema/brand.schema.json
            # \(brand ?? name) 的品牌构成。source 写明出处(种子、章节);出处只给名称或数目的,标为默认名称,站点可改名。
            id: \(pluginID)
            name: \(brand ?? name)
            station: \(station)
            source: 待填写:种子与章节
            elements:
              - { id: part1, name: 组成部分一, note: 默认名称 }

            """
        }

        var pluginSource: String {
            """
            public import YizhanKernel

            /// \(brand ?? name): what the plugin adds, in one line.
            public struct \(name): BrandPlugin {
                /// The station it serves.
                static let station: StationID = {
                    guard let id = try? StationID("\(station)") else { preconditionFailure("\(name): station id '\(station)'") }
                    return id
                }()

                public static let manifest = PluginManifest(
                    id: "\(pluginID)",
                    name: "\(brand ?? name)",
                    version: "0.1.0",
                    kernelAPIVersion: PluginRegistry.kernelAPIVersion,
                    scope: .station(station)
                )

                /// The field naming the brand element a record served.
                public static let partField = "\(pluginID).part"

                let resources: PluginResources

                /// Creates the plugin, reading its YAML from `resources`.
                public init(resources: PluginResources = PluginResources(bundle: "yizhan_\(name)")) {
                    self.resources = resources
                }

                public func register(into registry: inout PluginRegistry) throws {
                    let id = Self.manifest.id
                    try registry.add(PluginProgramDefinition(id: id, yaml: try resources.text("\(pluginID).yaml")), by: id)
                    try registry.add(
                        PluginRecordField(id: Self.partField, name: LocalizedText("品牌组成部分", en: "brand element"), options: ["part1"]),
                        by: id
                    )
                    try registry.add(
                        PluginIndicator(
                            id: "\\(id).part1",
                            name: LocalizedText("“{part1}”服务人次", en: "{part1}: person-times"),
                            unit: LocalizedText("人次", en: "person-times")
                        ) { context in
                            try await context.serviceTotals(fields: [Self.partField]).first { $0.fieldValues == ["part1"] }?.personTimes ?? 0
                        },
                        by: id
                    )
                }
            }

            """
        }

        var testSource: String {
            """
            import Foundation
            import Testing
            import YizhanKernel
            import YizhanPluginTesting
            import YizhanSQLite
            import \(name)

            struct \(name)Tests {
                @Test func keepsThePluginContract() async throws {
                    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)Tests-\\(UUID())")
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    defer { try? FileManager.default.removeItem(at: folder) }
                    let store = try SQLiteStore(path: folder.appendingPathComponent("empty.sqlite").path)
                    try await store.migrate()
                    try await PluginConformance.check(
                        \(name)(),
                        on: [.init(label: "empty", store: store, period: try CivilPeriod.year(2021))]
                    )
                    let registry = try PluginRegistry.build([\(name)()])
                    #expect(registry.contributions["\(pluginID)"]?.indicators.map(\\.id) == ["\(pluginID).part1"])
                }
            }

            """
        }
    }
}
