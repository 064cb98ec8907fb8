/// `[logging]`: log level and output format.
public struct LoggingSettings: Sendable, Equatable {
    /// Minimum level logged (the swift-log levels, by name).
    public enum Level: String, Sendable, Equatable, CaseIterable {
        /// Most verbose.
        case trace
        /// Diagnostics.
        case debug
        /// Normal operation (default).
        case info
        /// Noteworthy conditions.
        case notice
        /// Recoverable problems.
        case warning
        /// Failures.
        case error
        /// Failures that stop the service.
        case critical
    }

    /// Output format.
    public enum Format: String, Sendable, Equatable, CaseIterable {
        /// `journal` when running under systemd (`$JOURNAL_STREAM` set), `text` otherwise.
        case auto
        /// One line per event with `<N>` syslog priority prefixes for journald.
        case journal
        /// Human-readable text with timestamps.
        case text
        /// One JSON object per line (`timestamp`, `level`, `label`, `message`, metadata keys), redacted like text.
        case json
    }

    /// `level` (default `info`).
    public var level: Level
    /// `format` (default `auto`).
    public var format: Format

    /// Creates logging settings.
    public init(level: Level = .info, format: Format = .auto) {
        self.level = level
        self.format = format
    }
}
