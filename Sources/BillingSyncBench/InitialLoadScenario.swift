import BillingSyncTesting
import Foundation

/// Scenario 1 (and the data of scenario 7): an initial load of N customers by a
/// `billing-sync sync --once` child, against two baselines on the same emulator (rate limit off,
/// no latency): the plain GET loop through `PartnerCenterClient` (`plain-loop`) and the raw
/// AsyncHTTPClient GET loop that parses nothing (`raw-loop`, the transport's limit), so the cost of
/// each layer shows: transport, client and parse, store. Then an unchanged re-sync by a second
/// `sync --once` on the same database, and the daemon (`billing-sync run`) loading an empty one.
/// The baselines run on NIO's event loops as their executor, as billing-sync does
/// (`LoadBaselineCommand`). The four children run against the bench's own emulator and, when
/// asked (`--load-emulator`), in the same rounds against the shipped one in a process of its own
/// (`EmulatorChild`).
struct InitialLoadScenario: Sendable {
    /// Which emulator serves the children.
    enum Server: String, Sendable, CaseIterable {
        /// The bench's own emulator, in the bench process (every scenario's server).
        case inProcess = "in-process"
        /// `billing-sync emulator` in a process of its own, as a user runs it.
        case emulatorProcess = "process"
    }

    /// The four children's usage against one server: of one round, or totals over the rounds.
    struct ChildTotals: Sendable {
        let raw: ChildUsage
        let plain: ChildUsage
        let sync: ChildUsage
        let resync: ChildUsage

        /// The rounds taken together (`ChildUsage.total` of each child).
        static func total(_ rounds: [ChildTotals]) -> ChildTotals {
            ChildTotals(raw: .total(rounds.map(\.raw)), plain: .total(rounds.map(\.plain)),
                        sync: .total(rounds.map(\.sync)), resync: .total(rounds.map(\.resync)))
        }
    }

    /// One size's measurements.
    struct Measurement: Sendable {
        let customers: Int
        /// Rounds of the four children (the totals are over them).
        let rounds: Int
        /// Against the bench's own emulator (nil when only the emulator process was measured).
        let inProcess: ChildTotals?
        /// Against `billing-sync emulator` in its own process (nil when not asked for).
        let emulatorProcess: ChildTotals?
        /// The daemon's load (against the bench's own emulator; nil without it).
        let daemon: DaemonLoadRun.Measurement?
        /// CPU seconds of `BareMirrorFloor`: the sync's rows inserted bare, once a round.
        let floorCPUSeconds: Double

        /// Profiles each of the four children fetched over all rounds.
        var profiles: Int { customers * rounds }

        /// CPU seconds of `usage` (a total over the rounds) per 1,000 profiles.
        func cpuPerThousand(_ usage: ChildUsage) -> Double { usage.cpuSeconds * 1000 / Double(profiles) }
        /// Profiles a second of `usage`'s wall time.
        func rate(_ usage: ChildUsage) -> Double { Double(profiles) / usage.wallSeconds }
    }

    /// The goal for a first load: at most this many CPU seconds per 1,000 profiles…
    static let cpuPerThousandGoal = 0.15
    /// …from this size on (smaller loads are dominated by process start and the token).
    static let cpuGoalFromSize = 10_000

    let workspace: BenchWorkspace

