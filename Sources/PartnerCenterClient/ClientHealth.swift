import Foundation

/// A point-in-time view of how the client is doing, for the daemon's health endpoint.
public struct ClientHealthSnapshot: Sendable, Equatable {
    /// HTTP attempts sent to Partner Center (retries included).
    public var requestCount: Int
    /// Attempts that ended in an error of any kind.
    public var failedRequestCount: Int
    /// 429 responses seen.
    public var rateLimitedCount: Int
    /// Until when the shared limiter is closed by a 429 (nil when open).
    public var rateLimitedUntil: Date?
    /// Kind of the most recent error.
    public var lastErrorKind: PartnerCenterError.Kind?
    /// The most recent error, as one line (no secrets).
    public var lastError: String?
    /// When the most recent error happened.
    public var lastErrorAt: Date?
    /// When the most recent successful response arrived.
    public var lastSuccessAt: Date?
    /// Access tokens obtained so far.
    public var tokenRefreshCount: Int
}

/// Collects the counters behind `ClientHealthSnapshot`.
public actor ClientHealth {
    private var snapshot = ClientHealthSnapshot(
        requestCount: 0, failedRequestCount: 0, rateLimitedCount: 0, rateLimitedUntil: nil,
        lastErrorKind: nil, lastError: nil, lastErrorAt: nil, lastSuccessAt: nil, tokenRefreshCount: 0)

    /// Creates empty counters.
    public init() {}

    /// Counts a successful attempt.
    public func recordSuccess() {
        snapshot.requestCount += 1
        snapshot.lastSuccessAt = Date()
    }

    /// Counts a failed attempt and remembers the error.
    public func recordFailure(_ error: PartnerCenterError) {
        snapshot.requestCount += 1
        snapshot.failedRequestCount += 1
        snapshot.lastErrorKind = error.kind
        snapshot.lastError = error.description
        snapshot.lastErrorAt = Date()
        if error.kind == .rateLimited {
            snapshot.rateLimitedCount += 1
        }
    }

    /// Remembers until when a 429 closed the limiter.
    public func recordPause(until date: Date) {
        snapshot.rateLimitedUntil = max(snapshot.rateLimitedUntil ?? date, date)
    }

    /// The counters now, with the token provider's refresh count.
    public func current(tokenRefreshCount: Int) -> ClientHealthSnapshot {
        var result = snapshot
        result.tokenRefreshCount = tokenRefreshCount
        if let until = result.rateLimitedUntil, until <= Date() { result.rateLimitedUntil = nil }
        return result
    }
}
