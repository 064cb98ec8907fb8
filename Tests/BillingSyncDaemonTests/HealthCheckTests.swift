import Foundation
import Testing
@testable import BillingSyncDaemon

@Suite("status as a check: HealthCheck verdicts")
struct HealthCheckTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    func snapshot(_ state: HealthState, age: TimeInterval, interval: Double? = 60) -> HealthSnapshot {
        HealthSnapshot(health: state, since: now.addingTimeInterval(-age), updatedAt: now.addingTimeInterval(-age),
                       lastError: nil, pid: 42, writeIntervalSeconds: interval)
    }

    @Test("healthy 0, degraded 1, down 2 (stale beyond twice the interval, or pid gone), unknown 3")
    func verdicts() {
        let alive: (Int32) -> Bool = { _ in true }
        #expect(HealthCheck.evaluate(snapshot(.healthy, age: 10), now: now, isRunning: alive).verdict == .healthy)
        #expect(HealthCheck.evaluate(snapshot(.forbidden, age: 10), now: now, isRunning: alive).verdict == .degraded)
        #expect(HealthCheck.evaluate(snapshot(.starting, age: 10), now: now, isRunning: alive).verdict == .degraded)
        #expect(HealthCheck.evaluate(snapshot(.healthy, age: 119), now: now, isRunning: alive).verdict == .healthy)
        let stale = HealthCheck.evaluate(snapshot(.healthy, age: 121), now: now, isRunning: alive)
        #expect(stale.verdict == .down && stale.ageSeconds == 121)
        #expect(HealthCheck.evaluate(snapshot(.healthy, age: 25, interval: 10), now: now, isRunning: alive).verdict == .down)
        let killed = HealthCheck.evaluate(snapshot(.healthy, age: 1), now: now, isRunning: { _ in false })
        #expect(killed.verdict == .down && killed.reason == "pid 42 is not running")
        #expect(HealthCheck.evaluate(nil, now: now).verdict == .unknown)
        #expect(HealthCheck.Verdict.allRawValues == [0, 1, 2, 3])
    }

    @Test("the current process runs; pid 0 and an unused pid do not")
    func processCheck() {
        #expect(HealthCheck.isProcessRunning(getpid()))
        #expect(!HealthCheck.isProcessRunning(0))
        #expect(!HealthCheck.isProcessRunning(Int32.max))
    }
}

extension HealthCheck.Verdict {
    static var allRawValues: [Int32] { [HealthCheck.Verdict.healthy, .degraded, .down, .unknown].map(\.rawValue) }
}
