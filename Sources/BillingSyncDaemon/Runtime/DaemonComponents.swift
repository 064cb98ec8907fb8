import AsyncHTTPClient
import AzureBillingClient
import BillingSyncConfig
import BillingSyncEngine
import BillingSyncStore
import Logging
import PartnerCenterClient

/// Everything one configuration builds: the store, the HTTP client and the engine's loops.
/// A reload builds a new set from the new configuration and shuts the old one down.
public struct DaemonComponents: Sendable {
    public let loaded: LoadedConfiguration
    public let store: StoreWriter
    public let httpClient: HTTPClient
    public let client: PartnerCenterClient
    public let scheduler: SyncScheduler
    /// The ARM billing customers mirror, when `[azure].enabled`.
    public let azureMirror: AzureMirror?
    /// The HTTP client of the ARM client (separate, so the Partner Center pool is not shared).
    let azureHTTPClient: HTTPClient?
    /// Where `runLoops` reports that it falls back to polling the outbox.
    let logger: Logger

    /// Opens (and migrates) the database and builds the client and the engine.
    public static func make(loaded: LoadedConfiguration, store: StoreWriter? = nil, observer: any SyncObserver,
                            logger: Logger) throws -> DaemonComponents {
        for secret in [loaded.clientSecret, loaded.refreshToken].compactMap({ $0 }) {
            SecretRedactor.shared.register(secret.reveal())
        }
        let store = try store ?? StoreWriter(path: loaded.configuration.database.path, options: loaded.connectionOptions())
        let clientConfiguration = loaded.partnerCenterClientConfiguration()
        let httpClient = PartnerCenterClient.makeHTTPClient(configuration: clientConfiguration)
        let client = PartnerCenterClient(configuration: clientConfiguration, httpClient: httpClient, logger: logger)
        let engine = loaded.engineConfiguration()
        let context = SyncContext(client: client, store: store, configuration: engine, observer: observer, logger: logger)
        var azureMirror: AzureMirror?
        var azureHTTPClient: HTTPClient?
        if loaded.configuration.azure.enabled {
            let azureConfiguration = loaded.azureClientConfiguration()
            let azureHTTP = AzureBillingClient.makeHTTPClient(configuration: azureConfiguration)
            let azureClient = AzureBillingClient(configuration: azureConfiguration, httpClient: azureHTTP, logger: logger)
            azureHTTPClient = azureHTTP
            azureMirror = AzureMirror(client: azureClient, store: store, settings: loaded.azureMirrorSettings(),
                                      observer: observer, environment: context.environment, logger: logger)
        }
        return DaemonComponents(loaded: loaded, store: store, httpClient: httpClient, client: client,
                                scheduler: SyncScheduler(context: context),
                                azureMirror: azureMirror, azureHTTPClient: azureHTTPClient, logger: logger)
    }

    /// The composition this configuration runs (`SyncRuntime`, shared with `sync --once`, the
    /// demo and the simulation): the engine's loops, the ARM mirror when enabled, the WAL
    /// checkpoint every `database.checkpoint_interval` and `periodicCheck` (the daemon's integrity
    /// check) every `database.integrity_check_interval` (never when that is zero).
    public func runtime(changes: (any OutboxChangeSignal)? = nil,
                        periodicCheck: (@Sendable () async -> Void)? = nil) -> SyncRuntime {
        let database = loaded.configuration.database
        let maintenance = periodicCheck.map {
            [SyncRuntime.PeriodicTask(name: "integrity check", every: database.integrityCheckInterval, action: $0)]
        } ?? []
        return SyncRuntime(scheduler: scheduler, azureMirror: azureMirror, checkpointInterval: database.checkpointInterval,
                           changes: changes, maintenance: maintenance)
    }

    /// Runs `runtime(…)` until cancelled. While it runs, a `DatabaseChangeWatcher` (inotify on the
    /// database's WAL) wakes the outbox loop when another process commits; without inotify the
    /// loop polls every `push.poll_interval` (logged once).
    public func runLoops(periodicCheck: (@Sendable () async -> Void)? = nil) async throws {
        let watcher = loaded.configuration.push.enabled
            ? DatabaseChangeWatcher.start(databasePath: store.path, logger: logger) : nil
        defer { watcher?.stop() }
        try await runtime(changes: watcher, periodicCheck: periodicCheck).run()
    }

    /// Releases the HTTP clients (the store stays open across reloads).
    public func shutdownHTTP() async {
        try? await httpClient.shutdown()
        try? await azureHTTPClient?.shutdown()
    }
}
