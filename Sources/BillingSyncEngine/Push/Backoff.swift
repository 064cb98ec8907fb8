import PartnerCenterClient

/// Exponential backoff with full jitter: attempt n waits a random time in [0, min(max, initial·2ⁿ)].
public struct Backoff: Sendable {
    /// Upper bound of the first wait.
    public let initial: Duration
    /// Cap of every wait.
    public let maximum: Duration

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

    /// A jittered delay for `attempt` (0-based), drawn from `random`.
    public func delay(attempt: Int, random: RandomSource = RandomSource()) -> Duration {
        .seconds(random.uniform(upTo: ceiling(attempt: attempt).seconds))
    }
}
