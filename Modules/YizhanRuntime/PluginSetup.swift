import Foundation
import YizhanConfig
public import YizhanKernel

/// How the runtime sets up the brand plugins the apps hand it (their one list is `BrandCatalog` in
/// `Apps/Brands`): the registry, with each plugin's brand elements named by its bundled YAML and
/// renamed by the workspace. The runtime imports no plugin.
public enum PluginSetup {
    /// The folder of a workspace where a station renames a plugin's brand elements:
    /// `brands/<plugin id>.yaml`, a brand file with the plugin's id and element ids.
    public static let renamesFolder = "brands"

    /// The registry of `plugins`, their brand elements named by their bundled YAML, then by the
    /// renames in `workspace` (if given).
    ///
    /// - Throws: `PluginRegistryError` when two plugins clash, one needs another kernel API or cannot
    ///   read its resources; `ConfigErrors` when a bundled or renaming brand file does not validate.
    public static func registry(
        _ plugins: [any BrandPlugin],
        for workspace: Workspace? = nil
    ) throws -> PluginRegistry {
        var registry = try PluginRegistry.build(plugins)
        for manifest in registry.manifests {
            var defaults: [String: String] = [:]
            for program in registry.contributions[manifest.id]?.programs ?? [] {
                let brand = try ConfigLoader.decode(
                    BrandFile.self,
                    from: Data(program.yaml.utf8),
                    file: "\(manifest.id)/\(program.id).yaml"
                )
                for element in brand.elements ?? [] { defaults[element.id] = element.name }
            }
            try registry.name(defaults, of: manifest.id)
            if let workspace {
                try registry.name(try renames(of: manifest, known: defaults, in: workspace), of: manifest.id)
            }
        }
        return registry
    }

    /// The element names `workspace` gives plugin `manifest`'s brand, if it has a renaming file.
    static func renames(
        of manifest: PluginManifest,
        known: [String: String],
        in workspace: Workspace
    ) throws(ConfigErrors) -> [String: String] {
        let file = workspace.root.appendingPathComponent(renamesFolder).appendingPathComponent("\(manifest.id).yaml")
        guard FileManager.default.fileExists(atPath: file.path) else { return [:] }
        let shown = "\(renamesFolder)/\(manifest.id).yaml"
        let brand = try ConfigLoader.load(BrandFile.self, from: file, displayPath: shown)
        var problems: [ConfigError] = []
        if brand.id != manifest.id {
            problems.append(
                ConfigError(
                    code: .inconsistent,
                    file: shown,
                    keyPath: "id",
                    detail: LocalizedText("应为插件标识 \(manifest.id)", en: "expected the plugin's id \(manifest.id)")
                )
            )
        }
        for (index, element) in (brand.elements ?? []).enumerated() where known[element.id] == nil {
            problems.append(
                ConfigError(
                    code: .inconsistent,
                    file: shown,
                    keyPath: "elements[\(index)].id",
                    detail: LocalizedText(
                        "插件 \(manifest.id) 没有组成部分 \(element.id);可改名的有:\(known.keys.sorted().joined(separator: "、"))",
                        en:
                            "plugin \(manifest.id) has no element \(element.id); known: \(known.keys.sorted().joined(separator: ", "))"
                    )
                )
            )
        }
        guard problems.isEmpty else { throw ConfigErrors(problems) }
        return Dictionary((brand.elements ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { _, last in last })
    }
}
