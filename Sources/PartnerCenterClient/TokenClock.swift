/// The time source of a ``TokenProvider``: any `Clock` with `Duration` steps, reduced to the
/// time elapsed since the provider was made and a sleep, so a test can drive it by hand.
struct TokenClock: Sendable {
    /// Time elapsed on the clock since this value was made.
    let elapsed: @Sendable () -> Duration
    /// Sleeps for a duration on the clock.
    let sleep: @Sendable (Duration) async throws -> Void

    init<C: Clock>(_ clock: C) where C.Duration == Duration {
        let origin = clock.now
        elapsed = { origin.duration(to: clock.now) }
        sleep = { try await clock.sleep(for: $0) }
    }
}
