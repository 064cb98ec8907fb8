import PartnerCenterClient
import Synchronization
import Testing

@Suite struct RequestRateLimiterTests {
    @Test func burstThenSteadyRate() async throws {
        // 600/minute = 10/s with a burst of 3: 3 immediately, then one per 100 ms.
        let clock = ContinuousClock()
        let limiter = RequestRateLimiter(requestsPerMinute: 600, burst: 3, clock: clock)
        let start = clock.now
        for _ in 0..<3 { try await limiter.acquire() }
        // "Immediately" with room for a loaded CI machine; without a burst it would take ≥ 200 ms.
        #expect(start.duration(to: clock.now) < .milliseconds(180))
        for _ in 0..<5 { try await limiter.acquire() }
        let elapsed = start.duration(to: clock.now)
        #expect(elapsed >= .milliseconds(450))
        // Only a stall fails this; a loaded 2-core CI machine (the whole suite in parallel) has
        // been seen to take 5.5 s for these five 100 ms sleeps.
        #expect(elapsed < .seconds(30), "the limiter should not stall")
    }

    @Test func offWhenZeroOrNil() async throws {
        for rate in [nil, 0] as [Int?] {
            let limiter = RequestRateLimiter(requestsPerMinute: rate)
            let start = ContinuousClock.now
            for _ in 0..<1000 { try await limiter.acquire() }
            #expect(start.duration(to: .now) < .seconds(1))
        }
    }

