import Foundation
import Testing

/// Runs the built `yizhan` executable, as a user would, and captures what it prints.
struct CommandLine {
    /// What a run printed and how it ended.
    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    /// The folder the test binary and the `yizhan` executable were built into.
    static var productsFolder: URL {
        if let path = ProcessInfo.processInfo.environment["YIZHAN_PRODUCTS"] { return URL(fileURLWithPath: path) }
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: Swift.CommandLine.arguments[0])
        var folder = executable.deletingLastPathComponent()
        // On Linux the test executable sits beside the products; elsewhere inside a bundle.
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("yizhan").path), folder.path != "/"
        {
            folder = folder.deletingLastPathComponent()
        }
        return folder
    }

    /// A process for `executable arguments…` in `folder`, with `environment` added and without the
    /// caller's YIZHAN_WORKSPACE; not started.
    static func makeProcess(
        _ executable: String,
        _ arguments: [String],
        in folder: URL,
        environment: [String: String]
    ) -> Process {
        let process = Process()
        process.executableURL = productsFolder.appendingPathComponent(executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "YIZHAN_WORKSPACE")
        env.merge(environment) { _, new in new }
        process.environment = env
        return process
    }

    /// The repository root (for `config/`).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs `executable arguments…` (`yizhan` by default) in `folder` with `environment` added and
    /// `input` on its standard input, and waits for it.
    static func run(
        _ arguments: [String],
        in folder: URL,
        environment: [String: String] = [:],
        executable: String = "yizhan",
        input: String? = nil
    ) async throws -> Result {
        try await launch(
            makeProcess(executable, arguments, in: folder, environment: environment),
            in: folder,
            input: input
        )
    }

    /// Runs a program that is not one of ours (`python3`, `chromium` …) by its path.
    static func runTool(_ path: String, _ arguments: [String], in folder: URL) async throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        return try await launch(process, in: folder)
    }

    /// Starts `process` with its output going to files in `folder`, waits, and reads them back.
    private static func launch(_ process: Process, in folder: URL, input: String? = nil) async throws -> Result {
        // Files, not pipes: a large output cannot fill a pipe and stall the child.
        let out = folder.appendingPathComponent(".out-\(UUID().uuidString)")
        let err = folder.appendingPathComponent(".err-\(UUID().uuidString)")
        try Data().write(to: out)
        try Data().write(to: err)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        // Closed here, not left to Foundation: its Process objects outlive the call, and a run of
        // the whole suite otherwise holds 1,400 descriptors, past the 1,024 that Foundation's own
        // child-process watch (select(2)) can see — after which children are never seen to end.
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = try FileHandle(forWritingTo: err)
        var inHandle: FileHandle?
        defer {
            try? outHandle.close()
            try? errHandle.close()
            try? inHandle?.close()
        }
        process.standardOutput = outHandle
        process.standardError = errHandle
        if let input {
            let file = folder.appendingPathComponent(".in-\(UUID().uuidString)")
            try Data(input.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            inHandle = try FileHandle(forReadingFrom: file)
            process.standardInput = inHandle
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        await process.ended()
        return Result(
            status: process.terminationStatus,
            output: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            errors: String(decoding: try Data(contentsOf: err), as: UTF8.self)
        )
    }
}

extension Process {
    /// Waits for the process to end without holding a thread: every suite of the test run shares
    /// one small pool of threads (two on a two-core machine), and two tests blocked in
    /// `waitUntilExit` on slow children stall every other test, servers under test included.
    func ended() async {
        while isRunning {
            do {
                try await Task.sleep(for: .milliseconds(20))
            } catch {
                waitUntilExit()
                return
            }
        }
    }
}

/// A fresh temporary folder for one test.
struct Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

extension String {
    /// The text with every run of spaces made one, so that a table row can be matched whatever its
    /// column widths.
    var collapsingSpaces: String {
        split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }.joined(separator: "\n")
    }
}
