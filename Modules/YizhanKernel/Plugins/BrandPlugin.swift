/// A regional brand (一站一品) compiled into Yizhan: it declares a manifest and registers what it
/// contributes into the `PluginRegistry` built once at start-up. The kernel never imports a plugin;
/// the runtime lists the built-in ones in one place.
///
/// An implementation must be a value with no shared mutable state, and `register(into:)` must be
/// deterministic: registering twice into two registries gives equal registries.
public protocol BrandPlugin: Sendable {
    /// Who the plugin is and which kernel API it needs.
    static var manifest: PluginManifest { get }
    /// Adds the plugin's contributions to `registry`.
    ///
    /// - Throws: `PluginRegistryError` when a contribution clashes with one already registered.
    func register(into registry: inout PluginRegistry) throws
}

/// A plugin's identity and requirements.
public struct PluginManifest: Hashable, Sendable, Codable {
    /// A stable id, e.g. `baibu-159`.
    public var id: String
    /// The brand's name as people know it, e.g. 百步“159”工作法.
    public var name: String
    /// The plugin's own version.
    public var version: String
    /// The kernel plugin API version the plugin was written against.
    public var kernelAPIVersion: Int
    /// The station, or the region's stations, the plugin serves.
    public var scope: PluginScope

    /// Creates a manifest.
    public init(id: String, name: String, version: String, kernelAPIVersion: Int, scope: PluginScope) {
        self.id = id
        self.name = name
        self.version = version
        self.kernelAPIVersion = kernelAPIVersion
        self.scope = scope
    }
}
