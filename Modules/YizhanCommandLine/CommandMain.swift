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
            exit(withError: error)
        }
    }
}
