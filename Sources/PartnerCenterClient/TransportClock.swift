import Foundation

/// The time source of a REST client's transport (its ``RetryingTransport``, ``TokenProvider``,
/// ``RequestRateLimiter`` and ``PermitPool``): any `Clock` with `Duration` steps, reduced to the
/// time elapsed since the value was made and sleeps; with it, where the transport's own tasks run
/// (the limiter's dispatcher, the shared token refresh) and the randomness of its back-off jitter
/// and call ids.
/// Production uses ``continuous``; a test or a simulation passes its own clock (and executor and
/// seeded randomness), so every wait of the real client runs on virtual time.
public struct TransportClock: Sendable {
    /// Time elapsed on the clock since this value was made.
    public let elapsed: @Sendable () -> Duration
    /// Sleeps until `elapsed()` reaches the given offset.
    let sleepUntil: @Sendable (Duration) async throws -> Void
    /// Where the transport starts its own tasks (nil: the default executor).
    public let executor: (any TaskExecutor)?
    /// The random numbers behind back-off jitter.
    let random: @Sendable () -> UInt64

    /// A transport clock over `clock`. `executor` is where the transport's own tasks run; `random`
    /// draws the jitter of its back-off (the system's generator by default).
    public init<C: Clock>(_ clock: C, executor: (any TaskExecutor)? = nil,
                          random: @escaping @Sendable () -> UInt64 = TransportClock.systemRandom)
    where C.Duration == Duration {
        let origin = clock.now
        elapsed = { origin.duration(to: clock.now) }
        sleepUntil = { try await clock.sleep(until: origin.advanced(by: $0), tolerance: nil) }
        self.executor = executor
        self.random = random
    }

    /// A number from the process's generator (``ProcessRandom``: seeded once by the system's).
    @Sendable public static func systemRandom() -> UInt64 {
        ProcessRandom.next()
    }

    /// The process's monotonic clock, the default executor and the system's randomness.
    public static var continuous: TransportClock { TransportClock(ContinuousClock()) }

    /// Sleeps for `duration` on the clock.
    public func sleep(for duration: Duration) async throws {
        try await sleepUntil(elapsed() + duration)
    }

    /// `policy`'s wait before retry number `retry`, its jitter drawn from this clock's randomness.
    func delay(_ policy: RetryPolicy, retry: Int, retryAfter: Duration?) -> Duration {
        var generator = Generator(draw: random)
        return policy.delay(retry: retry, retryAfter: retryAfter, using: &generator)
    }

    /// A random (version 4) UUID drawn from this clock's randomness: a call's request and
    /// correlation ids, so a seeded simulation sends the same ids every run.
    public func uuid() -> UUID {
        let first = random().littleEndian
        var value = (first, random().littleEndian)
        return withUnsafeMutableBytes(of: &value) { bytes in
            bytes[6] = bytes[6] & 0x0F | 0x40
            bytes[8] = bytes[8] & 0x3F | 0x80
            return UUID(uuid: bytes.load(as: uuid_t.self))
        }
    }

    private struct Generator: RandomNumberGenerator {
        let draw: @Sendable () -> UInt64
        mutating func next() -> UInt64 { draw() }
    }
}
