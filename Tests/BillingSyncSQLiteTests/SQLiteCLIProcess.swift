import BillingSyncSpawn
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A `sqlite3` command-line shell in a child process: a second, independent SQLite client.
///
/// Interactive sessions keep stdin open, so a transaction begun there stays open (holding its
/// locks) until ``finish()`` closes stdin or ``killHard()`` sends SIGKILL.
final class SQLiteCLIProcess {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The finished process's exit status and output.
    struct Outcome {
        let status: Int32
        let reason: Process.TerminationReason
        let output: String
        let errorOutput: String
    }

    /// `/usr/bin/sqlite3`, or `sqlite3` found on `PATH` (CI installs the `sqlite3` package).
    static var executable: String? {
        let candidates = ["/usr/bin/sqlite3"]
            + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/sqlite3" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private let process = ChildProcess()
    private let input = Pipe()
    private let output = Pipe()
    private let errors = Pipe()
    private var received = ""
    private var markerCount = 0

    /// The child's process id.
    var pid: Int32 { process.processIdentifier }

    /// Starts an interactive session on `databasePath` with stdin kept open.
    init(databasePath: String, arguments: [String] = []) throws {
        guard let executable = Self.executable else { throw Failure(description: "sqlite3 CLI not installed") }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-batch", "-init", "/dev/null"] + arguments + [databasePath]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
    }

    deinit {
        if process.isRunning { killHard() }
    }

    /// Sends SQL, then waits (up to `timeout`) until the shell has executed it.
    /// - Throws: when the shell reports an error on stderr or does not answer in time.
    func execute(_ sql: String, timeout: Duration = .seconds(10)) throws {
        markerCount += 1
        let marker = "cli-ready-\(markerCount)"
        send("\(sql)\nSELECT '\(marker)';\n")
        try waitForOutput(marker, timeout: timeout)
        let problems = Self.readAvailable(errors.fileHandleForReading.fileDescriptor)
        guard problems.isEmpty else { throw Failure(description: "sqlite3 reported: \(problems)") }
    }

    /// Writes raw text to the shell's stdin.
    func send(_ text: String) {
        input.fileHandleForWriting.write(Data(text.utf8))
    }

    /// Closes stdin (the shell rolls back any open transaction and exits) and waits for exit.
    @discardableResult
    func finish() -> Outcome {
        try? input.fileHandleForWriting.close()
        return waitForExit()
    }

    /// Kills the shell with SIGKILL, as a crash or power cut of a writer would, and waits for it.
    @discardableResult
    func killHard() -> Outcome {
        kill(process.processIdentifier, SIGKILL)
        try? input.fileHandleForWriting.close()
        return waitForExit()
    }

    private func waitForExit() -> Outcome {
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            reason: process.terminationReason,
            output: received + Self.readAvailable(output.fileHandleForReading.fileDescriptor),
            errorOutput: Self.readAvailable(errors.fileHandleForReading.fileDescriptor)
        )
    }

    private func waitForOutput(_ marker: String, timeout: Duration) throws {
        let deadline = ContinuousClock.now + timeout
        let descriptor = output.fileHandleForReading.fileDescriptor
        while !received.contains(marker) {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else {
                throw Failure(description: "sqlite3 did not answer within \(timeout); output so far: \(received)")
            }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000)
            guard poll(&poller, 1, max(1, milliseconds)) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { throw Failure(description: "sqlite3 closed its output; got: \(received)") }
            received += String(decoding: buffer[..<count], as: UTF8.self)
        }
    }

    /// Reads whatever is already in a pipe without blocking.
    private static func readAvailable(_ descriptor: Int32) -> String {
        var text = ""
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while poll(&poller, 1, 0) > 0, poller.revents & Int16(POLLIN) != 0 {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { break }
            text += String(decoding: buffer[..<count], as: UTF8.self)
        }
        return text
    }

    /// Runs one non-interactive `sqlite3` invocation to completion.
    static func run(databasePath: String, sql: String, arguments: [String] = []) throws -> Outcome {
        let session = try SQLiteCLIProcess(databasePath: databasePath, arguments: arguments)
        session.send(sql + "\n")
        return session.finish()
    }
}
