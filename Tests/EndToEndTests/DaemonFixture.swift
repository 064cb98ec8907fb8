import BillingSyncConfig
import BillingSyncStore
import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import PartnerCenterModels

/// An emulator, a configuration file for it and a notify socket, for running the real
/// `billing-sync run` as a child process the way systemd would.
struct DaemonFixture {
    let environment: EmulatedEnvironment
    let configPath: String
    let notify: NotifySocketListener

    var state: EmulatorState { environment.emulator.state }
    var databasePath: String { environment.databasePath }

    static func start(customers: Int, seed: UInt64 = 5,
                      adjust: (inout BillingSyncConfiguration) -> Void = { _ in }) async throws -> DaemonFixture {
        let environment = try await EmulatedEnvironment.start(EmulatorConfiguration(customerCount: customers, seed: seed),
                                                              adjust: adjust)
        let configPath = try environment.writeConfigurationFile()
        let notify = try NotifySocketListener(path: environment.folder + "/notify.sock")
        return DaemonFixture(environment: environment, configPath: configPath, notify: notify)
    }

    /// Starts `billing-sync run` with NOTIFY_SOCKET and WATCHDOG_USEC set, appending to one log.
    func launch(watchdog: Duration = .seconds(2)) throws -> BillingSyncProcess {
        let usec = watchdog.components.seconds * 1_000_000 + watchdog.components.attoseconds / 1_000_000_000_000
        return try BillingSyncProcess(arguments: ["run", "--config", configPath],
                                      environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "\(usec)"],
                                      logPath: environment.folder + "/daemon.log")
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

    func shutdown() async throws {
        try await environment.shutdown()
    }
}
