import BillingSyncSpawn
import Foundation

/// Runs a program to its end on a thread of its own and awaits it, so a test that waits for a
/// tool (promtool, systemd-analyze) never holds one of the cooperative pool's few threads: on a
/// 2-core machine two blocked threads stall every other test's timers.
public struct ProgramRun: Sendable {
    /// The exit status.
    public let status: Int32
    /// What it wrote to standard output.
    public let output: String
    /// What it wrote to standard error.
    public let errors: String

    /// Runs `executable` with `arguments` in `directory` (the current one when nil).
    public static func run(_ executable: String, _ arguments: [String], in directory: String? = nil) async throws -> ProgramRun {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<ProgramRun, any Error>) in
            let thread = Thread {
                do {
                    continuation.resume(returning: try runBlocking(executable, arguments, in: directory))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.start()
        }
    }

    /// The blocking part: output goes to files (never a full pipe), then the process is awaited.
    private static func runBlocking(_ executable: String, _ arguments: [String], in directory: String?) throws -> ProgramRun {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("program-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out")
        let err = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        let read = { (url: URL) in (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        return ProgramRun(status: process.terminationStatus, output: read(out), errors: read(err))
    }
}
