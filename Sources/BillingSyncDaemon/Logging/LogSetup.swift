import Foundation
import Logging

/// Process-wide logging bootstrap.
public enum LogSetup {
    private static let once = BootstrapOnce<LogFormat>()

    /// Installs the journal or text handler for every `Logger`; only the first call has effect
    /// (swift-log allows one bootstrap per process). Returns the format in use.
    @discardableResult
    public static func bootstrap(
        level: Logger.Level,
        format: LogFormat = .auto,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> LogFormat {
        once.get {
            let resolved = format.resolved(environment: environment)
            LoggingSystem.bootstrap { label in
                makeHandler(label: label, level: level, format: resolved)
            }
            return resolved
        }
    }

    /// The handler `bootstrap` installs for `format` (``LogFormat/auto`` is resolved against this process first).
    public static func makeHandler(
        label: String,
        level: Logger.Level,
        format: LogFormat,
        output: LogOutput = .standardError
    ) -> any LogHandler {
        switch format.resolved() {
        case .journal: JournalLogHandler(level: level, output: output)
        case .json: TextLogHandler(label: label, level: level, style: .json, output: output)
        case .text, .auto: TextLogHandler(label: label, level: level, output: output)
        }
    }
}
