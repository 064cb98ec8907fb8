import PartnerCenterClient
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
        #expect(elapsed < .seconds(5), "the limiter should not stall")
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
}
