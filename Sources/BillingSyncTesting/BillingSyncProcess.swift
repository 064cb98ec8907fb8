import BillingSyncSpawn
import Foundation

/// The real `billing-sync` executable run as a child process, its output captured to a file.
public final class BillingSyncProcess: @unchecked Sendable {
    /// The running child.
    public let process: ChildProcess
    /// Where standard output and standard error go.
    public let logPath: String

    /// The executable built beside the test bundle (`.build/<triple>/debug/billing-sync`).
    public static func executableURL() throws -> URL {
        let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleFolder, bundleFolder.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("billing-sync")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let built = repository.appendingPathComponent(".build/debug/billing-sync")
        guard FileManager.default.isExecutableFile(atPath: built.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: built.path])
        }
        return built
    }

    /// Starts `billing-sync ARGUMENTS` with `environment` added to this process's environment.
    /// `executable` replaces the built binary (e.g. an installed copy); `launcher` runs it through
    /// another program, e.g. `setpriv --reuid=… --` to drop privileges.
    public init(arguments: [String], environment: [String: String] = [:], logPath: String,
                executable: URL? = nil, launcher: [String] = []) throws {
        self.logPath = logPath
        if !FileManager.default.fileExists(atPath: logPath) {
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        process = ChildProcess()
        try Self.configure(process, arguments: arguments, executable: executable, launcher: launcher)
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "NOTIFY_SOCKET")
        merged.removeValue(forKey: "JOURNAL_STREAM")
        merged.merge(environment) { _, new in new }
        process.environment = merged
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Sets `process` to run `billing-sync ARGUMENTS`: the built binary or `executable`, directly
    /// or through `launcher` (a program and its arguments, the binary's path appended).
    public static func configure(_ process: ChildProcess, arguments: [String], executable: URL? = nil,
                                 launcher: [String] = []) throws {
        let binary = try executable ?? executableURL()
        if let program = launcher.first {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = Array(launcher.dropFirst()) + [binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
    }

    /// The child's process id.
    public var pid: Int32 { process.processIdentifier }

    /// Sends a signal (SIGHUP, SIGTERM, SIGKILL, …).
    public func signal(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the child to exit, up to `timeout`; its exit status, or nil when still running.
    public func waitForExit(timeout: Duration) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline { return nil }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }

    /// Everything the child printed so far.
    public var output: String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    /// Kills the child if it still runs (cleanup after a failed test).
    public func terminateIfRunning() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
