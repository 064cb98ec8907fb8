import BillingSyncTesting
import Foundation
import PartnerCenterClient
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite struct ThrottlingIntegrationTests {
    @Test("a 429 closes the shared limiter for every worker until Retry-After: nothing is sent while it is closed, everything after")
    func a429PausesEveryWorkerUntilRetryAfter() async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 40, seed: 7)) { fixture in
            let ids = await fixture.emulator.state.customerIDs()
            let state = fixture.emulator.state
            // The limiter's clock moves only when the test moves it: the pause lasts as long as the
            // test needs, however loaded the machine is (a wall-clock pause once ran out under CI load
            // before the test had looked at it).
            let clock = ManualClock()
            let limiter = RequestRateLimiter(requestsPerMinute: nil, clock: clock)
            let client = PartnerCenterClient(configuration: fixture.client.configuration, logger: fixture.logs.logger(), limiter: limiter)
            try await client.fetchAccessToken()
            var faults = FaultSettings.only(\.tooManyRequestsRate)
            faults.tooManyRequestsRetryAfter = 2
            await state.setFaults(faults)

            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in ids {
                    group.addTask { _ = try await client.billingProfile(id) }
                }
                let deadline = ContinuousClock.now + .seconds(60)
                while await limiter.remainingPause == .zero, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(10))
                }
                #expect(await limiter.remainingPause == .seconds(2), "the limiter is closed for the Retry-After")
                await state.setFaults(FaultSettings())
                // Requests that passed the limiter before the 429 may still land; wait until every
                // worker is done or queued at the closed limiter.
                func settled() async -> Int {
                    await limiter.waitingForTests(.background) + limiter.waitingForTests(.interactive)
                        + state.requestCount(route: "GET /v1/customers/{id}/profiles/billing", status: 200)
                }
                while await settled() < ids.count, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(10))
                }
                let queued = await limiter.waitingForTests(.background) + limiter.waitingForTests(.interactive)
                #expect(queued > 0, "throttled workers wait at the limiter instead of sending again")
                let sent = await state.requestCount()
                let granted = await limiter.grantsForTests
                try await Task.sleep(for: .milliseconds(300))
                #expect(await state.requestCount() == sent, "requests sent while the limiter was closed")
                #expect(await limiter.grantsForTests == granted, "tokens handed out while the limiter was closed")
                clock.advance(by: .seconds(2))
                try await group.waitForAll()
            }
            #expect(await limiter.remainingPause == .zero)
            #expect(await state.requestCount(status: 429) >= 1)
            let health = await client.health
            #expect(health.rateLimitedCount >= 1)
            #expect(await state.requestCount(route: "GET /v1/customers/{id}/profiles/billing", status: 200) == ids.count)
        }
    }

    @Test("429s the client did not cause spend no attempt: a call throttled more often than its attempts still succeeds")
    func throttlingSpendsNoAttempt() async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 3, seed: 7)) { fixture in
            let state = fixture.emulator.state
            let id = try #require(await state.customerIDs().first)
            try await fixture.client.fetchAccessToken()
            var faults = FaultSettings.only(\.tooManyRequestsRate)
            faults.tooManyRequestsRetryAfter = 0
            await state.setFaults(faults)
            let attempts = fixture.client.configuration.transport.retry.maxAttempts
            let call = Task { try await fixture.client.billingProfile(id) }
            // Let the storm answer more 429s than the call has attempts, then let the budget return.
            let deadline = ContinuousClock.now + .seconds(20)
            while await state.requestCount(status: 429) <= attempts, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            await state.setFaults(FaultSettings())
            let profile = try await call.value
            #expect(profile.etag != nil)
            #expect(await state.requestCount(status: 429) > attempts)
        }
    }

    @Test func clientSideLimiterSpacesRequests() async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 12, seed: 7)) { fixture in
            // 600/minute = 10 per second, with a burst of 2, shared through the `limiter:` parameter.
            let limiter = RequestRateLimiter(requestsPerMinute: 600, burst: 2)
            let client = PartnerCenterClient(configuration: fixture.client.configuration, logger: fixture.logs.logger(), limiter: limiter)
            let started = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in await fixture.emulator.state.customerIDs() {
                    group.addTask { _ = try await client.billingProfile(id) }
                }
                try await group.waitForAll()
            }
            // 12 profile GETs: 2 at once, 10 more at 100 ms each (the token call is not limited).
            #expect(started.duration(to: .now) >= .milliseconds(950))
        }
    }

    @Test func concurrencyIsBounded() async throws {
        var configuration = EmulatorConfiguration(customerCount: 12, seed: 7)
        configuration.faults.latency = .milliseconds(200)
        try await EmulatorFixture.with(configuration, tweak: { $0.maxConcurrency = 3 }) { fixture in
            try await fixture.client.fetchAccessToken()
            let started = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in await fixture.emulator.state.customerIDs() {
                    group.addTask { _ = try await fixture.client.billingProfile(id) }
                }
                try await group.waitForAll()
            }
            // 12 requests of ≥ 200 ms, 3 at a time: at least 4 rounds.
            #expect(started.duration(to: .now) >= .milliseconds(790))
        }
    }

    @Test("a request waiting for the rate holds no permit: with one permit, a push's GET goes ahead of reconcile fetches queued for the rate")
    func waitingForTheRateHoldsNoPermit() async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 4, seed: 7)) { fixture in
            let ids = await fixture.emulator.state.customerIDs()
            var configuration = fixture.client.configuration
            configuration.maxConcurrency = 1
            let clock = ManualClock()
            let limiter = RequestRateLimiter(requestsPerMinute: 60, burst: 1, clock: clock)
            let client = PartnerCenterClient(configuration: configuration, logger: fixture.logs.logger(), limiter: limiter)
            try await client.fetchAccessToken()
            try await limiter.acquire()  // the burst: from now on one token per second of the manual clock
            let order = OrderLog()
            let reconcile = ids.prefix(3).map { id in
                Task { _ = try await client.billingProfile(id); order.append("b") }
            }
            // All three wait for the rate (none holds the only permit while it waits).
            try await eventually { await limiter.waitingForTests(.background) == 3 }
            let push = Task {
                _ = try await RequestPriority.$current.withValue(.interactive) { try await client.billingProfile(ids[3]) }
                order.append("i")
            }
            try await eventually { await limiter.waitingForTests(.interactive) == 1 }
            clock.advance(by: .seconds(1))
            try await push.value
            #expect(order.entries == ["i"])
            #expect(await limiter.waitingForTests(.background) == 3)
            clock.advance(by: .seconds(3))
            for task in reconcile { try await task.value }
            #expect(order.entries == ["i", "b", "b", "b"])
        }
    }
}
