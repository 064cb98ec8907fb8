import Foundation
import Logging

/// One log line per event on a stream, in one of two styles:
/// - `.text`, for terminals: `2025-01-31T09:15:02.123Z info billing-sync: message key=value`;
/// - `.json` (`[logging] format = "json"`): one object per line,
///   `{"label":…,"level":…,"message":…,"metadata":{…},"timestamp":…}` (keys sorted).
///
/// Messages and metadata pass through the ``SecretRedactor`` first in both.
public struct TextLogHandler: LogHandler {
    /// How a line is written.
    public enum Style: Sendable {
        case text, json
    }

    /// Handler-level metadata.
    public var metadata: Logger.Metadata = [:]
    /// Lowest level written.
    public var logLevel: Logger.Level
    /// Contextual metadata source.
    public var metadataProvider: Logger.MetadataProvider?
    /// The logger's label, printed after the level.
    public let label: String
    /// The line style.
    public let style: Style
    private let redactor: SecretRedactor
    private let output: LogOutput
    private let now: @Sendable () -> Date
    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// Creates a handler writing to `output` (stderr by default); `now` supplies timestamps.
    public init(
        label: String,
        level: Logger.Level = .info,
        style: Style = .text,
        redactor: SecretRedactor = .shared,
        output: LogOutput = .standardError,
        metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.label = label
        self.logLevel = level
        self.style = style
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
        let timestamp = now().formatted(Self.timestampStyle)
        switch style {
        case .text:
            let body = LogLineRenderer.body(of: event, handler: metadata, provider: metadataProvider, redactor: redactor)
            output.write("\(timestamp) \(event.level) \(label): \(body)")
        case .json:
            let merged = redactor.redact(LogLineRenderer.metadata(of: event, handler: metadata, provider: metadataProvider))
            let object: [String: Any] = [
                "timestamp": timestamp,
                "level": "\(event.level)",
                "label": label,
                "message": redactor.redact(event.message.description),
                "metadata": merged.mapValues { $0.description },
            ]
            guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            else { return }
            output.write(String(decoding: data, as: UTF8.self))
        }
    }
}
