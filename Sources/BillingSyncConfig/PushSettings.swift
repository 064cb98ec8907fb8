/// `[push]`: the outbox pusher that sends local edits to Partner Center.
public struct PushSettings: Sendable, Equatable {
    /// `enabled` (default true).
    public var enabled: Bool
    /// `max_attempts`: tries per outbox entry before it is parked (default 5).
    public var maxAttempts: Int
    /// `backoff_initial`: first retry delay (default 1 s).
    public var backoffInitial: Duration
    /// `backoff_max`: retry delay cap (default 60 s); must be ≥ `backoff_initial`.
    public var backoffMax: Duration
    /// `poll_interval`: the fallback poll, the longest wait between checks of SQLite's `data_version`
    /// for new outbox rows (default 1 s); on Linux an inotify hint of the WAL changing checks at once.
    public var pollInterval: Duration

    /// Allowed range of `max_attempts`.
    public static let maxAttemptsRange: ClosedRange<Int> = 1...50

    /// Creates push settings; all values have defaults.
    public init(
        enabled: Bool = true,
        maxAttempts: Int = 5,
        backoffInitial: Duration = .seconds(1),
        backoffMax: Duration = .seconds(60),
        pollInterval: Duration = .seconds(1)
    ) {
        self.enabled = enabled
        self.maxAttempts = maxAttempts
        self.backoffInitial = backoffInitial
        self.backoffMax = backoffMax
        self.pollInterval = pollInterval
    }
}
