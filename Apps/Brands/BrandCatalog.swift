import Baibu159
import GanpuSanrongSanru
import Tongyuan1398
public import YizhanKernel
public import YizhanRuntime

/// The brand plugins compiled into Yizhan, listed in this one place for every app; each builds its
/// registry from it once at start-up. A plugin is added here and in Package.swift (docs/plugins.md).
public enum BrandCatalog {
    /// The built-in plugins, in registration order: the three methods seed 000 §二.二 names.
    public static let builtIn: [any BrandPlugin] = [Baibu159(), GanpuSanrongSanru(), Tongyuan1398()]

    /// The registry of the built-in plugins, their elements named by their YAML and renamed by
    /// `workspace` (if given).
    ///
    /// - Throws: `PluginRegistryError` or `ConfigErrors` (see `PluginSetup.registry`).
    public static func registry(for workspace: Workspace? = nil) throws -> PluginRegistry {
        try PluginSetup.registry(builtIn, for: workspace)
    }
}
