import BillingSyncTesting
import PartnerCenterClient
import Synchronization
import Testing

@Suite struct RequestRateLimiterTests {
    @Test("a burst goes at once, then each token waits until it is earned")
    func burstThenSteadyRate() async throws {
        // On a clock that moves only when the test moves it, "at once" means without time passing,
        // however loaded the machine (wall-clock upper bounds here were at the mercy of CI's load).
        let clock = ManualClock()
        // 600/minute = one token per 100 ms, with a burst of 3.
        let limiter = RequestRateLimiter(requestsPerMinute: 600, burst: 3, clock: clock)
        for _ in 0..<3 { try await limiter.acquire() }
        let fourth = Task { try await limiter.acquire() }
        try await eventually { await limiter.waitingForTests(.background) == 1 }
        clock.advance(by: .milliseconds(90))
        try await Task.sleep(for: .milliseconds(50))
        #expect(await limiter.grantsForTests == 3, "no token before it is earned")
        clock.advance(by: .milliseconds(10))
        try await fourth.value
        #expect(await limiter.grantsForTests == 4)
        #expect(await limiter.waitingForTests(.background) == 0)
    }

    @Test func offWhenZeroOrNil() async throws {
        for rate in [nil, 0] as [Int?] {
            // A limiter that is off never waits: on a clock that never moves, a wait would hang.
            let clock = ManualClock()
            let limiter = RequestRateLimiter(requestsPerMinute: rate, clock: clock)
            let acquiring = Task { for _ in 0..<1000 { try await limiter.acquire() } }
            try await eventually { await limiter.grantsForTests == 1000 }
            try await acquiring.value
            #expect(await limiter.waitingForTests(.background) == 0)
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

    /// Waiting workers do not all wake up for every token (which cost CPU in proportion to
    /// workers × requests at high rates): the limiter sleeps once per token due (here one per
    /// 20 ms, longer than a tick) and hands it to the next waiter.
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
        #expect(clock.sleeps <= 19, "one sleep per token, not one per worker per token")
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

    @Test("an interactive request gets the next token ahead of the background queue, and the rate holds")
    func interactiveGoesAhead() async throws {
        let clock = ManualClock()
        // 60/minute = one token a second, burst 1: the clock alone decides who goes when.
        let limiter = RequestRateLimiter(requestsPerMinute: 60, burst: 1, clock: clock)
        try await limiter.acquire()
        let order = OrderLog()
        let waiters = (0..<10).map { _ in Task { try await limiter.acquire(); order.append("b") } }
        try await eventually { await limiter.waitingForTests(.background) == 10 }
        let pusher = Task { try await limiter.acquire(priority: .interactive); order.append("i") }
        try await eventually { await limiter.waitingForTests(.interactive) == 1 }
        for second in 1...11 {
            clock.advance(by: .seconds(1))
            try await eventually { order.entries.count == second }
            #expect(await limiter.grantsForTests == 1 + second, "one token a second, never more")
        }
        #expect(order.entries == ["i"] + Array(repeating: "b", count: 10))
        try await pusher.value
        for waiter in waiters { try await waiter.value }
    }

    @Test("under a flood of interactive requests the background still gets one token in five, and no interactive request waits more than one extra token")
    func backgroundKeepsItsShare() async throws {
        let clock = ManualClock()
        let limiter = RequestRateLimiter(requestsPerMinute: 60, burst: 1, clock: clock)
        try await limiter.acquire()
        let order = OrderLog()
        let background = (0..<4).map { _ in Task { try await limiter.acquire(); order.append("b") } }
        try await eventually { await limiter.waitingForTests(.background) == 4 }
        let interactive = (0..<16).map { _ in
            Task { try await limiter.acquire(priority: .interactive); order.append("i") }
        }
        try await eventually { await limiter.waitingForTests(.interactive) == 16 }
        for second in 1...20 {
            clock.advance(by: .seconds(1))
            try await eventually { order.entries.count == second }
        }
        #expect(await limiter.grantsForTests == 21, "one token a second, never more")
        let turns = "iiiib"
        #expect(order.entries.joined() == String(repeating: turns, count: 4),
                "background gets every \(RequestPriority.backgroundTurn)th token while it waits")
        #expect(RequestPriority.minimumBackgroundShare == 0.2)
        for task in background + interactive { try await task.value }
    }

    @Test("a waiter cancelled in the queue leaves it without taking a token")
    func cancelledWaiterLeavesTheQueue() async throws {
        let clock = ManualClock()
        let limiter = RequestRateLimiter(requestsPerMinute: 60, burst: 1, clock: clock)
        try await limiter.acquire()
        let cancelled = Task { try await limiter.acquire() }
        try await eventually { await limiter.waitingForTests(.background) == 1 }
        let patient = Task { try await limiter.acquire(priority: .interactive) }
        try await eventually { await limiter.waitingForTests(.interactive) == 1 }
        cancelled.cancel()
        await #expect(throws: PartnerCenterError.self) { try await cancelled.value }
        clock.advance(by: .seconds(1))
        try await patient.value
        #expect(await limiter.grantsForTests == 2)
    }

    @Test("the waiters of one tick wake together, and no token is handed out before it is earned")
    func waitersOfOneTickWakeTogether() async throws {
        let clock = CountingClock()
        let before = ContinuousClock.now
        // 60,000/minute = one token per millisecond, burst 1, 10 ms ticks: 99 waiters span ~99 ms.
        let limiter = RequestRateLimiter(requestsPerMinute: 60_000, burst: 1, tick: .milliseconds(10), clock: clock)
        let granted = OrderLog()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<100 {
                group.addTask {
                    try await limiter.acquire()
                    granted.append("\(before.duration(to: .now).seconds)")
                }
            }
            try await group.waitForAll()
        }
        #expect(clock.sleeps <= 12, "one wake-up per 10 ms tick, not one per token: \(clock.sleeps)")
        let times = granted.entries.compactMap(Double.init).sorted()
        #expect(times.count == 100)
        for (index, time) in times.enumerated() where index > 0 {
            #expect(time >= Double(index) / 1000 - 1e-4, "the token of waiter \(index) is earned after \(index) ms")
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