    @Test func pauseHoldsEveryWaiter() async throws {
        let limiter = RequestRateLimiter(requestsPerMinute: nil)
        await limiter.pause(for: .milliseconds(300))
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Duration.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await limiter.acquire()
                    return start.duration(to: .now)
                }
            }
            for try await waited in group {
                #expect(waited >= .milliseconds(290))
            }
        }
        #expect(await limiter.remainingPause == .zero)
    }

    @Test func pauseNeverShortens() async {
        let limiter = RequestRateLimiter(requestsPerMinute: 500)
        await limiter.pause(for: .seconds(10))
        await limiter.pause(for: .seconds(1))
        #expect(await limiter.remainingPause > .seconds(9))
    }

    @Test func cancelledWaiterThrowsCancelled() async {
        let limiter = RequestRateLimiter(requestsPerMinute: nil)
        await limiter.pause(for: .seconds(30))
        let task = Task { () -> PartnerCenterError.Kind? in
            do throws(PartnerCenterError) {
                try await limiter.acquire()
                return nil
            } catch {
                return error.kind
            }
        }
        try? await Task.sleep(for: .milliseconds(50))
        task.cancel()
        #expect(await task.value == .cancelled)
    }

    /// Waiting workers sleep once each, until their own token is due; they do not all wake up
    /// for every token (which cost CPU in proportion to workers × requests at high rates).
    @Test func eachWaiterSleepsOnce() async throws {
        let clock = CountingClock()
        // 3,000/minute = 50/s, burst 1: 20 workers take 20 tokens in about 0.4 s.
        let limiter = RequestRateLimiter(requestsPerMinute: 3000, burst: 1, clock: clock)
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask { try await limiter.acquire() }
            }
            try await group.waitForAll()
        }
        let elapsed = start.duration(to: .now)
        #expect(elapsed >= .milliseconds(360), "19 tokens at 50/s take at least 0.38 s")
        #expect(clock.sleeps <= 19, "one sleep per waiting worker, not one per worker per token")
    }

    /// Waiters whose tokens fall due within one tick share its deadline (one wake-up for all of
    /// them), and none wakes before its token is earned.
    @Test("a 429 episode lowers the rate by a quarter once, and quiet intervals give it back a tenth at a time")
    func rateAdaptsToThrottling() async throws {
        let clock = ManualClock()
        let limiter = RequestRateLimiter(requestsPerMinute: 600, burst: 1, recoveryInterval: .seconds(15), clock: clock)
        #expect(await limiter.currentRequestsPerMinute == 600)
        #expect(await limiter.pause(for: .seconds(2)))
        // Further 429s of the same episode (answers to requests already in flight) change nothing.
        #expect(await !limiter.pause(for: .seconds(1)))
        #expect(await limiter.currentRequestsPerMinute == 450)
        clock.advance(by: .seconds(3))
        #expect(await limiter.pause(for: .seconds(1)))  // a second episode
        #expect(await limiter.currentRequestsPerMinute == 337.5)
        // Never below a tenth of the configured rate.
        for _ in 0..<20 {
            clock.advance(by: .seconds(2))
            await limiter.pause(for: .seconds(1))
        }
        #expect(await limiter.currentRequestsPerMinute == 60)
        // 15 s after the last pause ended: +60/min; 45 s more: +180/min.
        clock.advance(by: .seconds(1) + .seconds(15))
        try await limiter.acquire()
        #expect(await limiter.currentRequestsPerMinute == 120)
        clock.advance(by: .seconds(45))
        try await limiter.acquire()
        #expect(await limiter.currentRequestsPerMinute == 300)
        clock.advance(by: .seconds(600))
        try await limiter.acquire()
        #expect(await limiter.currentRequestsPerMinute == 600)
    }

    @Test("an interactive request goes ahead of the background waiters, and the rate holds")
    func interactiveGoesAhead() async throws {
        // 600/minute = one token per 100 ms, burst 1: ten background waiters span a second.
        let limiter = RequestRateLimiter(requestsPerMinute: 600, burst: 1)
        let order = OrderLog()
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<10 {
                group.addTask {
                    try await limiter.acquire()
                    order.append("b\(index)")
                }
            }
            // Let the background waiters queue, then ask interactively.
            while await limiter.remainingTokensForTests > -8 { try await Task.sleep(for: .milliseconds(5)) }
            try await limiter.acquire(priority: .interactive)
            order.append("interactive")
            try await group.waitForAll()
        }
        let finished = order.entries
        let position = try #require(finished.firstIndex(of: "interactive"))
        #expect(position <= 3, "the interactive request waited behind \(position) background requests: \(finished)")
        // Eleven tokens at one per 100 ms after the first: at least a second, whoever went first.
        #expect(start.duration(to: .now) >= .milliseconds(950))
    }

    @Test func waitersOfOneTickWakeTogether() async throws {
        let clock = CountingClock()
        let before = clock.now
        // 60,000/minute = one token per millisecond, burst 1, 10 ms ticks: 99 waiters span ~99 ms.
        let limiter = RequestRateLimiter(requestsPerMinute: 60_000, burst: 1, tick: .milliseconds(10), clock: clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<100 {
                group.addTask { try await limiter.acquire() }
            }
            try await group.waitForAll()
        }
        let deadlines = clock.deadlines.sorted()
        // 99 sleeps; on a loaded machine a late waiter can find its token earned and not sleep.
        #expect((90...99).contains(deadlines.count))
        #expect(Set(deadlines).count <= 11, "one deadline per 10 ms tick, not one per token")
        for (index, deadline) in deadlines.enumerated() {
            #expect(before.duration(to: deadline) >= .milliseconds(index + 1), "the token of waiter \(index + 1) is earned after \(index + 1) ms")
        }
    }
}

/// The continuous clock, counting how often anyone sleeps on it and recording the deadlines.
private final class CountingClock: Clock, Sendable {
    private let base = ContinuousClock()
    private let count = Atomic<Int>(0)
    private let recorded = Mutex<[ContinuousClock.Instant]>([])

    var now: ContinuousClock.Instant { base.now }
    var minimumResolution: Duration { base.minimumResolution }
    var sleeps: Int { count.load(ordering: .relaxed) }
    var deadlines: [ContinuousClock.Instant] { recorded.withLock { $0 } }

    func sleep(until deadline: ContinuousClock.Instant, tolerance: Duration?) async throws {
        count.add(1, ordering: .relaxed)
        recorded.withLock { $0.append(deadline) }
        try await base.sleep(until: deadline, tolerance: tolerance)
    }
}

/// Names in the order they were appended, from any task.
private final class OrderLog: Sendable {
    private let names = Mutex<[String]>([])
    func append(_ name: String) { names.withLock { $0.append(name) } }
    var entries: [String] { names.withLock { $0 } }
}
