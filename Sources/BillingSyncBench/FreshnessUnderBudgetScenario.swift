import BillingSyncConfig
import BillingSyncTesting
import Foundation
import PartnerCenterEmulator

/// Scenario 12 (`freshness-under-budget`): how soon a remote change reaches the mirror while a
/// full reconcile spends the tenant's whole budget. N customers are loaded without a budget (the
/// mirror a long-running daemon holds), then the emulator enforces `perMinute` and the daemon runs
/// with the same `requests_per_minute`, its full reconcile due at once and again as soon as it
/// ends (the worst case: every request the feed makes waits among the reconcile's). Meanwhile
/// another admin changes `driftPerMinute` profiles a minute. Reported: each change's latency
/// (`profile_history.detected_at` − the change) against `audit_interval` + 5 s, and the profile
/// reads the reconcile made meanwhile (that it did spend the budget).
struct FreshnessUnderBudgetScenario: Sendable {
    let workspace: BenchWorkspace
    let customers: Int
    let perMinute: Int
    let auditInterval: Duration
    let driftPerMinute: Double
    let duration: Duration

    func run() async throws -> ScenarioResult {
        let environment = try await workspace.environment("freshness", customers: customers)
        return try await workspace.measuring(environment, measure)
    }

    private func measure(_ environment: EmulatedEnvironment) async throws -> ScenarioResult {
        let clock = ContinuousClock()
        let loadStarted = clock.now
        let load = try await InProcessDaemon.start(environment, timeout: .seconds(3600)) {
            $0.sync.auditFeed = false
            $0.sync.fullResyncInterval = .seconds(86_400)
        }
        await load.stop()
        let loadSeconds = loadStarted.duration(to: clock.now).seconds
        let state = environment.emulator.state
        await state.setRateLimit(perMinute: perMinute)
        let auditInterval = self.auditInterval
        let perMinute = self.perMinute
        let daemon = try await InProcessDaemon.start(environment, timeout: .seconds(60)) {
            $0.sync.requestsPerMinute = perMinute
            $0.sync.auditFeed = true
            $0.sync.auditInterval = auditInterval
            $0.sync.fullResyncInterval = .seconds(1)
            $0.sync.fullResyncJitter = .zero
        }
        let before = await CallCounts(state)
        let throttledBefore = await state.requestCount(status: 429)
        let measured = clock.now
        let driver = DriftDriver(state: state, customers: await state.customerIDs(), perMinute: driftPerMinute,
                                 fields: ["defaultAddress.city"], label: "Fresh City")
        let changes = try await driver.run(for: duration)
        let latencies = try await ChangeDetection(databasePath: environment.databasePath)
            .waitForAll(changes, timeout: auditInterval * 3 + .seconds(60))
        let after = await CallCounts(state)
        let elapsedMinutes = measured.duration(to: clock.now).seconds / 60
        let throttled = await state.requestCount(status: 429) - throttledBefore
        await daemon.stop()
        var result = ScenarioResult(number: 12, id: "freshness-under-budget")
        let latency = Percentiles(latencies)
        let goal = (auditInterval + .seconds(5)).seconds
        result.add("mirrored customers", Double(customers), "customers")
        result.add("initial load without the budget", loadSeconds, "s")
        result.add("tenant budget (emulator and client)", Double(perMinute), "requests/min")
        result.add("audit interval", auditInterval.seconds, "s")
        result.add("changes made", Double(changes.count), "changes")
        result.add("changes in the mirror", Double(latencies.count), "changes")
        result.add("latency p50", latency.p50, "s")
        result.add("latency p99", latency.p99, "s")
        result.add("latency max", latency.max, "s")
        result.add("profile reads per minute meanwhile", Double(after.profiles - before.profiles) / elapsedMinutes, "requests/min")
        result.add("audit pages per minute meanwhile", Double(after.audit - before.audit) / elapsedMinutes, "requests/min")
        result.add("429 answers meanwhile", Double(throttled), "responses")
        result.ratio("changes not in the mirror", Double(changes.count - latencies.count), atMost: 0)
        result.ratio("latency p99 / (audit interval + 5 s)", latency.p99 / goal, atMost: 1)
        result.ratio("profile reads per minute / budget",
                     Double(after.profiles - before.profiles) / elapsedMinutes / Double(perMinute))
        result.notes.append("Loaded with no budget, then the emulator enforced \(perMinute)/min and the daemon ran with requests_per_minute = \(perMinute), full_resync_interval = 1 s (a full reconcile always running), audit_interval \(DurationText.format(auditInterval)); another admin changed \(Int(driftPerMinute)) cities a minute for \(DurationText.format(duration)).")
        return result
    }
}
