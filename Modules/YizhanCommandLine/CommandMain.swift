public import ArgumentParser
import Foundation
public import Logging

extension AsyncParsableCommand {
    /// Parses the command line and runs the chosen command, with logs on standard error at
    /// `YIZHAN_LOG_LEVEL` (trace … critical) or `defaultLevel`: the body of each app's `main()`.
    public static func runLogging(defaultLevel: Logger.Level) async {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = Logger.Level(rawValue: Environment.value("YIZHAN_LOG_LEVEL") ?? "") ?? defaultLevel
            return handler
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let english = message(for: error)
            guard exitCode(for: error) == .validationFailure, let chinese = ParserMessage.chinese(for: english) else {
                exit(withError: error)
            }
            // Chinese first; ArgumentParser's English text and usage after it.
            var lines = ["错误 / error: " + chinese]
            if let option = ParserMessage.unknownOption(in: english) {
                let takers = ParserMessage.commands(taking: option, under: self)
                if !takers.isEmpty {
                    lines.append(
                        "  \(option) 属于:" + takers.joined(separator: "、") + " / \(option) belongs to: "
                            + takers.joined(separator: ", ")
                    )
                }
            }
            lines.append(fullMessage(for: error))
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
    }
}
