public import Foundation
public import YizhanKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes a file it makes — reports, exports, refused-row lists, schemas, metrics:
/// the one function they all go through (issue 21.5).
///
/// - `-` is standard output.
/// - A device, pipe or socket (`/dev/null`, `/dev/stdout`, a FIFO) is written into as it is, never
///   replaced.
/// - A regular file or a new path is written atomically: into a temporary file beside it, then
///   renamed over it, so that a reader never sees half a file and a failed write leaves the old one.
/// - A path in a folder that does not exist, or a path that is a folder, is refused.
public struct OutputFile: Sendable, Hashable, CustomStringConvertible {
    /// The path as given (`-` for standard output).
    public let path: String

    /// An output at `path`.
    public init(_ path: String) { self.path = path }

    /// Whether the output is standard output, so that messages about it go to standard error.
    public var isStandardOutput: Bool { path == "-" }

    public var description: String { isStandardOutput ? "标准输出 / standard output" : path }

    /// Writes `data`; a file made or replaced gets `permissions` (0600 for personal data).
    public func write(_ data: Data, permissions: Int = 0o644) throws(OutputFileError) {
        if isStandardOutput {
            FileHandle.standardOutput.write(data)
            return
        }
        var info = stat()
        if stat(path, &info) == 0 {
            switch info.st_mode & mode_t(S_IFMT) {
            case mode_t(S_IFDIR): throw OutputFileError(path: path, reason: .isFolder)
            case mode_t(S_IFREG): break
            default:
                try writeInPlace(data)
                return
            }
        }
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let folder = target.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw OutputFileError(path: path, reason: .noFolder(folder.path))
        }
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        guard
            FileManager.default.createFile(
                atPath: temporary.path,
                contents: data,
                attributes: [.posixPermissions: permissions]
            )
        else { throw OutputFileError(path: path, reason: .cannotWrite(String(cString: strerror(errno)))) }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw OutputFileError(path: path, reason: .cannotWrite(reason))
        }
    }

    private func writeInPlace(_ data: Data) throws(OutputFileError) {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw OutputFileError(path: path, reason: .cannotWrite(String(cString: strerror(errno))))
        }
        do {
            try handle.write(contentsOf: data)
            try handle.close()
        } catch {
            throw OutputFileError(path: path, reason: .cannotWrite(error.localizedDescription))
        }
    }
}

/// An output that cannot be written, with where and why.
public struct OutputFileError: Error, Hashable, Sendable, UserFacingError {
    /// Why it cannot be written.
    public enum Reason: Hashable, Sendable {
        /// The folder it would go in does not exist.
        case noFolder(String)
        /// The path is a folder.
        case isFolder
        /// The system refused the write.
        case cannotWrite(String)
    }

    /// The path as given.
    public var path: String
    /// Why.
    public var reason: Reason

    /// The message in the reader's language.
    public func message(in language: Language) -> String {
        switch (reason, language) {
        case (.noFolder(let folder), .zhHans): "无法写入 \(path):目录 \(folder) 不存在;请先建立该目录,或换一个路径"
        case (.noFolder(let folder), .en):
            "cannot write \(path): the folder \(folder) does not exist; create it or choose another path"
        case (.isFolder, .zhHans): "无法写入 \(path):这是一个目录;请给出文件名,例如 \(path)/报告.html"
        case (.isFolder, .en): "cannot write \(path): it is a folder; name a file in it, e.g. \(path)/report.html"
        case (.cannotWrite(let why), .zhHans): "无法写入 \(path):\(why);请检查写权限与磁盘空间"
        case (.cannotWrite(let why), .en): "cannot write \(path): \(why); check permissions and free space"
        }
    }
}
