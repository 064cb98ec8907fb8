import BillingSyncConfig
import BillingSyncTesting
import Foundation
import PartnerCenterEmulator

/// Scenario 4: a mirrored set of customers, the drift generator changing K profiles a minute;
/// API calls per detected change and detection latency, with the audit feed on, then off
/// (detection by the scheduled full reconcile only).
struct SteadyStateScenario: Sendable {
    let workspace: BenchWorkspace
    let scale: BenchScale

    /// Calls and latencies of one phase.
    struct Phase: Sendable {
        let changes: Int
        let latencies: [Double]
        let profileCalls: Int
        let auditPages: Int
        let otherCalls: Int
    }

    func run() async throws -> ScenarioResult {
        let environment = try await workspace.environment("steady", customers: scale.steadyCustomers)
        do {
            let on = try await phase(environment, feed: true)
            let off = try await phase(environment, feed: false)
            await workspace.finish(environment)
            return result(on: on, off: off)
        } catch {
            await workspace.finish(environment)
            throw error
        }
    }

    private func phase(_ environment: EmulatedEnvironment, feed: Bool) async throws -> Phase {
        let scale = self.scale
        let daemon = try await InProcessDaemon.start(environment, timeout: .seconds(1800)) {
            $0.sync.auditFeed = feed
            $0.sync.auditInterval = scale.auditInterval
            $0.sync.fullResyncInterval = feed ? .seconds(86_400) : scale.feedOffResyncInterval
            $0.sync.fullResyncJitter = .zero
        }
        let state = environment.emulator.state
        let before = await CallCounts(state)
        let driver = DriftDriver(state: state, customers: await state.customerIDs(), perMinute: scale.driftPerMinute,
                                 fields: ["defaultAddress.city"], label: feed ? "Feed City" : "Poll City")
        let changes = try await driver.run(for: scale.steadyDuration)
        let grace = feed ? scale.auditInterval * 2 + .seconds(10) : scale.feedOffResyncInterval * 2 + .seconds(10)
        let latencies = try await ChangeDetection(databasePath: environment.databasePath).waitForAll(changes, timeout: grace)
        let after = await CallCounts(state)
        await daemon.stop()
        return Phase(changes: changes.count, latencies: latencies, profileCalls: after.profiles - before.profiles,
                     auditPages: after.audit - before.audit, otherCalls: after.other - before.other)
    }

    private func result(on: Phase, off: Phase) -> ScenarioResult {
        var result = ScenarioResult(number: 4, id: "steady-state")
        result.add("mirrored customers", Double(scale.steadyCustomers), "customers")
        result.add("drift", scale.driftPerMinute, "changes/min")
        for (name, phase) in [("feed on", on), ("feed off", off)] {
            let detected = max(phase.latencies.count, 1)
            let latency = Percentiles(phase.latencies)
            result.add("\(name): changes made", Double(phase.changes), "changes")
            result.add("\(name): changes detected", Double(phase.latencies.count), "changes")
            result.add("\(name): profile GETs per detected change", Double(phase.profileCalls) / Double(detected), "calls")
            result.add("\(name): audit pages per detected change", Double(phase.auditPages) / Double(detected), "calls")
            result.add("\(name): other API calls", Double(phase.otherCalls), "calls")
            result.add("\(name): detection latency p50", latency.p50, "s")
            result.add("\(name): detection latency p99", latency.p99, "s")
        }
        let onDetected = Double(max(on.latencies.count, 1))
        let offDetected = Double(max(off.latencies.count, 1))
        result.ratio("feed on: (profile GETs + other calls) per detected change",
                     Double(on.profileCalls + on.otherCalls) / onDetected, atMost: 2)
        result.ratio("feed on: detected / made", Double(on.latencies.count) / Double(max(on.changes, 1)), atLeast: 1)
        result.ratio("feed on / feed off: API calls per detected change",
                     (Double(on.profileCalls + on.auditPages + on.otherCalls) / onDetected)
                         / max(Double(off.profileCalls + off.auditPages + off.otherCalls) / offDetected, 0.001))
        result.ratio("feed on / feed off: detection latency p50",
                     Percentiles(on.latencies).p50 / max(Percentiles(off.latencies).p50, 0.001))
        result.notes.append("audit_interval \(DurationText.format(scale.auditInterval)); feed off: full_resync_interval \(DurationText.format(scale.feedOffResyncInterval)), fetches spread over a quarter of it; drift for \(DurationText.format(scale.steadyDuration)).")
        return result
    }
}

/// The emulator's request counters relevant to change detection.
struct CallCounts: Sendable {
    let profiles: Int
    let audit: Int
    let other: Int

    init(_ state: EmulatorState) async {
        let all = await state.requestCount() - state.tokenRequestCount()
        profiles = await state.requestCount(route: "GET /v1/customers/{id}/profiles/billing")
        audit = await state.requestCount(route: "GET /v1/auditrecords")
        other = all - profiles - audit
    }
}
