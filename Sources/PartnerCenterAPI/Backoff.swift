/// Exponential backoff with full jitter, the one rule for every retry of the project (the
/// client's `RetryPolicy`, the pusher, the sync loops, the daemon's restarts): attempt n
/// (0-based) waits a random time in [0, min(maximum, initial·2ⁿ)].
public struct Backoff: Sendable, Equatable {
    /// Upper bound of the first wait.
    public let initial: Duration
    /// Cap of every wait.
    public let maximum: Duration

    /// Creates a backoff: waits start below `initial`, double each attempt, never exceed `maximum`.
    public init(initial: Duration, maximum: Duration) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The ceiling for `attempt` (0-based), before jitter.
    public func ceiling(attempt: Int) -> Duration {
        let factor = Double(1 << min(max(attempt, 0), 30))
        let seconds = min(initial.seconds * factor, maximum.seconds)
        return .seconds(seconds)
    }

    /// A jittered delay for `attempt` (0-based): uniform in `0 ... ceiling(attempt:)`, to the
    /// nanosecond, drawn from `generator`.
    public func delay(attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let ceiling = ceiling(attempt: attempt)
        let nanos = ceiling.components.seconds * 1_000_000_000 + ceiling.components.attoseconds / 1_000_000_000
        guard nanos > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...nanos, using: &generator))
    }
}
