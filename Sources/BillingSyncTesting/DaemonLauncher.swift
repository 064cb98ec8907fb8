import BillingSyncConfig
import BillingSyncDaemon
import BillingSyncStore
import Foundation
import PartnerCenterEmulator

/// An emulator, a configuration file for it and a notify socket, for running the real
/// `billing-sync run` (and `sync --once`) as child processes the way systemd would: launching,
/// killing and restarting them, and polling the database and health file they write.
public struct DaemonLauncher: Sendable {
    /// The emulator and the configuration the child processes use.
    public let environment: EmulatedEnvironment
    /// The TOML configuration file passed with `--config`.
    public let configPath: String
    /// The socket passed in `NOTIFY_SOCKET`, collecting READY=1, WATCHDOG=1, STOPPING=1, ….
    public let notify: NotifySocketListener

    /// The emulator's state, for faults, drift and checks.
    public var state: EmulatorState { environment.emulator.state }
    /// The database file the daemon writes.
    public var databasePath: String { environment.databasePath }
    /// The one log every child process appends its output to.
    public var logPath: String { environment.folder + "/daemon.log" }

    /// Starts the emulator and writes the configuration; `databaseLines` are added to `[database]`
    /// (the shared writer only writes `path` there), e.g. `busy_timeout = "200ms"`.
    public static func start(_ emulator: EmulatorConfiguration, databaseLines: [String] = [],
                             adjust: (inout BillingSyncConfiguration) -> Void = { _ in }) async throws -> DaemonLauncher {
        let environment = try await EmulatedEnvironment.start(emulator, adjust: adjust)
        let configPath = try environment.writeConfigurationFile()
        if !databaseLines.isEmpty {
            let text = try String(contentsOfFile: configPath, encoding: .utf8)
            let patched = text.replacingOccurrences(of: "[database]\n",
                                                    with: "[database]\n" + databaseLines.joined(separator: "\n") + "\n")
            try patched.write(toFile: configPath, atomically: true, encoding: .utf8)
        }
        let notify = try NotifySocketListener(path: environment.folder + "/notify.sock")
        return DaemonLauncher(environment: environment, configPath: configPath, notify: notify)
    }

    /// Starts an emulator with `customers` customers generated from `seed`, configured the way
    /// the daemon tests run it: the audit feed polled every 200 ms, no periodic full resync.
    public static func startPolling(customers: Int, seed: UInt64, databaseLines: [String] = []) async throws -> DaemonLauncher {
        try await start(EmulatorConfiguration(customerCount: customers, seed: seed), databaseLines: databaseLines) { settings in
            settings.sync.auditInterval = .milliseconds(200)
            settings.sync.fullResyncInterval = .seconds(3600)
        }
    }

    /// Starts `billing-sync run` with NOTIFY_SOCKET set (and WATCHDOG_USEC when `watchdog` is
    /// given), appending to the one log.
    public func launch(watchdog: Duration? = nil) throws -> BillingSyncProcess {
        var environment = ["NOTIFY_SOCKET": notify.path]
        if let watchdog {
            let usec = watchdog.components.seconds * 1_000_000 + watchdog.components.attoseconds / 1_000_000_000_000
            environment["WATCHDOG_USEC"] = "\(usec)"
        }
        return try BillingSyncProcess(arguments: ["run", "--config", configPath], environment: environment, logPath: logPath)
    }

    /// Runs `billing-sync sync --once` to completion; its exit status (nil when still running
    /// after `timeout`, in which case it is killed).
    public func syncOnce(timeout: Duration = .seconds(60)) async throws -> Int32? {
        let process = try BillingSyncProcess(arguments: ["sync", "--once", "--config", configPath], logPath: logPath)
        defer { process.terminateIfRunning() }
        return try await process.waitForExit(timeout: timeout)
    }

    /// Waits until `condition` over a read-only connection holds, polling; false after `timeout`.
    public func waitUntil(timeout: Duration = .seconds(30), _ condition: (ReadContext) throws -> Bool) async throws -> Bool {
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

    /// Waits until the health file shows `code`; the last snapshot read (nil when none was).
    public func waitForHealth(_ code: String, timeout: Duration = .seconds(30)) async throws -> HealthSnapshot? {
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

    /// Stops the emulator (the folder is left for inspection).
    public func shutdown() async throws {
        try await environment.shutdown()
    }
}
