import BillingSyncStore
import BillingSyncTesting
import BillingSyncSpawn
import Foundation
import PartnerCenterEmulator
import Testing

/// Runs the real `billing-sync` binary to completion the way a user would, with standard output
/// and standard error captured apart; with an emulator and a configuration file for it when a
/// test needs one.
struct CLIRunner {
    /// What one run of the binary produced.
    struct Outcome: CustomStringConvertible {
        /// Exit status (or the signal number when `signaled`).
        let status: Int32
        let signaled: Bool
        let stdout: String
        let stderr: String

        var description: String { "exit \(status)\(signaled ? " (signal)" : "")\n--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)" }
    }

    /// The emulator and the database folder.
    let environment: EmulatedEnvironment
    /// A configuration file pointing at the emulator, with its secrets in files beside it.
    let configPath: String

    var folder: String { environment.folder }
    var state: EmulatorState { environment.emulator.state }
    var databasePath: String { environment.databasePath }

    /// Starts an emulator with `customers` customers and writes a configuration file for it.
    static func start(customers: Int = 12, seed: UInt64 = 31) async throws -> CLIRunner {
        let environment = try await EmulatedEnvironment.start(EmulatorConfiguration(customerCount: customers, seed: seed),
                                                              folder: EmulatedEnvironment.makeTemporaryFolder(prefix: "billing-sync-cli"))
        return CLIRunner(environment: environment, configPath: try environment.writeConfigurationFile())
    }

    /// Runs `billing-sync COMMAND ARGUMENTS --config <this configuration>`.
    func run(_ command: String, _ arguments: [String] = [], environment extra: [String: String] = [:],
             timeout: Duration = .seconds(60)) async throws -> Outcome {
        try await Self.run(command.split(separator: " ").map(String.init) + arguments + ["--config", configPath],
                           in: folder, environment: extra, timeout: timeout)
    }

    /// Opens the mirror read-only.
    func reader() throws -> StoreReader { try StoreReader(path: databasePath) }

    func shutdown() async throws { try await environment.shutdown() }

    /// Runs `billing-sync ARGUMENTS` in `folder` (output files go there) and waits for it to exit,
    /// polling so the test's own emulator keeps serving meanwhile.
    static func run(_ arguments: [String], in folder: String, environment extra: [String: String] = [:],
                    timeout: Duration = .seconds(60), executable: String? = nil, launcher: [String] = []) async throws -> Outcome {
        let name = folder + "/cli-" + UUID().uuidString.prefix(8)
        for path in [name + ".out", name + ".err"] where !FileManager.default.createFile(atPath: path, contents: nil) {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        let process = ChildProcess()
        try BillingSyncProcess.configure(process, arguments: arguments, executable: executable.map { URL(fileURLWithPath: $0) },
                                         launcher: launcher)
        var environment = ProcessInfo.processInfo.environment
        for key in ["NOTIFY_SOCKET", "JOURNAL_STREAM", "CREDENTIALS_DIRECTORY", "WATCHDOG_USEC"] { environment.removeValue(forKey: key) }
        process.environment = environment.merging(extra) { _, new in new }
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: name + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: name + ".err"))
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                Issue.record("billing-sync \(arguments.joined(separator: " ")) still ran after \(timeout)")
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return Outcome(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                       stdout: read(name + ".out"), stderr: read(name + ".err"))
    }


    /// The names in the SUBCOMMANDS section of a help text.
    static func helpSubcommands(_ help: String) -> Set<String> {
        guard let section = help.range(of: "SUBCOMMANDS:") else { return [] }
        let names = help[section.upperBound...].split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first,
                  name.wholeMatch(of: /[a-z][a-z-]*/) != nil else { return nil }
            return String(name)
        }
        return Set(names)
    }
}
