import BillingSyncEngine
import BillingSyncStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The daemon's initial load: a `billing-sync run --config PATH` child on an empty database,
/// watched until its first full reconcile has succeeded (the `full_reconcile.last_success`
/// checkpoint, read through a read-only connection, as the reliability tests wait for it) and all
/// `expected` profiles are stored, then stopped with SIGTERM. Its peak RSS is `VmHWM` sampled every
/// 20 ms up to that moment.
struct DaemonLoadRun: Sendable {
    /// What one daemon run cost.
    struct Measurement: Sendable {
        /// Seconds from spawn until the initial load was seen complete.
        let loadSeconds: Double
        /// Peak RSS in bytes when the initial load was seen complete.
        let peakRSSBytes: Int
        /// CPU and exit of the whole run (including the graceful stop after SIGTERM).
        let usage: ChildUsage
    }

    /// The configuration file of the `sync --once` children; the daemon's is a copy of it with
    /// its own database beside the first.
    let configPath: String
    let folder: String
    let expected: Int
    let timeout: Duration

    func measure() async throws -> Measurement {
        let databasePath = folder + "/daemon.sqlite"
        let daemonConfig = try Self.copyConfiguration(configPath, databasePath: databasePath, to: folder + "/daemon.toml")
        let child = try MeasuredChild(executable: try BenchWorkspace.billingSyncExecutable(),
                                     arguments: ["run", "--config", daemonConfig], logPath: folder + "/daemon.log")
        let clock = ContinuousClock()
        let started = clock.now
        var peak = 0
        var reader: StoreReader?
        var sample = 0
        while true {
            guard let current = child.currentPeakRSS() else {
                let usage = try await child.wait(timeout: timeout)
                throw BenchError(.childFailed, "billing-sync run exited with \(usage.exitCode) before its initial load: \(child.output.suffix(600))")
            }
            peak = max(peak, current)
            if sample % 5 == 0, Self.loaded(&reader, databasePath: databasePath) { break }
            guard started.duration(to: clock.now) < timeout else {
                child.signal(SIGKILL)
                _ = try? await child.wait(timeout: .seconds(30))
                throw BenchError(.timeout, "billing-sync run did not finish its initial load of \(expected) within \(timeout)")
            }
            sample += 1
            try await Task.sleep(for: .milliseconds(20))
        }
        let loadSeconds = started.duration(to: clock.now).seconds
        peak = max(peak, child.currentPeakRSS() ?? 0)
        let stored = try reader?.read { try $0.counts().profiles }
        child.signal(SIGTERM)
        let usage = try await child.wait(timeout: timeout + .seconds(60))
        try ChildRuns.check(usage, output: child.output, label: "billing-sync run (stopped with SIGTERM)")
        guard stored == expected else {
            throw BenchError(.invalidRun, "billing-sync run stored \(stored.map(String.init) ?? "?") of \(expected) profiles")
        }
        return Measurement(loadSeconds: loadSeconds, peakRSSBytes: peak, usage: usage)
    }

    /// Whether the first full reconcile has succeeded; opens `reader` once the database exists.
    static func loaded(_ reader: inout StoreReader?, databasePath: String) -> Bool {
        if reader == nil, FileManager.default.fileExists(atPath: databasePath) {
            reader = try? StoreReader(path: databasePath)
        }
        guard let reader else { return false }
        return (try? reader.read { try $0.checkpoint(Reconciler.lastSuccessKey) }) != nil
    }

    /// Writes a copy of the configuration at `source` whose `[database] path` is `databasePath`.
    private static func copyConfiguration(_ source: String, databasePath: String, to target: String) throws -> String {
        let text = try String(contentsOfFile: source, encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("path = ") }) else {
            throw BenchError(.invalidRun, "no database path in \(source)")
        }
        try text.replacingOccurrences(of: String(line), with: "path = \"\(databasePath)\"")
            .write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }
}
