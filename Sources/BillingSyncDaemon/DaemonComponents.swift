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
                            wakeup: OutboxWakeup = OutboxWakeup(), logger: Logger) throws -> DaemonComponents {
        for secret in [loaded.clientSecret, loaded.refreshToken].compactMap({ $0 }) {
            SecretRedactor.shared.register(secret.reveal())
        }
        let store = try store ?? StoreWriter(path: loaded.configuration.database.path, options: loaded.connectionOptions())
        let clientConfiguration = loaded.partnerCenterClientConfiguration()
        let httpClient = PartnerCenterClient.makeHTTPClient(configuration: clientConfiguration)
        let client = PartnerCenterClient(configuration: clientConfiguration, httpClient: httpClient, logger: logger)
        let engine = loaded.engineConfiguration()
        let context = SyncContext(client: client, store: store, configuration: engine, observer: observer, logger: logger)
        let reconciler = Reconciler(context: context)
        let pusher = OutboxPusher(context: context)
        var azureMirror: AzureMirror?
        var azureHTTPClient: HTTPClient?
        if loaded.configuration.azure.enabled {
            let azureConfiguration = loaded.azureClientConfiguration()
            let azureHTTP = AzureBillingClient.makeHTTPClient(configuration: azureConfiguration)
            let azureClient = AzureBillingClient(configuration: azureConfiguration, httpClient: azureHTTP, logger: logger)
            azureHTTPClient = azureHTTP
            azureMirror = AzureMirror(client: azureClient, store: store, settings: loaded.azureMirrorSettings(),
                                      observer: observer, logger: logger)
        }
        return DaemonComponents(loaded: loaded, store: store, httpClient: httpClient, client: client,
                                scheduler: SyncScheduler(reconciler: reconciler, pusher: pusher, wakeup: wakeup),
                                azureMirror: azureMirror, azureHTTPClient: azureHTTPClient, logger: logger)
    }

    /// Runs the engine's loops and the periodic WAL checkpoint until cancelled. While they run,
    /// a `DatabaseChangeWatcher` (inotify on the database's WAL) wakes the outbox loop when
    /// another process commits; without inotify it polls every `push.poll_interval` (logged once).
    /// `periodicCheck` (the daemon's integrity check) runs every `database.integrity_check_interval`
    /// (not at all when that is zero).
    public func runLoops(periodicCheck: (@Sendable () async -> Void)? = nil) async throws {
        let scheduler = self.scheduler
        let store = self.store
        let azureMirror = self.azureMirror
        let checkpointInterval = loaded.configuration.database.checkpointInterval
        let checkInterval = loaded.configuration.database.integrityCheckInterval
        let watcher = loaded.configuration.push.enabled
            ? DatabaseChangeWatcher.start(databasePath: store.path, logger: logger) : nil
        defer { watcher?.stop() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await scheduler.runReconcileLoop() }
            group.addTask { try await scheduler.runAuditLoop() }
            group.addTask { try await scheduler.runOutboxLoop(changes: watcher) }
            if let azureMirror {
                group.addTask { try await azureMirror.runAzureLoop() }
            }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: checkpointInterval)
                    try? await store.checkpoint()
                }
            }
            if let periodicCheck, checkInterval > .zero {
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: checkInterval)
                        await periodicCheck()
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Releases the HTTP clients (the store stays open across reloads).
    public func shutdownHTTP() async {
        try? await httpClient.shutdown()
        try? await azureHTTPClient?.shutdown()
    }
}
