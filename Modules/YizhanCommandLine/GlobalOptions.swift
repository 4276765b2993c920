public import ArgumentParser
public import Foundation
public import YizhanKernel
public import YizhanRuntime

/// The options every command takes: the workspace, the language and the output format.
public struct GlobalOptions: ParsableArguments {
    /// Options with their defaults (ArgumentParser fills them from the command line).
    public init() {}

    @Option(name: .long, help: "工作区目录(默认 $YIZHAN_WORKSPACE 或当前目录) / workspace folder")
    public var workspace: String?

    @Option(name: .long, help: "输出语言:zh(默认)或 en / output language")
    public var lang: LanguageOption = .zh

    @Flag(name: .long, help: "输出 JSON,供脚本使用 / print JSON for scripts")
    public var json = false

    /// The language to speak.
    public var language: Language { lang.language }

    /// The workspace folder: --workspace, else $YIZHAN_WORKSPACE, else the current folder.
    public var workspaceURL: URL {
        URL(fileURLWithPath: workspace ?? Environment.value("YIZHAN_WORKSPACE") ?? ".")
    }

    /// Opens the workspace.
    public func openWorkspace() throws -> Workspace { try Workspace.open(at: workspaceURL) }

    /// Opens the workspace and lends its store to `body`, reporting errors like `reporting`.
    public func withStore(_ body: (Workspace, any StationStore) async throws -> Void) async throws {
        try await reporting {
            let workspace = try openWorkspace()
            try await workspace.withStore { store in try await body(workspace, store) }
        }
    }

    /// Runs `body`, printing a user-facing error in the chosen language and exiting 1 on failure;
    /// with `--json` the error is one JSON object on standard error, so that a script reads it too.
    public func reporting(_ body: () async throws -> Void) async throws {
        do {
            do {
                try await body()
            } catch let error as StoreError {
                // A rule the checks missed reaches a person as the field to fix (issue 21.6).
                throw InputError(constraint: error) ?? error
            }
        } catch let error as any UserFacingError {
            if json {
                Terminal.errorJSON(ErrorDocument(error))
            } else {
                Terminal.error(error.message(in: language))
            }
            throw ExitCode.failure
        }
    }
}

/// `--lang` values.
public enum LanguageOption: String, ExpressibleByArgument, CaseIterable {
    /// 简体中文.
    case zh
    /// English.
    case en

    /// The language the option stands for.
    public var language: Language { self == .zh ? .zhHans : .en }
}

/// Reads the process environment.
public enum Environment {
    /// The value of `name`, if set and not empty.
    public static func value(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }
}
