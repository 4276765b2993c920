public import Foundation
import YizhanKernel
import YizhanRuntime

/// Finds a configuration file shipped with Yizhan (`config/demo/haiyan.yaml`,
/// `config/ledgers/headers.yaml`): from the current folder up, then from the executable's folder up.
public enum ShippedConfig {
    /// The file at `relative` in the nearest folder that has it.
    ///
    /// - Parameter option: the command-line option that names the file instead, for the message.
    /// - Throws: `RuntimeError` `.noWorkspace` saying where it looked and which option to pass.
    public static func locate(_ relative: String, option: String) throws -> URL {
        // The executable's own path, not `arguments[0]`: run from the PATH, that is only its name.
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
            .resolvingSymlinksInPath()
        let starts = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath), executable.deletingLastPathComponent(),
        ]
        for start in starts {
            var folder = start.standardized
            while true {
                let candidate = folder.appendingPathComponent(relative)
                if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        throw RuntimeError(
            code: .noWorkspace,
            detail: LocalizedText(
                "找不到 \(relative);请在驿站源码目录中运行,或用 \(option) 指定",
                en: "cannot find \(relative); run from the Yizhan source folder or pass \(option)"
            )
        )
    }
}
