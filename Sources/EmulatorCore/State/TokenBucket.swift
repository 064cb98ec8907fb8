/// A token bucket: `capacity` requests, refilled continuously at `capacity` per minute.
struct TokenBucket: Sendable {
    private let capacity: Double
    private let refillPerSecond: Double
    private var tokens: Double
    private var updated: ContinuousClock.Instant

    init(perMinute: Int, now: ContinuousClock.Instant) {
        capacity = Double(max(perMinute, 1))
        refillPerSecond = capacity / 60
        tokens = capacity
        updated = now
    }

    /// Takes one token; nil when granted, otherwise the whole seconds until one is available (≥ 1).
    mutating func take(now: ContinuousClock.Instant) -> Int? {
        let elapsed = now - updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        tokens = min(capacity, tokens + seconds * refillPerSecond)
        updated = now
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        return max(1, Int(((1 - tokens) / refillPerSecond).rounded(.up)))
    }
}
