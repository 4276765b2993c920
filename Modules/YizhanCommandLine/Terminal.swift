public import Foundation
import YizhanKernel

/// Writing to the terminal: results to standard output, errors and progress to standard error.
public enum Terminal {
    /// Prints `text` to standard output.
    public static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Prints `text` to standard error as a plain note (what was written where, when standard output
    /// carries the data itself).
    public static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints `text` to standard error, marked as an error.
    public static func error(_ text: String) {
        FileHandle.standardError.write(Data(("错误 / error: " + text + "\n").utf8))
    }

    /// Prints `value` to standard error as one line of sorted JSON (a `--json` command's error).
    public static func errorJSON(_ value: some Encodable) {
        let data = (try? encoder(pretty: false).encode(value)) ?? Data(#"{"error":{}}"#.utf8)
        FileHandle.standardError.write(data + Data("\n".utf8))
    }

    /// Prints `value` as pretty, sorted JSON.
    public static func json(_ value: some Encodable) throws {
        out(String(decoding: try encoder(pretty: true).encode(value), as: UTF8.self))
    }

    /// Prints `value` as one line of JSON (for streams such as `events --follow --json`).
    public static func jsonLine(_ value: some Encodable) throws {
        out(String(decoding: try encoder(pretty: false).encode(value), as: UTF8.self))
    }

    /// Sorted keys; instants as ISO 8601 UTC with milliseconds, e.g. `2021-11-05T09:00:00.000Z`.
    private static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if pretty { encoder.outputFormatting.insert(.prettyPrinted) }
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(style))
        }
        return encoder
    }

    /// Whether standard error is a terminal (progress bars are drawn only there).
    public static var isInteractive: Bool { isatty(STDERR_FILENO) == 1 }

    /// Draws a progress bar on standard error when it is a terminal.
    public static func progress(_ label: String, done: Int, total: Int) {
        guard isInteractive, total > 0 else { return }
        let width = 30
        let filled = min(width, done * width / total)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = "\r\(label) \(bar) \(done)/\(total)" + (done >= total ? "\n" : "")
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Shows a running count on standard error when it is a terminal; `nil` ends the line.
    public static func count(_ label: String, _ value: Int?) {
        guard isInteractive else { return }
        let line = value.map { "\r\(label) \($0)" } ?? "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// `2021-11-05 17:00:03` in Asia/Shanghai.
    public static func shanghaiTime(_ date: Date) -> String { date.shanghaiText }
}

extension BinaryInteger {
    /// Division rounding towards negative infinity.
    public func dividedRoundingDown(by divisor: Self) -> Self {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? quotient - 1 : quotient
    }
}
