import Foundation
import Testing
import YizhanRuntime

#if canImport(Glibc)
import Glibc
#endif

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

    /// Starts `executable arguments…` (one of ours) in `folder`, with `environment` added and without
    /// the caller's YIZHAN_WORKSPACE, its output going where `output` and `errors` say.
    static func start(
        _ executable: String,
        _ arguments: [String],
        in folder: URL,
        environment: [String: String],
        output: ChildProcess.Stream = .nullDevice,
        errors: ChildProcess.Stream = .nullDevice,
        input: ChildProcess.Stream = .nullDevice
    ) throws -> ChildProcess {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "YIZHAN_WORKSPACE")
        env.merge(environment) { _, new in new }
        return try ChildProcess(
            executable: productsFolder.appendingPathComponent(executable).path,
            arguments: arguments,
            environment: env,
            directory: folder.path,
            input: input,
            output: output,
            errors: errors
        )
    }

    /// The repository root (for `config/`).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// How long one command may run before the test gives up on it, kills it and fails.
    static let timeLimit: Duration = .seconds(900)

    /// Runs `executable arguments…` (`yizhan` by default) in `folder` with `environment` added and
    /// `input` on its standard input, and waits for it.
    static func run(
        _ arguments: [String],
        in folder: URL,
        environment: [String: String] = [:],
        executable: String = "yizhan",
        input: String? = nil
    ) async throws -> Result {
        try await capture(in: folder, input: input) { output, errors, stdin in
            try start(
                executable,
                arguments,
                in: folder,
                environment: environment,
                output: output,
                errors: errors,
                input: stdin
            )
        }
    }

    /// Runs a program that is not one of ours (`python3`, `chromium` …) by its path.
    static func runTool(_ path: String, _ arguments: [String], in folder: URL) async throws -> Result {
        try await capture(in: folder, input: nil) { output, errors, stdin in
            try ChildProcess(
                executable: path,
                arguments: arguments,
                directory: folder.path,
                input: stdin,
                output: output,
                errors: errors
            )
        }
    }

    /// Starts a child with its output going to files in `folder`, waits, and reads them back.
    private static func capture(
        in folder: URL,
        input: String?,
        _ start: (ChildProcess.Stream, ChildProcess.Stream, ChildProcess.Stream) throws -> ChildProcess
    ) async throws -> Result {
        // Files, not pipes: a large output cannot fill a pipe and stall the child.
        let out = folder.appendingPathComponent(".out-\(UUID().uuidString)")
        let err = folder.appendingPathComponent(".err-\(UUID().uuidString)")
        let stdin = folder.appendingPathComponent(".in-\(UUID().uuidString)")
        defer {
            for file in [out, err, stdin] { try? FileManager.default.removeItem(at: file) }
        }
        if let input { try Data(input.utf8).write(to: stdin) }
        let child = try start(.file(out.path), .file(err.path), input == nil ? .nullDevice : .file(stdin.path))
        guard let status = await child.ended(within: timeLimit) else {
            child.send(SIGKILL)
            await child.ended()
            Issue.record("a command ran past \(timeLimit) and was killed")
            return Result(status: 137, output: "", errors: "killed after \(timeLimit)")
        }
        return Result(
            status: status,
            output: String(decoding: (try? Data(contentsOf: out)) ?? Data(), as: UTF8.self),
            errors: String(decoding: (try? Data(contentsOf: err)) ?? Data(), as: UTF8.self)
        )
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
