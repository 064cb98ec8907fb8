import BillingSyncConfig
import BillingSyncTesting
import Foundation

/// Scenario 5: edits queued by another process while the daemon is idle → pushed (latency), then
/// the same under contention (the drift generator changing the same customers).
struct PushScenario: Sendable {
    let workspace: BenchWorkspace
    let scale: BenchScale

    func run() async throws -> ScenarioResult {
        let environment = try await workspace.environment("push", customers: scale.pushCustomers)
        do {
            let daemon = try await InProcessDaemon.start(environment, timeout: .seconds(600)) {
                $0.push = PushSettings()  // the documented defaults (fallback poll_interval 1 s, backoff 1 s … 60 s)
            }
            let result: ScenarioResult
            do {
                result = try await measure(environment)
            } catch {
                await daemon.stop()
                throw error
            }
            await daemon.stop()
            await workspace.finish(environment)
            return result
        } catch {
            await workspace.finish(environment)
            throw error
        }
    }

    private func measure(_ environment: EmulatedEnvironment) async throws -> ScenarioResult {
        let outbox = try OutboxClient(databasePath: environment.databasePath)
        let ids = await environment.emulator.state.customerIDs()
        var idle: [OutboxClient.Outcome] = []
        for number in 0..<scale.idleEdits {
            try await Task.sleep(for: .milliseconds(Int64.random(in: 100...600)))
            let id = try outbox.queueCityEdit(ids[number % ids.count], city: "Idle City \(number)")
            guard let outcome = try await outbox.waitForOutcome(id, timeout: .seconds(60)) else {
                throw BenchError(.timeout, "idle edit \(id) was not pushed within 60 s")
            }
            idle.append(outcome)
        }
        let hot = Array(ids.prefix(scale.hotCustomers))
        let driver = DriftDriver(state: environment.emulator.state, customers: hot,
                                 perMinute: scale.contentionDriftPerMinute,
                                 fields: ["defaultAddress.city", "defaultAddress.phoneNumber"], label: "Contended City")
        let spacing = Duration.milliseconds(250)
        let drift = Task { try await driver.run(for: spacing * scale.contendedEdits + .seconds(2)) }
        var queued: [Int64] = []
        for number in 0..<scale.contendedEdits {
            queued.append(try outbox.queueCityEdit(hot[number % hot.count], city: "Pushed City \(number)"))
            try await Task.sleep(for: spacing)
        }
        var contended: [OutboxClient.Outcome] = []
        for id in queued {
            if let outcome = try await outbox.waitForOutcome(id, timeout: .seconds(300)) { contended.append(outcome) }
        }
        _ = try await drift.value
        return result(idle: idle, contended: contended, queued: queued.count, conflicts: try outbox.conflictCount())
    }

    private func result(idle: [OutboxClient.Outcome], contended: [OutboxClient.Outcome], queued: Int,
                        conflicts: Int) -> ScenarioResult {
        var result = ScenarioResult(number: 5, id: "push")
        let idleLatency = Percentiles(idle.compactMap(\.latency))
        result.add("idle: edits pushed", Double(idle.filter { $0.status == "pushed" }.count), "edits")
        result.add("idle: latency p50", idleLatency.p50, "s")
        result.add("idle: latency p99", idleLatency.p99, "s")
        result.ratio("idle: latency p50 / 0.2 s", idleLatency.p50 / 0.2, atMost: 1)
        let pushed = contended.filter { $0.status == "pushed" }
        let contendedLatency = Percentiles(pushed.compactMap(\.latency))
        result.add("contention: edits queued", Double(queued), "edits")
        result.add("contention: edits pushed", Double(pushed.count), "edits")
        result.add("contention: edits in conflict", Double(contended.filter { $0.status == "conflict" }.count), "edits")
        result.add("contention: edits failed", Double(contended.filter { $0.status == "failed" }.count), "edits")
        result.add("contention: edits unfinished", Double(queued - contended.count), "edits")
        result.add("contention: conflicts recorded", Double(conflicts), "conflicts")
        result.add("contention: PUT attempts per pushed edit",
                   Double(pushed.map(\.attempts).reduce(0, +)) / Double(max(pushed.count, 1)), "attempts")
        result.add("contention: latency p50", contendedLatency.p50, "s")
        result.add("contention: latency p99", contendedLatency.p99, "s")
        result.ratio("contention / idle: latency p50", contendedLatency.p50 / max(idleLatency.p50, 0.001))
        result.notes.append("Edits are plain SQL inserts from another connection (base = mirrored ETag and raw_json); the daemon is woken by inotify on the database's WAL and confirms each hint with PRAGMA data_version; push.poll_interval (1 s) is only the fallback poll. Latency = pushed_at - created_at.")
        result.notes.append("Contention: \(scale.hotCustomers) customers, drift \(Int(scale.contentionDriftPerMinute))/min on city and phone, one edit (city) every 250 ms.")
        return result
    }
}
