import ArgumentParser
import BillingSyncDaemon
import BillingSyncStore
import Foundation

/// `billing-sync-bench integrity`: what the daemon's start-up `PRAGMA quick_check`, `db check`
/// (`integrity_check`) and `db backup` cost on a mirror of N customers with their billing profiles.
struct IntegrityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "integrity",
        abstract: "Time quick_check, integrity_check and db backup on a mirror of N customers (docs/operations.md).")

    @Option(name: .long, help: "Customers (each with a billing profile) in the mirror.")
    var customers = 100_000

    @Option(name: .long, help: "Timed runs of each (the median is reported; the first run also reads the file from disk).")
    var repeats = 3

    @Flag(name: .long, help: "Keep the database folder.")
    var keep = false

    func run() async throws {
        let workspace = try BenchWorkspace.make(keep: keep)
        defer { if !keep { try? FileManager.default.removeItem(atPath: workspace.root) } }
        let path = workspace.root + "/mirror.sqlite"
        let data = try await ProfileRows.generate(count: customers)
        let loaded = try await StoreScenario.storeTime(data, path: path, batchSize: 200)
        let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        print("mirror: \(data.rows.count) customers and profiles, \(bytes / 1_048_576) MiB (written in \(format(loaded.seconds)))")
        let quick = try time { _ = try IntegrityReport.check(path: path, full: false) }
        print("quick_check:     \(quick)")
        let full = try time { _ = try IntegrityReport.check(path: path, full: true) }
        print("integrity_check: \(full)")
        let backup = try time {
            _ = try DatabaseBackup.run(databasePath: path, target: workspace.root + "/backup.sqlite")
            try FileManager.default.removeItem(atPath: workspace.root + "/backup.sqlite")
        }
        print("db backup (copy, integrity_check of the copy, fsync, rename): \(backup)")
    }

    /// "0.81 s (median of 3: 0.95, 0.81, 0.80)".
    func time(_ body: () throws -> Void) throws -> String {
        let clock = ContinuousClock()
        var runs: [Double] = []
        for _ in 0..<max(1, repeats) {
            let started = clock.now
            try body()
            runs.append(started.duration(to: clock.now).seconds)
        }
        return "\(format(runs.sorted()[runs.count / 2])) (median of \(runs.count): \(runs.map(format).joined(separator: ", ")))"
    }

    func format(_ seconds: Double) -> String { String(format: "%.2f s", seconds) }
}
