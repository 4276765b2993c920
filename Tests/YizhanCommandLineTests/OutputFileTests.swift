import Foundation
import Testing
import YizhanCommandLine
import YizhanKernel

#if canImport(Glibc)
import Glibc
#endif

/// Every file a command makes goes through `OutputFile`: a regular file is replaced atomically, a
/// device or pipe is written into and never replaced (issue 21.5).
struct OutputFileTests {
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "yizhan-out-\(UUID().uuidString)"
    )

    init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }

    private func kind(_ path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & mode_t(S_IFMT) : 0
    }

    @Test func aNewOrRegularFileIsReplacedWholeWithItsPermissionsAndNoTemporaryLeft() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("clients.csv").path
        try OutputFile(path).write(Data("first".utf8))
        try OutputFile(path).write(Data("姓名,身份证号\n".utf8), permissions: 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "姓名,身份证号\n")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["clients.csv"])
    }

    @Test func aDeviceStaysADevice() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(kind("/dev/null") == mode_t(S_IFCHR))
        try OutputFile("/dev/null").write(Data("report".utf8))
        #expect(kind("/dev/null") == mode_t(S_IFCHR))
    }

    @Test func aNamedPipeIsWrittenIntoNotReplaced() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pipe").path
        #expect(mkfifo(path, 0o600) == 0)
        // Open the reading end first (without blocking), so that the write finds a reader.
        let reader = open(path, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        try OutputFile(path).write(Data("汇总".utf8))
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(reader, &buffer, buffer.count)
        #expect(String(decoding: buffer.prefix(max(0, count)), as: UTF8.self) == "汇总")
        #expect(kind(path) == mode_t(S_IFIFO))
    }

    @Test func aMissingFolderOrAFolderIsRefusedWithWhatToDo() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("no-such-folder/report.html").path
        let error = #expect(throws: OutputFileError.self) { try OutputFile(missing).write(Data()) }
        #expect(error?.message(in: .zhHans).contains("no-such-folder 不存在") == true)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("no-such-folder").path))
        let isFolder = #expect(throws: OutputFileError.self) { try OutputFile(folder.path).write(Data()) }
        #expect(isFolder?.reason == .isFolder)
    }
}
