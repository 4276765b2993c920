import Foundation

/// Prints a line at once (unbuffered), so that progress shows when the output goes to a file.
public func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

/// A child process's wall time, peak resident memory and exit status.
public struct Measured: Sendable {
    /// Wall-clock seconds from start to exit.
    public var seconds: Double
    /// Peak resident set size in KiB, as GNU time reports it.
    public var peakKiB: Int
    /// The exit status.
    public var status: Int32
}

/// Runs `path arguments…` under GNU time (`/usr/bin/time -f %M`) with its output discarded: the
/// peak RSS must be measured by a parent that forks, as a child spawned from this process would
/// inherit this process's high-water mark.
public func measure(_ path: String, _ arguments: [String]) -> Measured {
    let report = FileManager.default.temporaryDirectory.appendingPathComponent("timing-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: report) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
    process.arguments = ["-f", "%M", "-o", report.path, path] + arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let start = ContinuousClock.now
    do {
        try process.run()
    } catch {
        return Measured(seconds: 0, peakKiB: 0, status: -1)
    }
    process.waitUntilExit()
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let text = (try? String(contentsOf: report, encoding: .utf8)) ?? ""
    let peak = text.split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.last ?? 0
    return Measured(seconds: seconds, peakKiB: peak, status: process.terminationStatus)
}

/// The sqlite3 CLI, when installed with GNU time (`apt-get install -y sqlite3 time`).
public var sqlite3WithGNUTime: String? {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { return nil }
    return ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first(where: FileManager.default.isExecutableFile)
}
