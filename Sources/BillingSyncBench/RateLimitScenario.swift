import BillingSyncTesting
import Foundation
import PartnerCenterEmulator

/// Scenario 3: a `billing-sync sync --once` child against an emulator enforcing a per-minute
/// limit, the client configured with the same limit; the request rate the emulator sees in the
/// steady part of the load, and the 429s it answered.
struct RateLimitScenario: Sendable {
    /// Requests answered by the emulator (API routes, not the token endpoint) at a moment.
    struct Sample: Sendable {
        let seconds: Double
        let requests: Int
    }

    let workspace: BenchWorkspace
    let perMinute: Int
    let customers: Int

    func run() async throws -> ScenarioResult {
        let perMinute = self.perMinute
        let environment = try await workspace.environment("rate-limit", customers: customers,
                                                          rateLimitPerMinute: perMinute) {
            $0.sync.requestsPerMinute = perMinute
        }
        return try await workspace.measuring(environment, measure)
    }

    private func measure(_ environment: EmulatedEnvironment) async throws -> ScenarioResult {
        let state = environment.emulator.state
        let configPath = try environment.writeConfigurationFile()
        let sampler = Task { () -> [Sample] in
            var samples: [Sample] = []
            let start = ContinuousClock.now
            while !Task.isCancelled {
                let requests = await state.requestCount() - state.tokenRequestCount()
                samples.append(Sample(seconds: start.duration(to: .now).seconds, requests: requests))
                try? await Task.sleep(for: .milliseconds(250))
            }
            return samples
        }
        let usage: ChildUsage
        do {
            usage = try await ChildRuns.sync(configPath: configPath, folder: environment.folder, expected: customers,
                                             timeout: .seconds(120) + .seconds(Int64(customers * 60 / perMinute) * 2))
        } catch {
            sampler.cancel()
            throw error
        }
        sampler.cancel()
        let samples = await sampler.value
        let total = await state.requestCount() - state.tokenRequestCount()
        let throttled = await state.requestCount(status: 429)
        let allowed = Double(perMinute) / 60
        var result = ScenarioResult(number: 3, id: "rate-limit")
        result.add("limit", Double(perMinute), "requests/min")
        result.add("customers", Double(customers), "customers")
        result.add("requests", Double(total), "requests")
        result.add("sync wall time", usage.wallSeconds, "s")
        result.add("overall rate", Double(total) / usage.wallSeconds, "requests/s")
        if let steady = Self.steadyRate(samples, total: total) {
            result.add("steady rate (20 %…90 % of the load)", steady, "requests/s")
            result.ratio("steady rate / allowed rate", steady / allowed, atLeast: 0.97)
        } else {
            result.notes.append("the load was too short for a steady window (it fits in the client's burst)")
        }
        result.add("429 answers", Double(throttled), "responses")
        result.ratio("429 answers (count)", Double(throttled), atMost: 0)
        result.notes.append("The emulator's bucket starts full (one minute's budget); the client's holds a tenth of it.")
        return result
    }

    /// Requests per second between 20 % and 90 % of the time the emulator took to see all requests.
    static func steadyRate(_ samples: [Sample], total: Int) -> Double? {
        guard let end = samples.first(where: { $0.requests >= total })?.seconds ?? samples.last?.seconds, end > 5 else {
            return nil
        }
        guard let first = samples.first(where: { $0.seconds >= end * 0.2 }),
              let last = samples.last(where: { $0.seconds <= end * 0.9 }), last.seconds > first.seconds else { return nil }
        return Double(last.requests - first.requests) / (last.seconds - first.seconds)
    }
}
