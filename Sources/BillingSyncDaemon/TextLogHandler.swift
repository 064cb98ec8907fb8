import Foundation
import Logging

/// Human-readable log lines for terminals: `2025-01-31T09:15:02.123Z info billing-sync: message key=value`.
///
/// Messages and metadata pass through the ``SecretRedactor`` first.
public struct TextLogHandler: LogHandler {
    /// Handler-level metadata.
    public var metadata: Logger.Metadata = [:]
    /// Lowest level written.
    public var logLevel: Logger.Level
    /// Contextual metadata source.
    public var metadataProvider: Logger.MetadataProvider?
    /// The logger's label, printed after the level.
    public let label: String
    private let redactor: SecretRedactor
    private let output: LogOutput
    private let now: @Sendable () -> Date
    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// Creates a handler writing to `output` (stderr by default); `now` supplies timestamps.
    public init(
        label: String,
        level: Logger.Level = .info,
        redactor: SecretRedactor = .shared,
        output: LogOutput = .standardError,
        metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.label = label
        self.logLevel = level
        self.redactor = redactor
        self.output = output
        self.metadataProvider = metadataProvider
        self.now = now
    }

    /// Metadata by key.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one line.
    public func log(event: LogEvent) {
        let body = LogLineRenderer.body(of: event, handler: metadata, provider: metadataProvider, redactor: redactor)
        let timestamp = now().formatted(Self.timestampStyle)
        output.write("\(timestamp) \(event.level) \(label): \(body)")
    }
}
