import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The shipped emulator (`billing-sync emulator`) in a process of its own, as a user runs it by
/// hand: generated customers, no rate limit, a free port, and the configuration it writes
/// (`--write-config`) for the children to use. Scenario 1 measures its children against it too
/// with `--load-emulator process|both`: a remote service's CPU is not on the client's machine, and
/// this one is neither in the bench's process nor on its executor.
struct EmulatorChild: Sendable {
    /// The running emulator.
    let process: MeasuredChild
    /// The `billing-sync.toml` it wrote.
    let configPath: String
    /// Its database path (`billing-sync.sqlite` beside the configuration).
    let databasePath: String

    /// What the emulator prints once its configuration is written (it serves before that).
    static let readyLine = "try: billing-sync sync --once --config "

    /// Starts `billing-sync emulator` with `customers` customers (seed 42, as the in-process
    /// one) writing its configuration into `folder`, and waits until it has (at most `timeout`:
    /// generating 100k customers takes a while).
    static func start(customers: Int, folder: String, timeout: Duration) async throws -> EmulatorChild {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let process = try MeasuredChild(executable: try BenchWorkspace.billingSyncExecutable(),
                                        arguments: ["emulator", "--port", "0", "--customers", "\(customers)", "--seed", "42",
                                                    "--rate-limit", "0", "--write-config", folder],
                                        logPath: folder + "/emulator.log")
        let deadline = ContinuousClock.now + timeout
        while !process.output.contains(readyLine) {
            if process.hasExited || ContinuousClock.now >= deadline {
                process.signal(SIGKILL)
                _ = try await process.wait(timeout: .seconds(10), since: .now)
                throw BenchError(.childFailed, "billing-sync emulator did not write its configuration: \(process.output.suffix(600))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return EmulatorChild(process: process, configPath: folder + "/billing-sync.toml",
                             databasePath: folder + "/billing-sync.sqlite")
    }

    /// Stops the emulator (SIGTERM, SIGKILL after 30 s) and reaps it.
    func stop() async throws {
        process.signal(SIGTERM)
        let usage = try await process.wait(timeout: .seconds(30), since: .now)
        if usage.killedAfterTimeout {
            throw BenchError(.childFailed, "billing-sync emulator did not stop on SIGTERM within 30 s")
        }
    }
}
