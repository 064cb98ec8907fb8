import BillingSyncSimulation
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Testing

/// The seeded simulation of the sync core (see `Simulation`). Environment:
/// - `BILLING_SYNC_SIM_SEED=N`: run only seed N (the reproduction line of a failing seed);
/// - `BILLING_SYNC_SIM_SEEDS=N`: how many seeds (default 500, what CI runs);
/// - `BILLING_SYNC_SIM_FIRST=N`: the first seed (default 1);
/// - `BILLING_SYNC_SIM_TRACE=N`: how many trace lines a failing seed prints (default 60);
/// - `BILLING_SYNC_SIM_KEEP=DIR`: keep the seeds' database files in DIR (to read them with sqlite3).
@Suite("Simulation of the sync core")
struct SimulationTests {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    static var seeds: [UInt64] {
        if let single = environment["BILLING_SYNC_SIM_SEED"].flatMap(UInt64.init) { return [single] }
        let count = environment["BILLING_SYNC_SIM_SEEDS"].flatMap(UInt64.init) ?? 500
        let first = environment["BILLING_SYNC_SIM_FIRST"].flatMap(UInt64.init) ?? 1
        return Array(first..<(first + count))
    }

    /// Runs `seeds` on `workers` threads (each world runs on its own driver thread).
    static func runAll(_ seeds: [UInt64], workers: Int) async -> [SimulationReport] {
        // Memory-backed when the machine has it: every commit fsyncs (synchronous=FULL).
        let root = FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : FileManager.default.temporaryDirectory.path
        let directory = "\(root)/billing-sync-sim-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer {
            if let kept = environment["BILLING_SYNC_SIM_KEEP"] {
                try? FileManager.default.moveItem(atPath: directory, toPath: kept)
            } else {
                try? FileManager.default.removeItem(atPath: directory)
            }
        }
        let queue = SeedQueue(seeds)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, workers) {
                group.addTask {
                    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                        let thread = Thread {
                            // Below the other tests' threads (on Linux, who = 0 is the calling thread): the seeds take CPU, not their deadlines.
                            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
                            while let seed = queue.next() {
                                var options = SimulationOptions()
                                if let lines = Self.environment["BILLING_SYNC_SIM_TRACE"].flatMap(Int.init) { options.traceLines = lines }
                                queue.add(Simulation.run(seed: seed, options: options, directory: directory))
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

    @Test("every promise holds for every seed (oracle after every step and at quiescence)")
    func seedsKeepEveryPromise() async throws {
        let seeds = Self.seeds
        let started = ContinuousClock.now
        let reports = await Self.runAll(seeds, workers: seeds.count == 1 ? 1 : 2)
        let elapsed = ContinuousClock.now - started
        let failing = reports.filter { !$0.violations.isEmpty }
        let steps = reports.map(\.steps).reduce(0, +)
        let crashes = reports.map(\.crashes).reduce(0, +)
        let midStep = reports.map(\.crashesMidStep).reduce(0, +)
        let puts = reports.map(\.puts).reduce(0, +)
        let edits = reports.map(\.editsQueued).reduce(0, +)
        var outcomes: [String: Int] = [:]
        for report in reports { outcomes.merge(report.outcomes, uniquingKeysWith: +) }
        print("simulation: \(reports.count) seeds (\(seeds.first ?? 0)…\(seeds.last ?? 0)), \(steps) steps, \(crashes) crashes "
              + "(\(midStep) between two awaits of a step), \(edits) edits queued, \(puts) PUTs, outcomes "
              + "\(outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")), "
              + "\(failing.count) seeds with violations, \(elapsed)")
        for report in failing.prefix(3) {
            Issue.record("""
                seed \(report.seed) broke a promise: \(report.violations.prefix(5).joined(separator: " | "))
                reproduce: \(report.reproduction)
                trace (last decisions):
                \(report.trace.suffix(Self.environment["BILLING_SYNC_SIM_TRACE"].flatMap(Int.init) ?? 60).joined(separator: "\n"))
                edits at the end:
                \(report.edits.joined(separator: "\n"))
                """)
        }
        #expect(reports.count == seeds.count)
        #expect(failing.isEmpty)
    }

    @Test("the same seed makes the same decisions and the same outcome")
    func deterministic() async {
        let seed: UInt64 = Self.environment["BILLING_SYNC_SIM_SEED"].flatMap(UInt64.init) ?? 7
        let first = await Self.runAll([seed], workers: 1)
        let second = await Self.runAll([seed], workers: 1)
        #expect(first.first?.trace == second.first?.trace)
        #expect(first.first?.outcomes == second.first?.outcomes)
        #expect(first.first?.puts == second.first?.puts)
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

    func add(_ report: SimulationReport) { state.withLock { $0.reports.append(report) } }

    var reports: [SimulationReport] { state.withLock { $0.reports }.sorted { $0.seed < $1.seed } }
}