    /// Loads `customers` customers with each child: raw loop, plain loop, sync, re-sync, in
    /// `rounds` rounds (each sync on an empty database) against each of `servers`, then the daemon
    /// once (against the in-process emulator). The children of a round run one after the other,
    /// server after server, so a round's ratios compare runs made moments apart; the result holds
    /// each child's total over the rounds (a single run moves by ±10 % on a shared machine, a sum
    /// over rounds much less).
    func measure(customers: Int, rounds: Int = 1, servers: [Server] = [.inProcess]) async throws -> Measurement {
        let environment = try await workspace.environment("load-\(customers)", customers: customers)
        var child: EmulatorChild?
        do {
            let timeout = Self.timeout(customers: customers)
            var targets: [Server: (configPath: String, databasePath: String, folder: String)] = [:]
            if servers.contains(.inProcess) {
                targets[.inProcess] = (try environment.writeConfigurationFile(), environment.databasePath, environment.folder)
            }
            if servers.contains(.emulatorProcess) {
                let folder = environment.folder + "/emulator-process"
                let started = try await EmulatorChild.start(customers: customers, folder: folder, timeout: timeout)
                child = started
                targets[.emulatorProcess] = (started.configPath, started.databasePath, folder)
            }
            var runs: [Server: [ChildTotals]] = [:]
            for round in 0..<max(rounds, 1) {
                for server in Server.allCases {
                    guard let target = targets[server] else { continue }
                    if round > 0 { try Self.removeDatabase(at: target.databasePath) }
                    let folder = target.folder, configPath = target.configPath
                    let raw = try await ChildRuns.rawLoop(configPath: configPath, folder: folder, expected: customers,
                                                          timeout: timeout)
                    let plain = try await ChildRuns.plainLoop(configPath: configPath, folder: folder, expected: customers,
                                                              timeout: timeout)
                    let sync = try await ChildRuns.sync(configPath: configPath, folder: folder, expected: customers,
                                                        timeout: timeout)
                    let resync = try await ChildRuns.resync(configPath: configPath, folder: folder, expected: customers,
                                                            timeout: timeout)
                    runs[server, default: []].append(ChildTotals(raw: raw, plain: plain, sync: sync, resync: resync))
                }
            }
            if let child { try await child.stop() }
            child = nil
            // The last round's sync left its rows in every target's database; any one of them will do.
            guard let floorSource = targets[.inProcess] ?? targets[.emulatorProcess] else {
                throw BenchError(.invalidRun, "scenario 1 measured no server")
            }
            let floor = try await BareMirrorFloor(sourcePath: floorSource.databasePath, folder: floorSource.folder)
                .measure(repetitions: max(rounds, 1))
            guard floor.profiles == customers else {
                throw BenchError(.invalidRun, "the sync left \(floor.profiles) profile rows of \(customers) for the floor")
            }
            let daemon: DaemonLoadRun.Measurement? = if let target = targets[.inProcess] {
                try await DaemonLoadRun(configPath: target.configPath, folder: target.folder, expected: customers,
                                        timeout: timeout).measure()
            } else {
                nil
            }
            await workspace.finish(environment)
            return Measurement(customers: customers, rounds: max(rounds, 1), inProcess: runs[.inProcess].map(ChildTotals.total),
                               emulatorProcess: runs[.emulatorProcess].map(ChildTotals.total), daemon: daemon,
                               floorCPUSeconds: floor.cpuSeconds)
        } catch {
            if let child { try? await child.stop() }
            await workspace.finish(environment)
            throw error
        }
    }

