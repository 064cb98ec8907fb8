import BillingSyncTesting
import Foundation

/// Scenario 1 (and the data of scenario 7): an initial load of N customers by a
/// `billing-sync sync --once` child, against a plain GET loop child on the same emulator
/// (rate limit off, no latency).
struct InitialLoadScenario: Sendable {
    /// One size's measurements.
    struct Measurement: Sendable {
        let customers: Int
        let sync: ChildUsage
        let plain: ChildUsage

        var syncRate: Double { Double(customers) / sync.wallSeconds }
        var plainRate: Double { Double(customers) / plain.wallSeconds }
    }

    let workspace: BenchWorkspace

    /// Loads `customers` customers once with each child (the plain loop first).
    func measure(customers: Int) async throws -> Measurement {
        let environment = try await workspace.environment("load-\(customers)", customers: customers)
        do {
            let configPath = try environment.writeConfigurationFile()
            let timeout = Self.timeout(customers: customers)
            let plain = try await ChildRuns.plainLoop(configPath: configPath, folder: environment.folder,
                                                      expected: customers, timeout: timeout)
            let sync = try await ChildRuns.sync(configPath: configPath, folder: environment.folder,
                                                expected: customers, timeout: timeout)
            await workspace.finish(environment)
            return Measurement(customers: customers, sync: sync, plain: plain)
        } catch {
            await workspace.finish(environment)
            throw error
        }
    }

    /// A generous limit for one child: 2 minutes plus 20 ms per customer.
    static func timeout(customers: Int) -> Duration {
        .seconds(120) + .milliseconds(20 * customers)
    }

    /// Scenario 1's result from the measurements of every size.
    static func result(_ measurements: [Measurement]) -> ScenarioResult {
        var result = ScenarioResult(number: 1, id: "initial-load")
        for m in measurements {
            let n = "N=\(m.customers)"
            result.add("\(n) sync rate", m.syncRate, "profiles/s")
            result.add("\(n) plain-loop rate", m.plainRate, "profiles/s")
            result.add("\(n) sync CPU", m.sync.cpuSeconds, "s")
            result.add("\(n) plain-loop CPU", m.plain.cpuSeconds, "s")
            result.add("\(n) sync peak RSS", Self.mebibytes(m.sync.peakRSSBytes), "MiB")
            result.add("\(n) plain-loop peak RSS", Self.mebibytes(m.plain.peakRSSBytes), "MiB")
            result.ratio("\(n) sync rate / plain-loop rate", m.syncRate / m.plainRate, atLeast: 0.8)
            result.ratio("\(n) sync CPU / plain-loop CPU", m.sync.cpuSeconds / max(m.plain.cpuSeconds, 0.001))
        }
        result.notes.append("Children are timed from spawn to exit (process start, token, listing, profile GETs, and for the sync the writes).")
        return result
    }

    /// Scenario 7's result: peak RSS of the sync at the two largest sizes measured.
    static func memoryResult(_ measurements: [Measurement]) -> ScenarioResult {
        var result = ScenarioResult(number: 7, id: "memory-scaling")
        let sorted = measurements.sorted { $0.customers < $1.customers }.suffix(2)
        guard let small = sorted.first, let large = sorted.last, small.customers < large.customers else {
            result.notes.append("needs two load sizes")
            return result
        }
        let smallMiB = mebibytes(small.sync.peakRSSBytes)
        let largeMiB = mebibytes(large.sync.peakRSSBytes)
        result.add("N=\(small.customers) sync peak RSS", smallMiB, "MiB")
        result.add("N=\(large.customers) sync peak RSS", largeMiB, "MiB")
        result.ratio("peak RSS N=\(large.customers) / N=\(small.customers)", largeMiB / smallMiB, atMost: 1.10)
        result.ratio("peak RSS N=\(large.customers) / 64 MiB", largeMiB / 64, atMost: 1.0)
        if large.customers < 100_000 {
            result.notes.append("The issue's sizes are 10k vs 100k; this run compared \(small.customers) vs \(large.customers).")
        }
        return result
    }

    static func mebibytes(_ bytes: Int) -> Double { Double(bytes) / 1_048_576 }
}
