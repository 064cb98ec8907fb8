import Foundation
import Logging

/// `[logging] format = "json"`: one JSON object per line,
/// `{"timestamp":…,"level":…,"label":…,"message":…,"metadata":{…}}` (keys sorted), with the
/// same ``SecretRedactor`` pass as the text and journal handlers.
public struct JSONLogHandler: LogHandler {
    /// Handler-level metadata.
    public var metadata: Logger.Metadata = [:]
    /// Lowest level written.
    public var logLevel: Logger.Level
    /// Contextual metadata source.
    public var metadataProvider: Logger.MetadataProvider?
    /// The logger's label.
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

    /// Writes one JSON object line.
    public func log(event: LogEvent) {
        let merged = redactor.redact(LogLineRenderer.metadata(of: event, handler: metadata, provider: metadataProvider))
        let object: [String: Any] = [
            "timestamp": now().formatted(Self.timestampStyle),
            "level": "\(event.level)",
            "label": label,
            "message": redactor.redact(event.message.description),
            "metadata": merged.mapValues { $0.description },
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return
        }
        output.write(String(decoding: data, as: UTF8.self))
    }
}
