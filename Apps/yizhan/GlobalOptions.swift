import ArgumentParser
import Foundation
import YizhanKernel
import YizhanRuntime

/// The options every command takes: the workspace, the language and the output format.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "工作区目录(默认 $YIZHAN_WORKSPACE 或当前目录) / workspace folder")
    var workspace: String?

    @Option(name: .long, help: "输出语言:zh(默认)或 en / output language")
    var lang: LanguageOption = .zh

    @Flag(name: .long, help: "输出 JSON,供脚本使用 / print JSON for scripts")
    var json = false

    /// The language to speak.
    var language: Language { lang.language }

    /// The workspace folder: --workspace, else $YIZHAN_WORKSPACE, else the current folder.
    var workspaceURL: URL {
        URL(fileURLWithPath: workspace ?? Environment.value("YIZHAN_WORKSPACE") ?? ".")
    }

    /// Opens the workspace.
    func openWorkspace() throws -> Workspace { try Workspace.open(at: workspaceURL) }

    /// Opens the workspace and lends its store to `body`, reporting errors like `reporting`.
    func withStore(_ body: (Workspace, any StationStore) async throws -> Void) async throws {
        try await reporting {
            let workspace = try openWorkspace()
            try await workspace.withStore { store in try await body(workspace, store) }
        }
    }

    /// Runs `body`, printing a user-facing error in the chosen language and exiting 1 on failure.
    func reporting(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as any UserFacingError {
            Terminal.error(error.message(in: language))
            throw ExitCode.failure
        }
    }
}

/// `--lang` values.
enum LanguageOption: String, ExpressibleByArgument, CaseIterable {
    case zh
    case en

    var language: Language { self == .zh ? .zhHans : .en }
}

/// Reads the process environment.
enum Environment {
    /// The value of `name`, if set and not empty.
    static func value(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }
}
