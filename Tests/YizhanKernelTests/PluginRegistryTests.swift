import Testing
import YizhanKernel

private let haiyan: DivisionCode = (try? DivisionCode("330424")) ?? { preconditionFailure("330424") }()

private struct SampleBrand: BrandPlugin {
    static let manifest = PluginManifest(
        id: "sample",
        name: "示例品牌",
        version: "1.0.0",
        kernelAPIVersion: 1,
        scope: .region(haiyan)
    )
    func register(into registry: inout PluginRegistry) throws {
        try registry.declareEventType(EventType(rawValue: "sample.happened"), by: Self.manifest.id)
    }
}

private struct FutureBrand: BrandPlugin {
    static let manifest = PluginManifest(
        id: "future",
        name: "未来品牌",
        version: "1.0.0",
        kernelAPIVersion: 99,
        scope: .region(haiyan)
    )
    func register(into registry: inout PluginRegistry) throws {}
}

private struct GreedyBrand: BrandPlugin {
    static let manifest = PluginManifest(
        id: "greedy",
        name: "越界品牌",
        version: "1.0.0",
        kernelAPIVersion: 1,
        scope: .region(haiyan)
    )
    func register(into registry: inout PluginRegistry) throws {
        try registry.declareEventType(.serviceRecorded, by: Self.manifest.id)
    }
}

struct PluginRegistryTests {
    @Test func registersOncePerPlugin() throws {
        let registry = try PluginRegistry.build([SampleBrand()])
        #expect(registry.manifests.map(\.id) == ["sample"])
        #expect(registry.eventTypes["sample"] == [EventType(rawValue: "sample.happened")])
        #expect(try PluginRegistry.build([SampleBrand()]).manifests == registry.manifests)
    }

    @Test func refusesDuplicatesAndIncompatibleKernels() {
        let duplicate = #expect(throws: PluginRegistryError.self) {
            try PluginRegistry.build([SampleBrand(), SampleBrand()])
        }
        #expect(duplicate?.message(in: .zhHans) == "插件标识 sample 重复注册")
        let future = #expect(throws: PluginRegistryError.self) { try PluginRegistry.build([FutureBrand()]) }
        #expect(future?.message(in: .en) == "plugin future needs kernel plugin API v99; this kernel has v1")
        #expect(throws: PluginRegistryError.self) { try PluginRegistry.build([GreedyBrand()]) }
    }
}
