import Logging

/// Log lines for systemd-journald via the service's stderr stream: `<6>message key=value`.
///
/// The `<N>` prefix carries the syslog priority (see ``Logging/Logger/Level/syslogPriority``);
/// there is no timestamp (the journal adds its own), and one event is always one line.
/// Messages and metadata pass through the ``SecretRedactor`` first.
public struct JournalLogHandler: LogHandler {
    /// Handler-level metadata.
    public var metadata: Logger.Metadata = [:]
    /// Lowest level written.
    public var logLevel: Logger.Level
    /// Contextual metadata source.
    public var metadataProvider: Logger.MetadataProvider?
    private let redactor: SecretRedactor
    private let output: LogOutput

    /// Creates a handler writing to `output` (stderr by default).
    public init(
        level: Logger.Level = .info,
        redactor: SecretRedactor = .shared,
        output: LogOutput = .standardError,
        metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider
    ) {
        self.logLevel = level
        self.redactor = redactor
        self.output = output
        self.metadataProvider = metadataProvider
    }

    /// Metadata by key.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one line.
    public func log(event: LogEvent) {
        let body = LogLineRenderer.body(of: event, handler: metadata, provider: metadataProvider, redactor: redactor)
        output.write("<\(event.level.syslogPriority)>\(body)")
    }
}
