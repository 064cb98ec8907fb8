import BillingSyncStore
import BillingSyncTesting
import Foundation

/// Scenario 6: a reader process looping reporting queries while a `billing-sync sync --once`
/// child writes an initial load; its p99 latency and SQLITE_BUSY count, against the same reader
/// on the finished database with no writer.
struct ReaderScenario: Sendable {
    let workspace: BenchWorkspace
    let customers: Int

    func run() async throws -> ScenarioResult {
        let environment = try await workspace.environment("readers", customers: customers)
        do {
            let result = try await measure(environment)
            await workspace.finish(environment)
            return result
        } catch {
            await workspace.finish(environment)
            throw error
        }
    }

    private func measure(_ environment: EmulatedEnvironment) async throws -> ScenarioResult {
        try await StoreWriter(path: environment.databasePath).close()  // schema in place before the reader opens it
        let configPath = try environment.writeConfigurationFile()
        let underLoad = try startReader(environment, label: "load")
        let sync: ChildUsage
        do {
            sync = try await ChildRuns.sync(configPath: configPath, folder: environment.folder, expected: customers,
                                            timeout: InitialLoadScenario.timeout(customers: customers))
        } catch {
            _ = try? await stop(underLoad)
            throw error
        }
        let loaded = try await stop(underLoad)
        let idleReader = try startReader(environment, label: "idle")
        try await Task.sleep(for: .seconds(max(3, min(30, sync.wallSeconds / 4))))
        let idle = try await stop(idleReader)
        var result = ScenarioResult(number: 6, id: "readers")
        result.add("customers loaded", Double(customers), "customers")
        result.add("sync wall time", sync.wallSeconds, "s")
        result.add("under load: queries", Double(loaded.queries), "queries")
        result.add("under load: p50", loaded.p50Milliseconds, "ms")
        result.add("under load: p99", loaded.p99Milliseconds, "ms")
        result.add("under load: max", loaded.maxMilliseconds, "ms")
        result.add("under load: SQLITE_BUSY", Double(loaded.busy), "errors")
        result.add("under load: other errors", Double(loaded.errors), "errors")
        result.add("idle: p50", idle.p50Milliseconds, "ms")
        result.add("idle: p99", idle.p99Milliseconds, "ms")
        result.ratio("under load p99 / 50 ms", loaded.p99Milliseconds / 50, atMost: 1)
        result.ratio("under load p99 / idle p99", loaded.p99Milliseconds / max(idle.p99Milliseconds, 0.001))
        result.ratio("SQLITE_BUSY seen (count)", Double(loaded.busy + idle.busy), atMost: 0)
        if let error = loaded.firstError ?? idle.firstError { result.notes.append("first reader error: \(error)") }
        result.notes.append("Reader: read-only connection, busy_timeout 0, \(ReaderCommand.queries.count) queries in turn, 10 ms pause between queries.")
        return result
    }

    private struct RunningReader {
        let child: MeasuredChild
        let stopFile: String
        let output: String
    }

    private func startReader(_ environment: EmulatedEnvironment, label: String) throws -> RunningReader {
        let stopFile = environment.folder + "/reader-\(label).stop"
        let output = environment.folder + "/reader-\(label).json"
        let child = try MeasuredChild(executable: try BenchWorkspace.benchExecutable(),
                                     arguments: ["reader", "--database", environment.databasePath,
                                                 "--stop-file", stopFile, "--output", output],
                                     logPath: environment.folder + "/reader-\(label).log")
        return RunningReader(child: child, stopFile: stopFile, output: output)
    }

    private func stop(_ reader: RunningReader) async throws -> ReaderStatistics {
        _ = FileManager.default.createFile(atPath: reader.stopFile, contents: nil)
        // `wait(timeout:)` counts from the child's start: give the reader 60 s from now to stop
        // (a 100k load runs longer than 60 s, and the reader was killed the moment it was asked to stop).
        let usage = try await reader.child.wait(timeout: reader.child.started.duration(to: .now) + .seconds(60))
        guard usage.succeeded, let data = FileManager.default.contents(atPath: reader.output) else {
            throw BenchError(.childFailed, "reader exited with \(usage.exitCode): \(reader.child.output.suffix(400))")
        }
        return try JSONDecoder().decode(ReaderStatistics.self, from: data)
    }
}
