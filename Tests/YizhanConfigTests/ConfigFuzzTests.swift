import Foundation
import Testing
import YizhanConfig
import YizhanKernel
import YizhanRuntime

/// Mutated versions of the shipped files: the loader must never crash, and every file it refuses
/// must be refused with a location.
struct ConfigFuzzTests {
    /// The demo's deterministic generator, so that a failure can be replayed.
    typealias Generator = SplitMix64

    static let fragments = [
        "\t", ":", " ", "-", "{", "}", "[", "]", "\"", "'", "#", "\n", "&a", "*a", "!!int", "~", "é", "百", "null",
        "true", "-1", "99999999999999999999", "2021-02-30", "  ", ",", "|", ">",
    ]

    /// One random edit of `text`.
    static func mutate(_ text: String, using generator: inout Generator) -> Data {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let line = Int(generator.next() % UInt64(max(1, lines.count)))
        switch generator.next() % 7 {
        case 0:
            lines.remove(at: line)
        case 1:
            lines.insert(lines[line], at: line)
        case 2:
            let fragment = fragments[Int(generator.next() % UInt64(fragments.count))]
            var characters = Array(lines[line])
            characters.insert(contentsOf: fragment, at: Int(generator.next() % UInt64(characters.count + 1)))
            lines[line] = String(characters)
        case 3:
            var characters = Array(lines[line])
            if !characters.isEmpty { characters.remove(at: Int(generator.next() % UInt64(characters.count))) }
            lines[line] = String(characters)
        case 4:
            lines.swapAt(line, Int(generator.next() % UInt64(lines.count)))
        case 5:
            if let colon = lines[line].firstIndex(of: ":") {
                lines[line] =
                    String(lines[line][...colon]) + " " + fragments[Int(generator.next() % UInt64(fragments.count))]
            }
        default:
            let bytes = Array(lines.joined(separator: "\n").utf8)
            return Data(bytes.prefix(Int(generator.next() % UInt64(bytes.count + 1)))) + Data([0xFF])
        }
        return Data(lines.joined(separator: "\n").utf8)
    }

    @Test func aThousandMutationsNeverCrashAndAlwaysLocate() throws {
        let files: [(String, (Data) throws -> Void)] = [
            ("stations/haiyan/baibu.yaml", { _ = try ConfigLoader.decode(StationFile.self, from: $0, file: "f") }),
            ("templates/haiyan-123n.yaml", { _ = try ConfigLoader.decode(TemplateFile.self, from: $0, file: "f") }),
            ("divisions/330424-haiyan.yaml", { _ = try ConfigLoader.decode(DivisionsFile.self, from: $0, file: "f") }),
            ("demo/haiyan.yaml", { _ = try ConfigLoader.decode(DemoFile.self, from: $0, file: "f") }),
        ]
        var generator = Generator(seed: 20_211_105)
        var refused = 0
        var unlocated: [String] = []
        for round in 0..<1_000 {
            let (path, load) = files[round % files.count]
            let text = try String(contentsOf: configFolder.appendingPathComponent(path), encoding: .utf8)
            var data = Self.mutate(text, using: &generator)
            if round % 3 == 0, let text = String(data: data, encoding: .utf8) {
                data = Self.mutate(text, using: &generator)  // two edits in a third of the rounds
            }
            do {
                try load(data)
            } catch let errors as ConfigErrors {
                refused += 1
                for problem in errors.problems where problem.line == nil {
                    unlocated.append("round \(round), \(path): \(problem.message(in: .en))")
                }
            }
        }
        #expect(unlocated.isEmpty, "\(unlocated.prefix(5))")
        #expect(refused > 500)  // most edits break a file; the rest are harmless (a comment, a blank line)
    }
}
