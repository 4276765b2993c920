import Foundation
import Testing
import YizhanConfig
public import YizhanKernel

/// The contract every brand plugin's tests run: a valid manifest, bundled YAML that validates as a
/// brand file, indicators and sections that compute on the workspaces given (an empty one and the
/// demo), and handlers that emit only kernel or declared event types.
///
/// ```swift
/// @Test func conforms() async throws {
///     try await PluginConformance.check(Baibu159(), on: [emptyWorkspace, demoWorkspace])
/// }
/// ```
public enum PluginConformance {
    /// A workspace to compute on: its store, and the period to compute over.
    public struct Workspace: Sendable {
        /// What the workspace is, for messages (`empty`, `demo`).
        public var label: String
        /// Its store.
        public var store: any StationStore
        /// The period.
        public var period: CivilPeriod

        /// Creates one.
        public init(label: String, store: any StationStore, period: CivilPeriod) {
            self.label = label
            self.store = store
            self.period = period
        }
    }

    /// Records an issue for every part of the contract `plugin` breaks.
    public static func check(_ plugin: any BrandPlugin, on workspaces: [Workspace]) async throws {
        let manifest = type(of: plugin).manifest
        #expect(
            !manifest.id.isEmpty
                && manifest.id.utf8.allSatisfy {
                    (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D
                },
            "manifest id '\(manifest.id)': lower-case letters, digits and '-'"
        )
        #expect(!manifest.name.isEmpty, "manifest name is empty")
        let version = manifest.version.split(separator: ".", omittingEmptySubsequences: false)
        #expect(
            version.count == 3 && version.allSatisfy { Int($0) != nil },
            "version '\(manifest.version)': MAJOR.MINOR.PATCH"
        )
        #expect(
            manifest.kernelAPIVersion == PluginRegistry.kernelAPIVersion,
            "kernel API v\(manifest.kernelAPIVersion)"
        )
        let registry = try PluginRegistry.build([plugin])
        guard let own = registry.contributions[manifest.id] else {
            Issue.record("\(manifest.id) registered nothing")
            return
        }
        for program in own.programs {
            do {
                _ = try ConfigLoader.decode(
                    BrandFile.self,
                    from: Data(program.yaml.utf8),
                    file: "\(manifest.id)/\(program.id).yaml"
                )
            } catch {
                Issue.record("bundled YAML \(program.id) does not validate: \(error)")
            }
        }
        for workspace in workspaces {
            let stations = try await workspace.store.stations(in: .all).filter { manifest.scope.serves($0) }
            for station in stations {
                let context = PluginQueryContext(store: workspace.store, station: station, period: workspace.period)
                for indicator in own.indicators {
                    let value = try await indicator.compute(context)
                    #expect(value >= 0, "\(indicator.id) on \(workspace.label)/\(station.id): \(value)")
                }
                for section in own.sections {
                    let table = try await section.build(context)
                    #expect(
                        table.rows.allSatisfy { $0.count == table.columns.count },
                        "\(section.id) on \(workspace.label)/\(station.id): a row without one cell per column"
                    )
                }
            }
            // Every committed event a handler takes is fed to it; what it adds must be known.
            let types = Set(own.handlers.map(\.type))
            guard !types.isEmpty else { continue }
            let events = try await workspace.store.events(after: .start, limit: 100_000).map(\.event)
            _ = try registry.handle(events.filter { types.contains($0.type) })
        }
    }
}
