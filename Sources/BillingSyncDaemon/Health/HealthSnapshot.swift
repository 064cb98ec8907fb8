import Foundation

/// The daemon's health at one moment; the JSON of `billing-sync status --json` and of `<db>.health.json`.
public struct HealthSnapshot: Sendable, Equatable, Codable {
    /// ``HealthState/code``.
    public let state: String
    /// ``HealthState/sentence``.
    public let summary: String
    /// When the daemon entered this state.
    public let since: Date
    /// When this snapshot was taken.
    public let updatedAt: Date
    /// The most recent error message (already redacted), if any.
    public let lastError: String?
    /// For `rate_limited`: when requests may resume.
    public let rateLimitedUntil: Date?
    /// For `degraded`: what is wrong.
    public let reason: String?
    /// The daemon's process id.
    public let pid: Int32
    /// At most this many seconds pass between writes of a running daemon (nil from older daemons);
    /// `status` calls the daemon down when the file is older than twice this.
    public let writeIntervalSeconds: Double?

    /// Captures `health` with its timing and error details.
    public init(health: HealthState, since: Date, updatedAt: Date, lastError: String?, pid: Int32,
                writeIntervalSeconds: Double? = nil) {
        self.writeIntervalSeconds = writeIntervalSeconds
        state = health.code
        summary = health.sentence
        self.since = since
        self.updatedAt = updatedAt
        self.lastError = lastError
        self.pid = pid
        switch health {
        case .rateLimited(let until):
            rateLimitedUntil = until
            reason = nil
        case .degraded(let text):
            rateLimitedUntil = nil
            reason = text
        default:
            rateLimitedUntil = nil
            reason = nil
        }
    }

    /// The typed state; nil when the snapshot came from a newer daemon with an unknown code.
    public var health: HealthState? {
        HealthState(code: state, rateLimitedUntil: rateLimitedUntil, reason: reason)
    }

    /// JSON with ISO 8601 dates and sorted keys (stable for scripts and diffs).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Decodes what ``jsonData()`` wrote.
    public static func decode(from data: Data) throws -> HealthSnapshot {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(HealthSnapshot.self, from: data)
    }
}
