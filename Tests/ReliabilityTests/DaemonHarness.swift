import BillingSyncConfig
import BillingSyncDaemon
import BillingSyncSQLite
import BillingSyncStore
import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import PartnerCenterModels

/// An emulator, a configuration file for it and a notify socket, for running the real
/// `billing-sync run` (and `sync --once`) as child processes, killing and restarting them.
struct DaemonHarness {
    let environment: EmulatedEnvironment
    let configPath: String
    let notify: NotifySocketListener

    var state: EmulatorState { environment.emulator.state }
    var databasePath: String { environment.databasePath }
    var logPath: String { environment.folder + "/daemon.log" }

    /// Starts the emulator and writes the configuration; `databaseLines` are added to `[database]`
    /// (the shared writer only writes `path` there), e.g. `busy_timeout = "200ms"`.
    static func start(_ emulator: EmulatorConfiguration, databaseLines: [String] = [],
                      adjust: (inout BillingSyncConfiguration) -> Void = { _ in }) async throws -> DaemonHarness {
        let environment = try await EmulatedEnvironment.start(emulator, adjust: adjust)
        let configPath = try environment.writeConfigurationFile()
        if !databaseLines.isEmpty {
            let text = try String(contentsOfFile: configPath, encoding: .utf8)
            let patched = text.replacingOccurrences(of: "[database]\n", with: "[database]\n" + databaseLines.joined(separator: "\n") + "\n")
            try patched.write(toFile: configPath, atomically: true, encoding: .utf8)
        }
        let notify = try NotifySocketListener(path: environment.folder + "/notify.sock")
        return DaemonHarness(environment: environment, configPath: configPath, notify: notify)
    }

    /// Starts `billing-sync run` with NOTIFY_SOCKET set, appending to one log.
    func launch() throws -> BillingSyncProcess {
        try BillingSyncProcess(arguments: ["run", "--config", configPath],
                               environment: ["NOTIFY_SOCKET": notify.path], logPath: logPath)
    }

    /// Runs `billing-sync sync --once` to completion; its exit status.
    func syncOnce(timeout: Duration = .seconds(60)) async throws -> Int32? {
        let process = try BillingSyncProcess(arguments: ["sync", "--once", "--config", configPath], logPath: logPath)
        defer { process.terminateIfRunning() }
        return try await process.waitForExit(timeout: timeout)
    }

    /// Waits until `condition` over a read-only connection holds, polling.
    func waitUntil(timeout: Duration = .seconds(30), _ condition: (ReadContext) throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if FileManager.default.fileExists(atPath: databasePath),
               let reader = try? StoreReader(path: databasePath),
               (try? reader.read(condition)) == true {
                return true
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Waits until the health file shows `code`; the last snapshot read.
    func waitForHealth(_ code: String, timeout: Duration = .seconds(30)) async throws -> HealthSnapshot? {
        let file = HealthFile(databasePath: databasePath)
        let deadline = ContinuousClock.now + timeout
        var last: HealthSnapshot?
        while ContinuousClock.now < deadline {
            last = try? file.read()
            if last?.state == code { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        return last
    }

    func shutdown() async throws {
        try await environment.shutdown()
    }
}