    /// Removes a database and its `-wal` and `-shm` files, so the next sync loads from nothing.
    static func removeDatabase(at path: String) throws {
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.removeItem(atPath: file)
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
            if m.rounds > 1 {
                result.notes.append("N=\(m.customers): \(m.rounds) rounds of the four children; CPU, rates and ratios are of their totals.")
            }
            if let totals = m.inProcess { add(totals, of: m, as: "N=\(m.customers)", to: &result) }
            if let totals = m.emulatorProcess { add(totals, of: m, as: "N=\(m.customers) vs emulator process", to: &result) }
            if let daemon = m.daemon {
                result.add("N=\(m.customers) daemon initial load time", daemon.loadSeconds, "s")
                result.add("N=\(m.customers) daemon peak RSS", mebibytes(daemon.peakRSSBytes), "MiB")
            }
        }
        result.notes.append("Children are timed from spawn to exit (process start, token, listing, profile GETs, and for the sync the writes).")
        result.notes.append("raw-loop: AsyncHTTPClient only, bodies collected, not parsed; plain-loop: PartnerCenterClient, nothing stored.")
        result.notes.append("floor: the rows the sync left (customers, billing_profiles) inserted again as stored into an empty database of the same schema with bare C API calls, in the sync's transactions (a page of customers, batch_size profiles), WAL, synchronous=FULL, once a round; its thread's CPU is the least any sync storing them durably spends beyond the transport.")
        result.notes.append("The CPU-per-1k goal applies from N=\(cpuGoalFromSize) (the issue's 10k and 100k); the re-sync is a second sync --once on the same database with nothing changed.")
        if measurements.contains(where: { $0.emulatorProcess != nil }) {
            result.notes.append("\"vs emulator process\": the same children in the same rounds against `billing-sync emulator` in a process of its own instead of the bench's in-process emulator.")
        }
        return result
    }

    /// The figures and ratios of one server's children, named `label …`.
    private static func add(_ totals: ChildTotals, of m: Measurement, as label: String, to result: inout ScenarioResult) {
        for (name, usage) in [("raw-loop", totals.raw), ("plain-loop", totals.plain), ("sync", totals.sync)] {
            result.add("\(label) \(name) rate", m.rate(usage), "profiles/s")
            result.add("\(label) \(name) CPU", usage.cpuSeconds, "s")
            result.add("\(label) \(name) CPU per 1k profiles", m.cpuPerThousand(usage), "s")
            result.add("\(label) \(name) peak RSS", mebibytes(usage.peakRSSBytes), "MiB")
        }
        result.add("\(label) re-sync (unchanged) rate", m.rate(totals.resync), "profiles/s")
        result.add("\(label) re-sync (unchanged) CPU", totals.resync.cpuSeconds, "s")
        result.ratio("\(label) sync rate / plain-loop rate", m.rate(totals.sync) / m.rate(totals.plain), atLeast: 0.9)
        result.ratio("\(label) plain-loop rate / raw-loop rate", m.rate(totals.plain) / m.rate(totals.raw))
        result.ratio("\(label) sync CPU / plain-loop CPU", totals.sync.cpuSeconds / max(totals.plain.cpuSeconds, 0.001))
        result.ratio("\(label) plain-loop CPU / raw-loop CPU", totals.plain.cpuSeconds / max(totals.raw.cpuSeconds, 0.001))
        let goalApplies = m.customers >= cpuGoalFromSize
        result.ratio("\(label) sync CPU per 1k / 0.15 s", m.cpuPerThousand(totals.sync) / cpuPerThousandGoal,
                     atMost: goalApplies ? 1.0 : nil)
        result.ratio("\(label) sync CPU / raw-loop CPU", totals.sync.cpuSeconds / max(totals.raw.cpuSeconds, 0.001),
                     atMost: goalApplies ? 1.3 : nil)
        result.ratio("\(label) re-sync CPU / first-load CPU", totals.resync.cpuSeconds / max(totals.sync.cpuSeconds, 0.001),
                     atMost: 0.85)
        // The floor (`BareMirrorFloor`): no sync writing these rows durably can go below it.
        result.add("\(label) floor: bare inserts of the sync's rows CPU per 1k profiles",
                   m.floorCPUSeconds * 1000 / Double(m.profiles), "s")
        result.ratio("\(label) floor: (raw-loop + bare inserts) / raw-loop CPU",
                     (totals.raw.cpuSeconds + m.floorCPUSeconds) / max(totals.raw.cpuSeconds, 0.001))
        result.ratio("\(label) (sync - raw-loop) CPU / bare inserts CPU",
                     (totals.sync.cpuSeconds - totals.raw.cpuSeconds) / max(m.floorCPUSeconds, 0.001))
    }

    /// Scenario 7's result: peak RSS of the sync and of the daemon at the two largest sizes measured.
    static func memoryResult(_ measurements: [Measurement]) -> ScenarioResult {
        var result = ScenarioResult(number: 7, id: "memory-scaling")
        let sorted = measurements.filter { $0.inProcess != nil && $0.daemon != nil }
            .sorted { $0.customers < $1.customers }.suffix(2)
        guard let small = sorted.first, let large = sorted.last, small.customers < large.customers else {
            result.notes.append("needs two load sizes against the in-process emulator")
            return result
        }
        let sizes = "N=\(large.customers) / N=\(small.customers)"
        let peaks: [(process: String, ratioPrefix: String, peak: (Measurement) -> Int)] = [
            ("sync", "", { $0.inProcess?.sync.peakRSSBytes ?? 0 }), ("daemon", "daemon ", { $0.daemon?.peakRSSBytes ?? 0 }),
        ]
        for (process, ratioPrefix, peak) in peaks {
            let smallMiB = mebibytes(peak(small))
            let largeMiB = mebibytes(peak(large))
            result.add("N=\(small.customers) \(process) peak RSS", smallMiB, "MiB")
            result.add("N=\(large.customers) \(process) peak RSS", largeMiB, "MiB")
            result.ratio("\(ratioPrefix)peak RSS \(sizes)", largeMiB / smallMiB, atMost: 1.10)
            result.ratio("\(ratioPrefix)peak RSS N=\(large.customers) / 64 MiB", largeMiB / 64, atMost: 1.0)
        }
        result.notes.append("sync: billing-sync sync --once; daemon: billing-sync run until its first full reconcile succeeded, then SIGTERM.")
        if large.customers < 100_000 {
            result.notes.append("The issue's sizes are 10k vs 100k; this run compared \(small.customers) vs \(large.customers).")
        }
        return result
    }

    static func mebibytes(_ bytes: Int) -> Double { Double(bytes) / 1_048_576 }
}
