import BillingSyncConfig
import BillingSyncDaemon
import BillingSyncEngine
import BillingSyncStore
import Foundation
import Logging
import EmulatorSetup
import PartnerCenterEmulator

/// billing-sync wired to an in-process Partner Center emulator and a database in a fresh
/// folder: what the demo, the integration tests and the benchmarks start from.
public struct EmulatedEnvironment: Sendable {
    /// The running emulator.
    public let emulator: PartnerCenterEmulator
    /// The folder holding the database (and anything else a test writes).
    public let folder: String
    /// The configuration pointing at the emulator, with its credentials as secrets.
    public let loaded: LoadedConfiguration

    /// The database file.
    public var databasePath: String { loaded.configuration.database.path }

    /// Starts an emulator and prepares a configuration for it; `adjust` may change settings.
    public static func start(_ emulatorConfiguration: EmulatorConfiguration, folder: String? = nil,
                             adjust: (inout BillingSyncConfiguration) -> Void = { _ in }) async throws -> EmulatedEnvironment {
        let folder = try folder ?? makeTemporaryFolder()
        let emulator = try await PartnerCenterEmulator.start(emulatorConfiguration)
        let loaded = LoadedConfiguration.forEmulator(emulator, databasePath: folder + "/billing-sync.sqlite", adjust: adjust)
        return EmulatedEnvironment(emulator: emulator, folder: folder, loaded: loaded)
    }

    /// Builds the daemon's components (store, client, engine) for this environment.
    public func components(observer: any SyncObserver = NoSyncObserver(), store: StoreWriter? = nil,
                           logger: Logger = Logger(label: "billing-sync.test")) throws -> DaemonComponents {
        try DaemonComponents.make(loaded: loaded, store: store, observer: observer, logger: logger)
    }

    /// Stops the emulator (the folder is left for inspection).
    public func shutdown() async throws {
        try await emulator.shutdown()
    }

    /// Writes a TOML configuration for a `billing-sync` child process, with the secrets in files
    /// of mode 0600 beside it, and returns its path.
    public func writeConfigurationFile(extra: String = "") throws -> String {
        try EmulatorConfigurationFile(loaded: loaded, folder: folder).write(extra: extra)
    }

    /// A new empty folder under the system's temporary directory.
    public static func makeTemporaryFolder(prefix: String = "billing-sync-test") throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8).lowercased())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
