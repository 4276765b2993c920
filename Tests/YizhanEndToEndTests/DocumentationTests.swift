import Foundation
import Testing

/// The guides' examples, run: every ```console block of the README and of `docs/*.md` is run
/// against a fresh demo workspace, one per file, in the order the file gives them, so that what
/// the guides say a command prints is what it prints (issue 21.16).
///
/// In a console block a line `$ command` is run by `/bin/sh` with the built executables first on
/// the `PATH` (a line ending in `\\` continues on the next); `$ cd DIR` and `$ export NAME=VALUE`
/// carry over to the file's later commands. The
/// lines after a command are what it prints (standard output, then standard error), line for line;
/// `…` in a line stands for any text, and a line that is only `…` for any lines.
struct DocumentationTests {
    /// A console block's command and the lines it is shown to print.
    struct Example {
        var file: String
        var line: Int
        var command: String
        var expected: [String]
    }

    static let guides: [String] = {
        let docs = CommandLine.repository.appendingPathComponent("docs")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? []
        return ["README.md"] + files.filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
    }()

    /// The examples of the console blocks of `file`, in order.
    static func examples(in file: String) throws -> [Example] {
        let text = try String(contentsOf: CommandLine.repository.appendingPathComponent(file), encoding: .utf8)
        var examples: [Example] = []
        var inConsole = false
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            if line.hasPrefix("```") {
                inConsole = !inConsole && line == "```console"
                continue
            }
            guard inConsole else { continue }
            if let last = examples.last, last.expected.isEmpty, last.command.hasSuffix("\\") {
                // A command continued on the next line, as a shell reads it.
                examples[examples.count - 1].command = String(last.command.dropLast()) + line
            } else if line.hasPrefix("$ ") {
                examples.append(Example(file: file, line: index + 1, command: String(line.dropFirst(2)), expected: []))
            } else if !examples.isEmpty {
                examples[examples.count - 1].expected.append(line)
            }
        }
        return examples
    }

    /// Whether `actual` is what `expected` shows, `…` standing for any text or any lines.
    static func matches(_ actual: [String], _ expected: [String]) -> Bool {
        guard let first = expected.first else { return actual.isEmpty }
        if first == "…" {
            return (0...actual.count).contains { matches(Array(actual.dropFirst($0)), Array(expected.dropFirst())) }
        }
        guard let line = actual.first, matches(line, first) else { return false }
        return matches(Array(actual.dropFirst()), Array(expected.dropFirst()))
    }

    /// Whether `line` is `pattern`, each `…` in it standing for any text.
    static func matches(_ line: String, _ pattern: String) -> Bool {
        let parts = pattern.components(separatedBy: "…")
        guard parts.count > 1 else { return line == pattern }
        guard line.hasPrefix(parts[0]), line.hasSuffix(parts[parts.count - 1]) else { return false }
        var rest = Substring(line.dropFirst(parts[0].count))
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.count >= parts[parts.count - 1].count
    }

    @Test func wildcardsStandForAnyTextAndAnyLines() {
        #expect(Self.matches("已写入 a.html(21106 字节)", "已写入 a.html(… 字节)"))
        #expect(!Self.matches("已写入 a.xlsx(7950 字节)", "已写入 a.html(… 字节)"))
        #expect(Self.matches(["a", "b", "c", "d"], ["a", "…", "d"]))
        #expect(!Self.matches(["a", "b"], ["a"]))
        #expect(Self.matches(["a"], ["a", "…"]))
    }

    @Test(arguments: guides)
    func everyConsoleExampleRunsOnTheDemoAsShown(_ file: String) async throws {
        let examples = try Self.examples(in: file)
        guard !examples.isEmpty else { return }
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(try await CommandLine.run(["demo"], in: scratch.url).status == 0)
        var setup: [String] = []
        for example in examples {
            let words = example.command.split(separator: " ")
            if words.first == "cd" || words.first == "export" {
                setup.append(example.command)
                continue
            }
            let script = (setup + [example.command + " 2>&1"]).joined(separator: " && ")
            let path =
                CommandLine.productsFolder.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            let result = try await CommandLine.runTool(
                "/usr/bin/env",
                ["PATH=\(path)", "/bin/sh", "-c", script],
                in: scratch.url
            )
            // A CSV goes out as Excel reads it (a byte-order mark, CRLF); the guides show its text.
            let text = result.output.replacingOccurrences(of: "\u{FEFF}", with: "").replacingOccurrences(
                of: "\r",
                with: ""
            )
            var actual = text.components(separatedBy: "\n").map { $0.trimmingTrailingSpaces }
            while actual.last == "" { actual.removeLast() }
            var expected = example.expected.map(\.trimmingTrailingSpaces)
            // A blank line before the next command only sets the commands apart.
            while expected.last == "" { expected.removeLast() }
            #expect(
                Self.matches(actual, expected),
                "\(example.file):\(example.line): $ \(example.command)\nprinted:\n\(actual.joined(separator: "\n"))"
            )
        }
    }
}

extension String {
    /// The line without the spaces a table pads it with at its end.
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
