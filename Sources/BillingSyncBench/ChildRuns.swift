import BillingSyncTesting
import Foundation

/// The two measured children of an initial load: `billing-sync sync --once` (the real sync) and
/// `billing-sync-bench plain-loop` (the baseline), both against the same configuration file.
enum ChildRuns {
    /// Runs `billing-sync sync --once --config PATH` and checks that it fetched `expected` profiles.
    static func sync(configPath: String, folder: String, expected: Int, timeout: Duration) async throws -> ChildUsage {
        let child = try ChildProcess(executable: try BenchWorkspace.billingSyncExecutable(),
                                     arguments: ["sync", "--once", "--config", configPath],
                                     logPath: folder + "/sync.log")
        let usage = try await child.wait(timeout: timeout)
        try check(usage, child: child, label: "billing-sync sync --once", pattern: "profiles fetched ", expected: expected)
        return usage
    }

    /// Runs the plain GET loop and checks that it fetched `expected` profiles.
    static func plainLoop(configPath: String, folder: String, expected: Int, timeout: Duration) async throws -> ChildUsage {
        let child = try ChildProcess(executable: try BenchWorkspace.benchExecutable(),
                                     arguments: ["plain-loop", "--config", configPath],
                                     logPath: folder + "/plain-loop.log")
        let usage = try await child.wait(timeout: timeout)
        try check(usage, child: child, label: "plain-loop", pattern: PlainLoopCommand.fetchedPrefix, expected: expected)
        return usage
    }

    /// The number after the last `pattern` in `text`, e.g. `profiles fetched 1000`.
    static func count(after pattern: String, in text: String) -> Int? {
        guard let range = text.range(of: pattern, options: .backwards) else { return nil }
        return Int(text[range.upperBound...].prefix(while: \.isNumber))
    }

    private static func check(_ usage: ChildUsage, child: ChildProcess, label: String, pattern: String,
                              expected: Int) throws {
        let output = child.output
        guard usage.succeeded else {
            throw BenchError(.childFailed, "\(label) exited with \(usage.exitCode): \(output.suffix(600))")
        }
        let fetched = count(after: pattern, in: output)
        guard fetched == expected else {
            throw BenchError(.invalidRun, "\(label) fetched \(fetched.map(String.init) ?? "?") of \(expected) profiles")
        }
    }
}
