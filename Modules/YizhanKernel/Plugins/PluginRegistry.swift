/// Everything the compiled-in plugins contribute, built once at start-up and passed down as a value.
///
/// ```swift
/// let registry = try PluginRegistry.build([Baibu159()])
/// ```
public struct PluginRegistry: Sendable, Hashable {
    /// The plugin API version this kernel provides; a plugin that needs another is refused.
    public static let kernelAPIVersion = 1

    /// The manifests of the registered plugins, in registration order.
    public private(set) var manifests: [PluginManifest] = []
    /// Event types plugins declared they emit, by plugin id.
    public private(set) var eventTypes: [String: [EventType]] = [:]

    /// An empty registry.
    public init() {}

    /// A registry holding each of `plugins`, refusing duplicates and incompatible API versions.
    public static func build(_ plugins: [any BrandPlugin]) throws(PluginRegistryError) -> PluginRegistry {
        var registry = PluginRegistry()
        for plugin in plugins {
            let manifest = type(of: plugin).manifest
            guard manifest.kernelAPIVersion == kernelAPIVersion else {
                throw PluginRegistryError(plugin: manifest.id, reason: .incompatibleAPI(manifest.kernelAPIVersion))
            }
            guard !registry.manifests.contains(where: { $0.id == manifest.id }) else {
                throw PluginRegistryError(plugin: manifest.id, reason: .duplicateID)
            }
            registry.manifests.append(manifest)
            do {
                try plugin.register(into: &registry)
            } catch let error as PluginRegistryError {
                throw error
            } catch {
                throw PluginRegistryError(plugin: manifest.id, reason: .registrationFailed(String(describing: error)))
            }
        }
        return registry
    }

    /// Declares that plugin `pluginID` emits events of `type`; kernel types and duplicates are refused.
    public mutating func declareEventType(_ type: EventType, by pluginID: String) throws(PluginRegistryError) {
        let taken = EventType.kernelTypes.contains(type) || eventTypes.values.contains { $0.contains(type) }
        guard !taken else { throw PluginRegistryError(plugin: pluginID, reason: .duplicateEventType(type)) }
        eventTypes[pluginID, default: []].append(type)
    }
}

/// A plugin the registry refused, and why.
public struct PluginRegistryError: Error, Hashable, Sendable, UserFacingError {
    /// The plugin's id.
    public var plugin: String
    let reason: Reason

    enum Reason: Hashable, Sendable {
        case incompatibleAPI(Int)
        case duplicateID
        case duplicateEventType(EventType)
        case registrationFailed(String)
    }

    /// The message in the reader's language.
    public func message(in language: Language) -> String {
        let current = PluginRegistry.kernelAPIVersion
        return switch (reason, language) {
        case (.incompatibleAPI(let needed), .zhHans): "插件 \(plugin) 需要内核插件接口 v\(needed),本版本提供 v\(current)"
        case (.incompatibleAPI(let needed), .en):
            "plugin \(plugin) needs kernel plugin API v\(needed); this kernel has v\(current)"
        case (.duplicateID, .zhHans): "插件标识 \(plugin) 重复注册"
        case (.duplicateID, .en): "plugin id \(plugin) is registered twice"
        case (.duplicateEventType(let type), .zhHans): "插件 \(plugin) 声明的事件类型 \(type) 已被占用"
        case (.duplicateEventType(let type), .en): "plugin \(plugin) declares event type \(type), which is taken"
        case (.registrationFailed(let why), .zhHans): "插件 \(plugin) 注册失败:\(why)"
        case (.registrationFailed(let why), .en): "plugin \(plugin) failed to register: \(why)"
        }
    }
}
