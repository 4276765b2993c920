public import Foundation

/// A plugin's bundled files (SwiftPM `resources:`), found beside the executable or test runner as
/// `<package>_<target>.resources`, with an error that names the folder instead of a crash when it is
/// missing (SwiftPM's generated `Bundle.module` stops the process).
///
/// ```swift
/// let yaml = try PluginResources(bundle: "yizhan_Baibu159").text("baibu-159.yaml")
/// ```
public struct PluginResources: Sendable {
    /// The resource bundle's folder name, `<package>_<target>.resources` without the extension.
    public var bundle: String
    /// Where to look, in order; the executable's folder by default.
    public var folders: [URL]

    /// Looks for `bundle` in `folders` (default: the folder of the running executable).
    public init(bundle: String, folders: [URL]? = nil) {
        self.bundle = bundle
        self.folders =
            folders
            ?? [Bundle.main.bundleURL, Bundle.main.executableURL?.deletingLastPathComponent()]
            .compactMap { $0 }
    }

    /// The UTF-8 text of the bundled file `name`.
    ///
    /// - Throws: `PluginResourceError` naming the folders searched when the file is not found.
    public func text(_ name: String) throws(PluginResourceError) -> String {
        for folder in folders {
            let file = folder.appendingPathComponent("\(bundle).resources").appendingPathComponent(name)
            if let data = FileManager.default.contents(atPath: file.path) {
                return String(decoding: data, as: UTF8.self)
            }
        }
        throw PluginResourceError(bundle: bundle, file: name, searched: folders.map(\.path))
    }
}

/// A plugin's bundled file that could not be found.
public struct PluginResourceError: Error, Hashable, Sendable, UserFacingError {
    /// The resource bundle's folder name.
    public var bundle: String
    /// The file looked for.
    public var file: String
    /// The folders searched.
    public var searched: [String]

    /// The message in the reader's language.
    public func message(in language: Language) -> String {
        let folders = searched.joined(separator: ", ")
        return switch language {
        case .zhHans: "找不到插件资源 \(bundle).resources/\(file)(查找了 \(folders));请把构建产物中的 \(bundle).resources 目录与可执行文件放在一起"
        case .en:
            "plugin resource \(bundle).resources/\(file) not found (searched \(folders)); keep the build's \(bundle).resources folder beside the executable"
        }
    }
}
