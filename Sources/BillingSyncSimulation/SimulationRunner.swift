import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs many seeds on worker threads (each world runs on its own driver thread, below the
/// priority of everything else in the process) and sums up what they did.
public enum SimulationRunner {
    /// Runs `seeds` on `workers` threads; reports come back in seed order.
    public static func run(_ seeds: [UInt64], workers: Int, options: SimulationOptions = SimulationOptions(),
                           keepDatabasesIn kept: String? = nil,
                           progress: (@Sendable (Int) -> Void)? = nil) async -> [SimulationReport] {
        // Memory-backed when the machine has it: every commit fsyncs (synchronous=FULL).
        let root = FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : FileManager.default.temporaryDirectory.path
        let directory = "\(root)/billing-sync-sim-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer {
            if let kept {
                try? FileManager.default.moveItem(atPath: directory, toPath: kept)
            } else {
                try? FileManager.default.removeItem(atPath: directory)
            }
        }
        var options = options
        options.keepDatabase = kept != nil
        let queue = SeedQueue(seeds)
        let chosen = options
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, workers) {
                group.addTask {
                    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                        let thread = Thread {
                            // Below the other threads (on Linux, who = 0 is the calling thread).
                            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
                            while let seed = queue.next() {
                                let finished = queue.add(Simulation.run(seed: seed, options: chosen, directory: directory))
                                progress?(finished)
                            }
                            done.resume()
                        }
                        thread.stackSize = 8 << 20
                        thread.start()
                    }
                }
            }
        }
        return queue.reports
    }

    /// One line of figures: seeds, steps, crashes, edits, PUTs, outcomes, violations.
    public static func summary(_ reports: [SimulationReport], elapsed: Duration) -> String {
        let failing = reports.filter { !$0.violations.isEmpty }.count
        let steps = reports.map(\.steps).reduce(0, +)
        let crashes = reports.map(\.crashes).reduce(0, +)
        let midStep = reports.map(\.crashesMidStep).reduce(0, +)
        let puts = reports.map(\.puts).reduce(0, +)
        let edits = reports.map(\.editsQueued).reduce(0, +)
        let longStops = reports.map(\.longStops).reduce(0, +)
        let noise = reports.map(\.noiseRecords).reduce(0, +)
        let storage = reports.map(\.storageFaults).reduce(0, +)
        let addressChecks = reports.map(\.addressChecks).reduce(0, +)
        let reviews = reports.map(\.reviews).reduce(0, +)
        let azureSeeds = reports.filter(\.azure).count
        let azureChanges = reports.map(\.azureChanges).reduce(0, +)
        let armRequests = reports.map(\.armRequests).reduce(0, +)
        let armThrottled = reports.map(\.armThrottled).reduce(0, +)
        var outcomes: [String: Int] = [:]
        for report in reports { outcomes.merge(report.outcomes, uniquingKeysWith: +) }
        let first = reports.first?.seed ?? 0
        let last = reports.last?.seed ?? 0
        return "simulation: \(reports.count) seeds (\(first)…\(last)), \(steps) steps, \(crashes) crashes "
            + "(\(midStep) between two awaits of a step), \(longStops) stops of 100 days, \(noise) audit records that change nothing, \(storage) storage faults, "
            + "\(edits) edits queued, \(puts) PUTs, \(addressChecks) address checks, \(reviews) reviews, "
            + "\(azureSeeds) seeds with [azure] (\(azureChanges) ARM changes, \(armRequests) ARM requests, \(armThrottled) answered 429 by the read budget), outcomes "
            + "\(outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")), "
            + "\(failing) seeds with violations, \(elapsed)"
    }

    /// What a failing seed prints: its violations, the reproduction line and its last decisions.
    public static func describe(_ report: SimulationReport, traceLines: Int = 60) -> String {
        """
        seed \(report.seed) broke a promise: \(report.violations.prefix(5).joined(separator: " | "))
        reproduce: \(report.reproduction)
        trace (last decisions):
        \(report.trace.suffix(traceLines).joined(separator: "\n"))
        edits at the end:
        \(report.edits.joined(separator: "\n"))
        """
    }
}

/// Seeds handed to worker threads, and their reports.
final class SeedQueue: Sendable {
    private let state: Mutex<(next: Int, seeds: [UInt64], reports: [SimulationReport])>

    init(_ seeds: [UInt64]) { state = Mutex((0, seeds, [])) }

    func next() -> UInt64? {
        state.withLock { state in
            guard state.next < state.seeds.count else { return nil }
            defer { state.next += 1 }
            return state.seeds[state.next]
        }
    }

    /// Adds a report; returns how many are done.
    func add(_ report: SimulationReport) -> Int {
        state.withLock { state in
            state.reports.append(report)
            return state.reports.count
        }
    }

    var reports: [SimulationReport] { state.withLock { $0.reports }.sorted { $0.seed < $1.seed } }
}
