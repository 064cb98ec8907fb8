import PartnerCenterClient
import Synchronization
import Testing

@Suite struct PermitPoolTests {
    @Test("never more than the permits at once, and thousands of waiters all get through")
    func boundsConcurrencyAtScale() async throws {
        let pool = PermitPool(permits: 4)
        let running = Occupancy()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<5_000 {
                group.addTask {
                    try await pool.withPermit { () async throws(PartnerCenterError) in
                        running.enter()
                        await Task.yield()
                        running.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(running.peak == 4)
        #expect(running.now == 0)
    }

    @Test("a cancelled waiter leaves the queue and the others still get their permit")
    func cancelledWaiter() async throws {
        let pool = PermitPool(permits: 1)
        let (gate, open) = AsyncStream.makeStream(of: Void.self)
        let holder = Task {
            try await pool.withPermit { () async throws(PartnerCenterError) in
                for await _ in gate { break }
            }
        }
        try await Task.sleep(for: .milliseconds(50))
        let cancelled = Task { try await pool.withPermit { () async throws(PartnerCenterError) in 1 } }
        let patient = Task { try await pool.withPermit { () async throws(PartnerCenterError) in 2 } }
        try await Task.sleep(for: .milliseconds(50))
        cancelled.cancel()
        await #expect(throws: PartnerCenterError.self) { try await cancelled.value }
        open.yield()
        try await holder.value
        #expect(try await patient.value == 2)
    }

    @Test("a push's request gets the next permit ahead of reconcile fetches waiting for one")
    func interactiveFirst() async throws {
        let pool = PermitPool(permits: 1)
        let (gate, open) = AsyncStream.makeStream(of: Void.self)
        let holder = Task {
            try await pool.withPermit { () async throws(PartnerCenterError) in
                for await _ in gate { break }
            }
        }
        let order = OrderLog()
        let background = (0..<3).map { _ in
            Task { try await pool.withPermit { () async throws(PartnerCenterError) in order.append("b") } }
        }
        while await pool.waitingForTests(.background) < 3 { await Task.yield() }
        let push = Task {
            try await pool.withPermit(priority: .interactive) { () async throws(PartnerCenterError) in order.append("i") }
        }
        while await pool.waitingForTests(.interactive) < 1 { await Task.yield() }
        open.yield()
        try await holder.value
        try await push.value
        for task in background { try await task.value }
        #expect(order.entries == ["i", "b", "b", "b"])
    }
}

/// How many callers hold a permit now, and the most at once.
private final class Occupancy: Sendable {
    private let state = Mutex((now: 0, peak: 0))
    var now: Int { state.withLock { $0.now } }
    var peak: Int { state.withLock { $0.peak } }
    func enter() { state.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) } }
    func leave() { state.withLock { $0.now -= 1 } }
}
