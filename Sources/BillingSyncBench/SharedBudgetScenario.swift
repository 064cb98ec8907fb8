import BillingSyncTesting
import Foundation
import PartnerCenterEmulator

/// Scenarios 10 and 11: a `billing-sync sync --once` child against an emulator enforcing the
/// tenant's budget (`perMinute`), the budget already in use when it starts (the bench drains the
/// emulator's bucket first: it starts with a minute saved up, which a real tenant rarely has).
///
/// - 10 (`shared-budget`): another consumer (`TenantConsumer`, same tenant) takes `otherShare` of
///   the budget at a fixed pace throughout; the sync is configured with the whole budget.
/// - 11 (`over-claimed`): no other consumer; the sync is configured with `claimFactor` × the budget
///   (several instances, or a wrong `requests_per_minute`).
///
/// Reported: customers left unfetched, the exit status, the sync's 429s as a share of its
/// requests, and its steady request rate against the rate the budget leaves it.
struct SharedBudgetScenario: Sendable {
    let workspace: BenchWorkspace
    let customers: Int
    let perMinute: Int
    /// Share of the budget the other consumer takes (0: none).
    let otherShare: Double
    /// `requests_per_minute` of the sync as a multiple of `perMinute`.
    let claimFactor: Int

    var number: Int { otherShare > 0 ? 10 : 11 }
    var id: String { otherShare > 0 ? "shared-budget" : "over-claimed" }

    func run() async throws -> ScenarioResult {
        let claimed = perMinute * claimFactor
        let environment = try await workspace.environment(id, customers: customers, rateLimitPerMinute: perMinute) {
            $0.sync.requestsPerMinute = claimed
        }
        return try await workspace.measuring(environment) { environment in
            let consumer = try await TenantConsumer.make(environment)
            do {
                let result = try await measure(environment, consumer: consumer, claimed: claimed)
                await consumer.shutdown()
                return result
            } catch {
                await consumer.shutdown()
                throw error
            }
        }
    }

    private func measure(_ environment: EmulatedEnvironment, consumer: TenantConsumer, claimed: Int) async throws -> ScenarioResult {
        let state = environment.emulator.state
        let configPath = try environment.writeConfigurationFile()
        let drained = try await consumer.drain()
        let otherPerMinute = Double(perMinute) * otherShare
        let other = Task { if otherPerMinute > 0 { await consumer.run(perMinute: otherPerMinute) } }
        // What the sync sent: everything the emulator answered (but tokens) less the consumer's.
        let syncCounts = { @Sendable () async -> (requests: Int, throttled: Int) in
            let others = consumer.current
            return (await state.requestCount() - state.tokenRequestCount() - others.requests,
                    await state.requestCount(status: 429) - others.throttled)
        }
        let sampler = Task { () -> [RateLimitScenario.Sample] in
            var samples: [RateLimitScenario.Sample] = []
            let start = ContinuousClock.now
            while !Task.isCancelled {
                let counts = await syncCounts()
                samples.append(.init(seconds: start.duration(to: .now).seconds, requests: counts.requests - counts.throttled))
                try? await Task.sleep(for: .milliseconds(250))
            }
            return samples
        }
        let remainingPerMinute = Double(perMinute) - otherPerMinute
        let expectedSeconds = Double(customers) / remainingPerMinute * 60
        let report: (usage: ChildUsage, fetched: Int?)
        do {
            report = try await ChildRuns.syncReport(configPath: configPath, folder: environment.folder, label: "sync",
                                                    timeout: .seconds(120 + Int64(expectedSeconds * 3)))
        } catch {
            sampler.cancel()
            other.cancel()
            throw error
        }
        let (syncRequests, syncThrottled) = await syncCounts()
        sampler.cancel()
        other.cancel()
        let samples = await sampler.value
        await other.value
        let others = consumer.current
        var result = ScenarioResult(number: number, id: id)
        result.add("tenant budget (emulator)", Double(perMinute), "requests/min")
        result.add("requests_per_minute of the sync", Double(claimed), "requests/min")
        result.add("other consumer's pace", otherPerMinute, "requests/min")
        result.add("customers", Double(customers), "customers")
        result.add("sync exit status", Double(report.usage.exitCode), "")
        result.add("sync wall time", report.usage.wallSeconds, "s")
        result.add("sync requests", Double(syncRequests), "requests")
        result.add("sync 429 answers", Double(syncThrottled), "responses")
        result.add("other consumer: 200 answers (after the drain)", Double(others.ok - drained.ok), "responses")
        result.add("other consumer: 429 answers (after the drain)", Double(others.throttled - drained.throttled), "responses")
        let unfetched = customers - (report.fetched ?? 0)
        result.ratio("customers left unfetched", Double(unfetched), atMost: 0)
        result.ratio("sync exit status", Double(report.usage.exitCode), atMost: 0)
        result.ratio("429s / sync requests", Double(syncThrottled) / Double(max(syncRequests, 1)), atMost: otherShare > 0 ? 0.02 : 0.05)
        if let steady = RateLimitScenario.steadyRate(samples, total: syncRequests - syncThrottled) {
            result.add("sync steady rate of answered requests (20 %…90 % of the load)", steady * 60, "requests/min")
            result.ratio("sync steady rate / rate the budget leaves", steady * 60 / remainingPerMinute, atLeast: 0.95)
        } else {
            result.notes.append("the load was too short for a steady window")
        }
        result.notes.append("The bench drained the emulator's bucket first (\(drained.requests) requests until a 429); the other consumer sends its GETs at a fixed pace whatever the answers.")
        return result
    }
}
