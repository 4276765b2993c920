public import YizhanKernel

/// The brand plugins compiled into Yizhan, listed in this one place; the apps build their registry
/// from it once at start-up. A plugin is added here and in Package.swift (docs in Plugins/README.md).
public enum BrandCatalog {
    /// The built-in plugins, in registration order. No regional plugin is written yet: the
    /// brands in `config/brands/` are YAML alone.
    public static let builtIn: [any BrandPlugin] = []

    /// The registry of the built-in plugins.
    ///
    /// - Throws: `PluginRegistryError` when two plugins clash or one needs another kernel API.
    public static func registry() throws -> PluginRegistry {
        try PluginRegistry.build(builtIn)
    }
}
