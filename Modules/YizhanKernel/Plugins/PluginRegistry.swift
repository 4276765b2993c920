/// Everything the compiled-in plugins contribute, built once at start-up and passed down as a value:
/// program definitions, record fields, indicators, report sections and event handlers, each under
/// the plugin that registered it.
///
/// ```swift
/// let registry = try PluginRegistry.build([Baibu159()])
/// for section in registry.sections(for: station) { … }
/// ```
public struct PluginRegistry: Sendable {
    /// The plugin API version this kernel provides; a plugin that needs another is refused.
    public static let kernelAPIVersion = 1

    /// What one plugin contributes, in registration order.
    public struct Contributions: Sendable {
        /// Its program definitions.
        public internal(set) var programs: [PluginProgramDefinition] = []
        /// Its extra record fields.
        public internal(set) var fields: [PluginRecordField] = []
        /// Its indicators.
        public internal(set) var indicators: [PluginIndicator] = []
        /// Its report sections.
        public internal(set) var sections: [PluginReportSection] = []
        /// Its event handlers.
        public internal(set) var handlers: [PluginEventHandler] = []
        /// The event types it declared it emits.
        public internal(set) var eventTypes: [EventType] = []
    }

    /// The manifests of the registered plugins, in registration order.
    public private(set) var manifests: [PluginManifest] = []
    /// Each plugin's contributions, by plugin id.
    public private(set) var contributions: [String: Contributions] = [:]
    /// The names of each plugin's brand elements (bridges, projects, parties …) by element id, by
    /// plugin id: its bundled YAML's defaults, overlaid with the workspace's renames. The runtime
    /// fills them (`BrandCatalog.registry(for:)`); a registry built without them shows element ids.
    public private(set) var elementNames: [String: [String: String]] = [:]
    private var taken: Set<String> = []

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
            registry.contributions[manifest.id] = Contributions()
            do {
                try plugin.register(into: &registry)
            } catch let error as PluginRegistryError {
                throw error
            } catch let error as any UserFacingError {
                let why = LocalizedText(error.message(in: .zhHans), en: error.message(in: .en))
                throw PluginRegistryError(plugin: manifest.id, reason: .registrationFailed(why))
            } catch {
                let why = String(describing: error)
                throw PluginRegistryError(plugin: manifest.id, reason: .registrationFailed(LocalizedText(why, en: why)))
            }
        }
        return registry
    }

    // MARK: Registering

    /// Declares that plugin `pluginID` emits events of `type`; kernel types and duplicates are refused.
    public mutating func declareEventType(_ type: EventType, by pluginID: String) throws(PluginRegistryError) {
        let declared = contributions.values.contains { $0.eventTypes.contains(type) }
        guard !EventType.kernelTypes.contains(type) && !declared else {
            throw PluginRegistryError(plugin: pluginID, reason: .duplicateEventType(type))
        }
        try update(pluginID) { $0.eventTypes.append(type) }
    }

    /// Adds the program definitions in `program`.
    public mutating func add(_ program: PluginProgramDefinition, by pluginID: String) throws(PluginRegistryError) {
        try claim("program", program.id, by: pluginID)
        try update(pluginID) { $0.programs.append(program) }
    }

    /// Adds an extra record field.
    public mutating func add(_ field: PluginRecordField, by pluginID: String) throws(PluginRegistryError) {
        try claim("field", field.id, by: pluginID)
        try update(pluginID) { $0.fields.append(field) }
    }

    /// Adds an indicator.
    public mutating func add(_ indicator: PluginIndicator, by pluginID: String) throws(PluginRegistryError) {
        try claim("indicator", indicator.id, by: pluginID)
        try update(pluginID) { $0.indicators.append(indicator) }
    }

    /// Adds a report section.
    public mutating func add(_ section: PluginReportSection, by pluginID: String) throws(PluginRegistryError) {
        try claim("section", section.id, by: pluginID)
        try update(pluginID) { $0.sections.append(section) }
    }

    /// Adds an event handler; the events it handles must be the kernel's or declared by a plugin.
    public mutating func add(_ handler: PluginEventHandler, by pluginID: String) throws(PluginRegistryError) {
        let declared = contributions.values.contains { $0.eventTypes.contains(handler.type) }
        guard EventType.kernelTypes.contains(handler.type) || declared else {
            throw PluginRegistryError(plugin: pluginID, reason: .undeclaredEventType(handler.type))
        }
        try update(pluginID) { $0.handlers.append(handler) }
    }

    /// Names the elements of plugin `pluginID`; later names replace earlier ones of the same id.
    ///
    /// - Throws: `PluginRegistryError` when no such plugin is registered.
    public mutating func name(_ names: [String: String], of pluginID: String) throws(PluginRegistryError) {
        guard manifests.contains(where: { $0.id == pluginID }) else {
            throw PluginRegistryError(plugin: pluginID, reason: .notBuilding)
        }
        elementNames[pluginID, default: [:]].merge(names) { _, new in new }
    }

    // MARK: Reading

    /// The event types plugins declared, by plugin id.
    public var eventTypes: [String: [EventType]] { contributions.mapValues(\.eventTypes).filter { !$0.value.isEmpty } }

    /// The manifests of the plugins that serve `station`, in registration order.
    public func plugins(serving station: Station) -> [PluginManifest] {
        manifests.filter { $0.scope.serves(station) }
    }

    /// The indicators of the plugins serving `station`.
    public func indicators(for station: Station) -> [PluginIndicator] {
        plugins(serving: station).flatMap { contributions[$0.id]?.indicators ?? [] }
    }

    /// The report sections of the plugins serving `station`.
    public func sections(for station: Station) -> [PluginReportSection] {
        plugins(serving: station).flatMap { contributions[$0.id]?.sections ?? [] }
    }

    /// The extra record fields of the plugins serving `station`.
    public func fields(for station: Station) -> [PluginRecordField] {
        plugins(serving: station).flatMap { contributions[$0.id]?.fields ?? [] }
    }

    /// The events the handlers add for `events` (one pass: handlers do not see each other's events),
    /// to be committed in the same transaction.
    ///
    /// - Throws: `PluginRegistryError` when a handler fails or emits an event type that is neither
    ///   the kernel's nor declared by its plugin.
    public func handle(_ events: [DomainEvent]) throws(PluginRegistryError) -> [DomainEvent] {
        var added: [DomainEvent] = []
        for manifest in manifests {
            let own = contributions[manifest.id] ?? Contributions()
            for handler in own.handlers {
                for event in events where event.type == handler.type {
                    let produced: [DomainEvent]
                    do {
                        produced = try handler.handle(event)
                    } catch {
                        throw PluginRegistryError(
                            plugin: manifest.id,
                            reason: .handlerFailed(String(describing: error))
                        )
                    }
                    for new in produced
                    where !EventType.kernelTypes.contains(new.type) && !own.eventTypes.contains(new.type) {
                        throw PluginRegistryError(plugin: manifest.id, reason: .undeclaredEventType(new.type))
                    }
                    added += produced
                }
            }
        }
        return added
    }

    private mutating func claim(_ kind: String, _ id: String, by pluginID: String) throws(PluginRegistryError) {
        guard taken.insert("\(kind):\(id)").inserted else {
            throw PluginRegistryError(plugin: pluginID, reason: .duplicateContribution(kind, id))
        }
    }

    private mutating func update(
        _ pluginID: String,
        _ change: (inout Contributions) -> Void
    ) throws(PluginRegistryError) {
        guard var own = contributions[pluginID] else {
            throw PluginRegistryError(plugin: pluginID, reason: .notBuilding)
        }
        change(&own)
        contributions[pluginID] = own
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
        case duplicateContribution(String, String)
        case undeclaredEventType(EventType)
        case handlerFailed(String)
        case notBuilding
        case registrationFailed(LocalizedText)
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
        case (.duplicateContribution(let kind, let id), .zhHans): "插件 \(plugin) 注册的\(kind)“\(id)”已被占用;请换一个标识"
        case (.duplicateContribution(let kind, let id), .en):
            "plugin \(plugin) registers \(kind) '\(id)', which is taken; choose another id"
        case (.undeclaredEventType(let type), .zhHans): "插件 \(plugin) 的事件处理产生了未声明的事件类型 \(type);请先 declareEventType"
        case (.undeclaredEventType(let type), .en):
            "plugin \(plugin)'s handler emitted undeclared event type \(type); call declareEventType first"
        case (.handlerFailed(let why), .zhHans): "插件 \(plugin) 的事件处理失败:\(why)"
        case (.handlerFailed(let why), .en): "plugin \(plugin)'s event handler failed: \(why)"
        case (.notBuilding, .zhHans): "插件 \(plugin) 不在注册中;只能在 register(into:) 里为自己注册"
        case (.notBuilding, .en):
            "plugin \(plugin) is not being registered; register only for yourself in register(into:)"
        case (.registrationFailed(let why), .zhHans): "插件 \(plugin) 注册失败:\(why.zhHans)"
        case (.registrationFailed(let why), .en): "plugin \(plugin) failed to register: \(why.en)"
        }
    }
}
