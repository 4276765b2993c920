import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanRuntime
import YizhanWebhooks

/// The options of every `yizhan-notify` command: the workspace, the language and the subscriptions file.
struct NotifyOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions

    @Option(help: "订阅文件(默认工作区的 subscriptions.yaml) / subscriptions file")
    var subscriptions: String?

    /// The subscriptions file: --subscriptions, else the workspace's subscriptions.yaml.
    func subscriptionsURL(in workspace: Workspace) -> URL {
        subscriptions.map { URL(fileURLWithPath: $0) } ?? workspace.root.appendingPathComponent("subscriptions.yaml")
    }

    /// Loads and checks the subscriptions and resolves each one (URL placeholders, secrets).
    func endpoints(in workspace: Workspace) throws -> [Endpoint] {
        let url = subscriptionsURL(in: workspace)
        let file = try SubscriptionsFile.loadChecked(from: url, displayPath: subscriptions ?? url.relativePath)
        let environment = ProcessInfo.processInfo.environment
        return try file.subscriptions.map {
            try Endpoint.resolve($0, environment: environment, directory: url.deletingLastPathComponent())
        }
    }

    /// Opens the workspace, its store and its subscriptions and lends them to `body`.
    func withNotifier(_ body: (Workspace, any StationStore, [Endpoint]) async throws -> Void) async throws {
        try await global.reporting {
            let workspace = try global.openWorkspace()
            let endpoints = try endpoints(in: workspace)
            try await workspace.withStore { store in try await body(workspace, store, endpoints) }
        }
    }
}
