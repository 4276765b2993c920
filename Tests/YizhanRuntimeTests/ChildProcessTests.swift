import Foundation
import Testing
import YizhanKernel
import YizhanRuntime

#if canImport(Glibc)
import Glibc
#endif

/// Children are started and awaited without Foundation's `Process`: what the backup, the restore and
/// every end-to-end test rely on to learn that a program ended, and how.
struct ChildProcessTests {
    private func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The exit status and the output file are the child's; the working folder is where it ran.
    @Test func reportsTheExitStatusAndWritesTheOutputFile() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.txt").path
        let child = try ChildProcess(
            executable: "/bin/sh",
            arguments: ["-c", "pwd; exit 3"],
            directory: folder.path,
            output: .file(output)
        )
        #expect(await child.ended() == 3)
        #expect(child.exitStatus == 3)
        #expect(!child.isRunning)
        let printed = try String(contentsOfFile: output, encoding: .utf8)
        #expect(printed.trimmingCharacters(in: .newlines) == folder.resolvingSymlinksInPath().path)
    }

    /// Many children ending at once are each seen to end (Foundation's shared watch missed some).
    @Test func manyChildrenEachEnd() async throws {
        try await withThrowingTaskGroup(of: Int32.self) { group in
            for index in 0..<48 {
                if index >= 8 { _ = try await group.next() }  // eight at a time, as the E2E runner does
                group.addTask {
                    let child = try ChildProcess(executable: "/bin/sh", arguments: ["-c", "exit \(index % 5)"])
                    return await child.ended()
                }
            }
            for try await status in group { #expect((0..<5).contains(status)) }
        }
    }

    /// A signal ends a child that would run for ten minutes, and the status says which signal.
    @Test func aSignalEndsAChildAndItsStatusSaysWhich() async throws {
        let child = try ChildProcess(executable: "/bin/sleep", arguments: ["600"])
        #expect(await child.ended(within: .milliseconds(200)) == nil)
        #expect(child.isRunning)
        child.send(SIGTERM)
        #expect(await child.ended(within: .seconds(10)) == 128 + SIGTERM)
    }

    /// A program or a working folder that is not there is a clear error naming it, not a crash.
    @Test func whatCannotStartIsNamed() throws {
        let missing = "/nonexistent/\(UUID().uuidString)"
        let program = #expect(throws: RuntimeError.self) {
            try ChildProcess(executable: missing, arguments: [])
        }
        #expect(program?.detail.zhHans == "无法启动 \(missing):找不到这个程序")
        let folder = #expect(throws: RuntimeError.self) {
            try ChildProcess(executable: "/bin/true", arguments: [], directory: missing)
        }
        #expect(folder?.detail.zhHans == "无法启动 /bin/true:工作目录 \(missing) 不存在")
    }
}
