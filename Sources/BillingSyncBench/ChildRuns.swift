import BillingSyncTesting
import Foundation

/// The measured children of an initial load, all against the same configuration file:
/// `billing-sync sync --once` (the real sync, and its unchanged re-sync), and the two baselines
/// `billing-sync-bench plain-loop` (the client without the store) and `raw-loop` (the transport).
enum ChildRuns {
    /// Runs `billing-sync sync --once --config PATH` and checks that it fetched `expected` profiles.
    /// `label` names its log (`<label>.log`).
    static func sync(configPath: String, folder: String, expected: Int, timeout: Duration,
                     label: String = "sync") async throws -> ChildUsage {
        try await run(try BenchWorkspace.billingSyncExecutable(), ["sync", "--once", "--config", configPath],
                      log: folder + "/\(label).log", label: "billing-sync sync --once (\(label))",
                      pattern: syncFetchedPrefix, expected: expected, timeout: timeout).usage
    }

    /// Runs `billing-sync sync --once --config PATH` and reports without judging: its usage (exit
    /// status included) and the profiles it says it fetched (nil when it did not say).
    static func syncReport(configPath: String, folder: String, label: String,
                           timeout: Duration) async throws -> (usage: ChildUsage, fetched: Int?) {
        let child = try MeasuredChild(executable: try BenchWorkspace.billingSyncExecutable(),
                                     arguments: ["sync", "--once", "--config", configPath], logPath: folder + "/\(label).log")
        let usage = try await child.wait(timeout: timeout)
        return (usage, count(after: syncFetchedPrefix, in: child.output))
    }

    /// Runs a second `sync --once` against the database a first one filled and the unchanged
    /// emulator: it must fetch `expected` profiles and find none changed (which also shows that
    /// the configuration's database path was reused, since a new database would change them all).
    static func resync(configPath: String, folder: String, expected: Int, timeout: Duration) async throws -> ChildUsage {
        let (usage, output) = try await run(try BenchWorkspace.billingSyncExecutable(),
                                            ["sync", "--once", "--config", configPath],
                                            log: folder + "/resync.log", label: "billing-sync sync --once (re-sync)",
                                            pattern: syncFetchedPrefix, expected: expected, timeout: timeout)
        let changed = count(after: "changed ", in: output)
        guard changed == 0 else {
            throw BenchError(.invalidRun, "the re-sync changed \(changed.map(String.init) ?? "?") profiles, not 0 (was the database reused?)")
        }
        return usage
    }

    /// Runs the plain GET loop and checks that it fetched `expected` profiles.
    static func plainLoop(configPath: String, folder: String, expected: Int, timeout: Duration) async throws -> ChildUsage {
        try await run(try BenchWorkspace.benchExecutable(), ["plain-loop", "--config", configPath],
                      log: folder + "/plain-loop.log", label: "plain-loop", pattern: PlainLoopCommand.fetchedPrefix,
                      expected: expected, timeout: timeout).usage
    }

    /// Runs the raw AsyncHTTPClient GET loop and checks that it fetched `expected` profiles.
    static func rawLoop(configPath: String, folder: String, expected: Int, timeout: Duration) async throws -> ChildUsage {
        try await run(try BenchWorkspace.benchExecutable(), ["raw-loop", "--config", configPath],
                      log: folder + "/raw-loop.log", label: "raw-loop", pattern: RawLoopCommand.fetchedPrefix,
                      expected: expected, timeout: timeout).usage
    }

    /// The number after the last `pattern` in `text`, e.g. `profiles fetched 1000`.
    static func count(after pattern: String, in text: String) -> Int? {
        guard let range = text.range(of: pattern, options: .backwards) else { return nil }
        return Int(text[range.upperBound...].prefix(while: \.isNumber))
    }

    /// What `sync --once` prints before the number of profiles it fetched.
    private static let syncFetchedPrefix = "profiles fetched "

    /// Starts `executable ARGUMENTS`, waits for it and checks that it succeeded and printed
    /// `pattern` followed by `expected`; its usage and output.
    private static func run(_ executable: String, _ arguments: [String], log: String, label: String, pattern: String,
                            expected: Int, timeout: Duration) async throws -> (usage: ChildUsage, output: String) {
        let child = try MeasuredChild(executable: executable, arguments: arguments, logPath: log)
        let usage = try await child.wait(timeout: timeout)
        let output = child.output
        try check(usage, output: output, label: label)
        let fetched = count(after: pattern, in: output)
        guard fetched == expected else {
            throw BenchError(.invalidRun, "\(label) fetched \(fetched.map(String.init) ?? "?") of \(expected) profiles")
        }
        return (usage, output)
    }

    /// Throws `childFailed` (with the end of its output) unless the child exited with status 0.
    static func check(_ usage: ChildUsage, output: String, label: String) throws {
        guard usage.succeeded else {
            throw BenchError(.childFailed, "\(label) exited with \(usage.exitCode): \(output.suffix(600))")
        }
    }
}
