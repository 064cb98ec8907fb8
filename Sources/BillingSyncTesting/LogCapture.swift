import Logging
import Synchronization

/// Collects every log line (level, message and metadata) so tests can look for request ids,
/// pacing notices, or secrets that must not be there.
public final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    /// An empty capture.
    public init() {}

    /// Everything logged so far, one entry per line.
    public var text: String { lines.withLock { $0.joined(separator: "\n") } }

    /// A logger writing into this capture at `trace` level (everything).
    public func logger(label: String = "billing-sync.test") -> Logger {
        var logger = Logger(label: label) { _ in CapturingHandler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }
}

/// A `LogHandler` that appends rendered lines to a `LogCapture`.
private struct CapturingHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        capture.append("\(event.level) \(event.message) \(merged)")
    }
}
