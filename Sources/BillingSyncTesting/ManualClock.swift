import Synchronization

/// The unit tests' clock: it moves only when the test advances it; sleepers wake when their
/// deadline is reached, and a sleep to a deadline that has already come (now included) returns at
/// once, as on a real clock. (swift-clocks' `TestClock` was tried: a sleep to exactly `now` waits
/// there for the next advance, so a limiter token falling due at the instant the test advanced to
/// hung `RequestRateLimiterTests` under load, and zero back-offs hung until advanced.) The
/// simulation has its own `SimulatedClock`, which drives its executor.
public final class ManualClock: Clock, Sendable {
    /// A point in the clock's time: the offset from its start.
    public struct Instant: InstantProtocol {
        /// Time since the clock's start.
        public var offset: Duration
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct State {
        var now = Instant(offset: .zero)
        var sleepers: [(deadline: Instant, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    /// A clock at offset zero.
    public init() {}

    public var now: Instant { state.withLock { $0.now } }
    public var minimumResolution: Duration { .nanoseconds(1) }

    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        await withCheckedContinuation { continuation in
            let due = state.withLock { state in
                if deadline <= state.now { return true }
                state.sleepers.append((deadline, continuation))
                return false
            }
            if due { continuation.resume() }
        }
        try Task.checkCancellation()
    }

    /// How many sleeps are waiting for the clock to move: a test advances once the code under test
    /// has gone to sleep (an advance before that moves the deadline it then sleeps to).
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// Moves the clock forward, waking every sleeper whose deadline has come.
    public func advance(by duration: Duration) {
        let woken = state.withLock { state in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }
            state.sleepers.removeAll { $0.deadline <= now }
            return due.map(\.continuation)
        }
        for continuation in woken { continuation.resume() }
    }
}
