public import YizhanKernel

/// 百步镇“159”工作法 (seed 000 §二.二): 1 position, 5-colour bridge governance, 9 livelihood brand
/// projects. Service records carry the bridge a governance matter went over and the project they
/// served; the plugin counts matters per bridge and work per project.
public struct Baibu159: BrandPlugin {
    /// The station it serves.
    static let station: StationID = {
        guard let id = try? StationID("baibu") else { preconditionFailure("Baibu159: station id 'baibu'") }
        return id
    }()

    public static let manifest = PluginManifest(
        id: "baibu-159",
        name: "百步“159”工作法",
        version: "1.0.0",
        kernelAPIVersion: PluginRegistry.kernelAPIVersion,
        scope: .station(station)
    )

    /// The field naming the bridge (色桥) a record's governance matter went over.
    public static let bridgeField = "baibu-159.bridge"
    /// The field naming the livelihood brand project (民生品牌项目) a record served.
    public static let projectField = "baibu-159.project"
    /// The five bridges' element ids; their names are in the bundled YAML.
    public static let bridges = (1...5).map { "bridge\($0)" }
    /// The nine projects' element ids.
    public static let projects = (1...9).map { "project\($0)" }

    let resources: PluginResources

    /// Creates the plugin, reading its YAML from `resources`.
    public init(resources: PluginResources = PluginResources(bundle: "yizhan_Baibu159")) {
        self.resources = resources
    }

    public func register(into registry: inout PluginRegistry) throws {
        let id = Self.manifest.id
        try registry.add(PluginProgramDefinition(id: id, yaml: try resources.text("baibu-159.yaml")), by: id)
        try registry.add(
            PluginRecordField(
                id: Self.bridgeField,
                name: LocalizedText("5色桥治理:色桥", en: "five-colour bridges: bridge"),
                options: Self.bridges
            ),
            by: id
        )
        try registry.add(
            PluginRecordField(
                id: Self.projectField,
                name: LocalizedText("9大民生品牌项目", en: "nine livelihood brand projects"),
                options: Self.projects
            ),
            by: id
        )
        for bridge in Self.bridges {
            try registry.add(
                PluginIndicator(
                    id: "\(id).\(bridge)",
                    name: LocalizedText("{\(bridge)}治理事项", en: "{\(bridge)}: governance matters"),
                    unit: LocalizedText("件", en: "matters")
                ) { context in
                    try await context.serviceTotals(fields: [Self.bridgeField])
                        .first { $0.fieldValues == [bridge] }?.records ?? 0
                },
                by: id
            )
        }
        try registry.add(
            PluginReportSection(
                id: "\(id).bridges",
                title: LocalizedText("5色桥治理:各桥治理事项", en: "Five-colour bridges: matters per bridge"),
                note: LocalizedText(
                    "带“色桥”字段的服务记录,每条计一件治理事项;桥与项目名称为默认名称,可在工作区 brands/baibu-159.yaml 中改名。",
                    en:
                        "Service records carrying a bridge, one matter each; bridge and project names are defaults a station may rename in brands/baibu-159.yaml."
                )
            ) { context in
                try await context.elementTable(
                    field: Self.bridgeField,
                    elements: Self.bridges,
                    heading: .init("element", LocalizedText("色桥", en: "bridge"))
                )
            },
            by: id
        )
        try registry.add(
            PluginReportSection(
                id: "\(id).projects",
                title: LocalizedText("9大民生品牌项目", en: "Nine livelihood brand projects")
            ) { context in
                try await context.elementTable(
                    field: Self.projectField,
                    elements: Self.projects,
                    heading: .init("element", LocalizedText("项目", en: "project"))
                )
            },
            by: id
        )
    }
}
